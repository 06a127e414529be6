using System.Globalization;
using Compliance.Rules.Facts;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// The engine's one entry point: an artifact with its lineage, the bills and the options in; a decision out.
/// Pure: no clock, no I/O, and the same inputs give the same result.
/// </summary>
public static class Evaluator
{
    public static EvaluationResult Evaluate(ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, EvaluationOptions options)
    {
        var activities = ActivityClassifier.Classify(artifact.Manifest, options.Gate?.Activity);
        // Everything an evaluation fills belongs to this call alone: state kept between calls once carried one
        // request's lineage into the next after an evaluation failed half-way.
        var closure = new List<ResolvedArtifact>();
        artifact.Closure(closure);
        var ordered = InResultOrder(bills);
        var billResults = new BillResult[ordered.Count];
        var conditions = new ConditionEvaluator();
        var obligations = new List<ObligationResult>();
        for (var i = 0; i < ordered.Count; i++)
        {
            billResults[i] = EvaluateBill(artifact, closure, ordered[i], activities, options, conditions, obligations);
        }
        var lineage = new LineageEntry[closure.Count];
        for (var i = 0; i < closure.Count; i++)
        {
            lineage[i] = new LineageEntry(closure[i].Id, closure[i].Digest, Ids(closure[i].Bases));
        }
        return new EvaluationResult
        {
            AsOf = options.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ManifestId = artifact.Id,
            ManifestDigest = artifact.Digest,
            Lineage = lineage,
            Activities = activities,
            Bills = billResults,
            Gate = options.Gate is { } gate ? Gate.Decide(gate, bills, billResults) : null,
        };
    }

    private static string[] Ids(IReadOnlyList<ResolvedArtifact> artifacts)
    {
        var ids = new string[artifacts.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = artifacts[i].Id;
        }
        return ids;
    }

    /// <summary>Bills by id, then version: a result lists them in one order whatever order they were asked in.</summary>
    private static IReadOnlyList<BillPack> InResultOrder(IReadOnlyList<BillPack> bills)
    {
        for (var i = 1; i < bills.Count; i++)
        {
            if (ResultOrder(bills[i - 1], bills[i]) > 0)
            {
                // Stable: two copies of one bill keep the order they were asked in.
                return [.. bills.Order(Comparer<BillPack>.Create(ResultOrder))];
            }
        }
        return bills;
    }

    private static int ResultOrder(BillPack a, BillPack b) =>
        string.CompareOrdinal(a.Id, b.Id) is var byId and not 0 ? byId : string.CompareOrdinal(a.Version, b.Version);

    private static BillResult EvaluateBill(ResolvedArtifact artifact, List<ResolvedArtifact> closure, BillPack pack, IReadOnlyList<ActivityResult> activities, EvaluationOptions options,
        ConditionEvaluator conditions, List<ObligationResult> obligations)
    {
        var overrides = options.Overrides?.GetValueOrDefault(pack.Id);
        conditions.Reset(artifact, pack, options.Trace, options.AsOf, overrides);
        var definitions = new OrderedDictionary<string, DefinitionResult>(pack.Definitions.Count, StringComparer.Ordinal);
        for (var i = 0; i < pack.Definitions.Count; i++)
        {
            var name = pack.Definitions[i].Name;
            var o = conditions.Definition(artifact, name);
            definitions.Add(name, new DefinitionResult(o.Value, o.Needs, o.Trace));
        }

        var acts = ActivityFlags.Of(activities, pack.Regulates);
        obligations.Clear();
        var upcoming = new List<UpcomingObligation>(0);
        var deployments = artifact.Manifest.Deployments;
        for (var i = 0; i < pack.Obligations.Count; i++)
        {
            var obligation = pack.Obligations[i];
            if (acts.TriggeringPhase(obligation) is not { } phase)
            {
                continue;
            }
            // A duty that reads deployment facts is owed per deployment; any other once, with no deployment in scope.
            if (obligation.PerDeployment && phase == Phase.Deployment && deployments is { Count: > 0 })
            {
                for (var d = 0; d < deployments.Count; d++)
                {
                    if (!obligation.ExcludesInternalUse || deployments[d].Channel != "internal")
                    {
                        Decide(obligation, phase, deployments[d]);
                    }
                }
            }
            else
            {
                Decide(obligation, phase, null);
            }
        }
        return new BillResult
        {
            Bill = pack.Id,
            Version = pack.Version,
            Title = pack.Title,
            Status = pack.StatusName,
            Source = pack.Source,
            Digest = pack.Digest,
            InForce = pack.InForceOn(options.AsOf),
            Overrides = overrides,
            Definitions = definitions,
            LineageDefinitions = options.Trace ? LineageDefinitions(closure, pack, conditions) : null,
            Obligations = obligations.ToArray(),
            Upcoming = upcoming,
        };

        void Decide(Obligation obligation, Phase phase, Deployment? deployment)
        {
            var scope = new FactScope(artifact, deployment, options.AsOf);
            var o = WithinTerritory(conditions.Evaluate(obligation.When, scope),
                Territory.Of(pack.Territory, phase, artifact.Manifest, deployment, obligation.PerDeployment, obligation.ExcludesInternalUse, options.Trace),
                pack.Territory.Count > 0, options.Trace);
            if (o.Value == Tri.False)
            {
                return;
            }
            if (AppliesFrom(obligation, conditions, scope, options.AsOf, ref o) is { } from && options.AsOf < from)
            {
                if (!Lists(upcoming, obligation.Id))
                {
                    upcoming.Add(new UpcomingObligation(obligation.Id, obligation.Title, obligation.Citation, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                }
                return;
            }
            var proof = EvidenceFor(artifact.Manifest.Evidence, obligation.Id);
            obligations.Add(new ObligationResult
            {
                Id = obligation.Id,
                Title = obligation.Title,
                Citation = obligation.Citation,
                Phase = Name(phase),
                Phases = obligation.PhaseNames,
                Holder = obligation.Holder,
                Blocking = obligation.Blocking,
                Status = proof is not null ? ObligationStatus.Satisfied : o.Value == Tri.True ? ObligationStatus.Outstanding : ObligationStatus.Undetermined,
                Due = obligation.Due?.Text,
                DueDate = DueDate(obligation.Due, phase, scope),
                Deployment = deployment?.Id,
                Needs = proof is null ? o.Needs : [],
                Evidence = proof?.Uri ?? (proof is null ? null : "declared in the manifest"),
                Penalty = obligation.Penalty,
                Trace = o.Trace,
            });
        }
    }

    /// <summary>The definitions this evaluation asked of the lineage's other artifacts (the closure past its first), in lineage then pack order; null if none.</summary>
    private static OrderedDictionary<string, OrderedDictionary<string, DefinitionResult>>? LineageDefinitions(List<ResolvedArtifact> closure, BillPack pack, ConditionEvaluator conditions)
    {
        OrderedDictionary<string, OrderedDictionary<string, DefinitionResult>>? explained = null;
        for (var a = 1; a < closure.Count; a++)
        {
            var other = closure[a];
            OrderedDictionary<string, DefinitionResult>? asked = null;
            for (var i = 0; i < pack.Definitions.Count; i++)
            {
                if (conditions.Asked(other, i) is { } o)
                {
                    (asked ??= new(StringComparer.Ordinal)).Add(pack.Definitions[i].Name, new DefinitionResult(o.Value, o.Needs, o.Trace));
                }
            }
            // Two inline copies of one base in a merge share an id; the first explains it.
            if (asked is not null)
            {
                (explained ??= new(StringComparer.Ordinal)).TryAdd(other.Id, asked);
            }
        }
        return explained;
    }

    private static bool Lists(List<UpcomingObligation> upcoming, string id)
    {
        foreach (var u in upcoming)
        {
            if (u.Id == id)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The first evidence the manifest gives for the duty: a manifest lists a few, so a scan beats an index.</summary>
    private static Evidence? EvidenceFor(IReadOnlyList<Evidence>? evidence, string obligationId)
    {
        for (var i = 0; i < (evidence?.Count ?? 0); i++)
        {
            if (string.Equals(evidence![i].Obligation, obligationId, StringComparison.Ordinal))
            {
                return evidence[i];
            }
        }
        return null;
    }

    /// <summary>
    /// The date the duty applies from: its own, or a transition's later date when the transition's condition holds.
    /// A transition whose condition is unknown, and whose date is still ahead, leaves the duty owed now or only later:
    /// <paramref name="outcome"/> becomes undetermined, naming the facts that would settle the transition.
    /// </summary>
    private static DateOnly? AppliesFrom(Obligation obligation, ConditionEvaluator conditions, FactScope scope, DateOnly asOf, ref Outcome outcome)
    {
        var from = obligation.AppliesFrom;
        for (var i = 0; i < obligation.Transitions.Count; i++)
        {
            var transition = obligation.Transitions[i];
            var applies = conditions.Evaluate(transition.When, scope);
            if (applies.Value == Tri.True && (from is null || transition.AppliesFrom > from))
            {
                from = transition.AppliesFrom;
            }
            else if (applies.Value == Tri.Unknown && asOf < transition.AppliesFrom && outcome.Value != Tri.False)
            {
                outcome = new Outcome(Tri.Unknown, [.. outcome.Needs, .. applies.Needs], outcome.Trace is { } trace
                    ? new TraceNode { Kind = "all", Outcome = Tri.Unknown, Children = [trace, applies.Trace!], Note = $"a transition ({transition.Citation}) may defer this duty to {transition.AppliesFrom:yyyy-MM-dd}" }
                    : null);
            }
        }
        return from;
    }

    /// <summary>The duty's condition, and-ed with whether the act reaches the bill's territory.</summary>
    private static Outcome WithinTerritory(Outcome condition, Territory.Reach reach, bool territorial, bool trace)
    {
        if (!territorial || condition.Value == Tri.False)
        {
            return condition;
        }
        var value = reach.Value == Tri.False ? Tri.False
            : reach.Value == Tri.Unknown ? Tri.Unknown
            : condition.Value;
        IReadOnlyList<string> needs = value != Tri.Unknown ? []
            : reach.Need is { } need ? [.. condition.Needs, need] : condition.Needs;
        var node = trace
            ? new TraceNode
            {
                Kind = "all",
                Outcome = value,
                Children = [condition.Trace!, new TraceNode { Kind = "territory", Outcome = reach.Value, Note = reach.Note, Fact = reach.Need }],
            }
            : null;
        return new Outcome(value, needs, node);
    }

    private static string? DueDate(Due? due, Phase phase, FactScope scope)
    {
        if (due?.From is not { } from)
        {
            return null;
        }
        FactValue? date = from == "activity.date"
            ? phase switch
            {
                Phase.Training => FactCatalog.All["training.startDate"].Read(scope),
                Phase.Release => FactCatalog.All["release.date"].Read(scope),
                // A duty owed once for all deployments runs from the first of them.
                Phase.Deployment => scope.Deployment is not null
                    ? FactCatalog.All["deployment.date"].Read(scope)
                    : FirstDeployment(scope.Artifact.Manifest.Deployments) is { } first ? FactValue.Of(first) : null,
                _ => null,
            }
            : FactCatalog.All[from].Read(scope);
        return date is { } d
            ? DaysAfter((int)d.Number, due.Days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>
    /// The day <paramref name="days"/> after a day number, saturated at the calendar's ends: the schema keeps
    /// manifest dates far from them, but a deadline must never be the one computation that throws.
    /// </summary>
    internal static DateOnly DaysAfter(int dayNumber, int days) =>
        DateOnly.FromDayNumber((int)Math.Clamp((long)dayNumber + days, DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber));

    private static DateOnly? FirstDeployment(IReadOnlyList<Deployment>? deployments)
    {
        DateOnly? first = null;
        for (var i = 0; i < (deployments?.Count ?? 0); i++)
        {
            if (deployments![i].Date is { } date && (first is null || date < first))
            {
                first = date;
            }
        }
        return first;
    }

    internal static string Name(Phase phase) => PhaseName.Of(phase);
}
