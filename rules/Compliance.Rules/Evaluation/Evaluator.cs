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
            Selection = options.Selection,
            Bills = billResults,
            Upcoming = options.Selection == BillSelection.InForce ? UpcomingBills(options.UpcomingBills, options.AsOf) : null,
            Gate = options.Gate is { } gate ? Gate.Decide(gate, bills, billResults) : null,
        };
    }

    private static UpcomingBill[] UpcomingBills(IReadOnlyList<BillPack> packs, DateOnly asOf) =>
        [.. packs.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => new UpcomingBill(p.Id, p.Version, p.Title, p.Jurisdiction,
            p.Effective.From!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.StatusText(asOf)))];

    private static string[] Ids(IReadOnlyList<ResolvedArtifact> artifacts)
    {
        var ids = new string[artifacts.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = artifacts[i].Id;
        }
        return ids;
    }

    /// <summary>Every reading the pack declares with the option applied: the request's, else the default.</summary>
    private static OrderedDictionary<string, AppliedReading>? Applied(BillPack pack, IReadOnlyDictionary<string, string>? chosen)
    {
        if (pack.Readings.Count == 0)
        {
            return null;
        }
        var applied = new OrderedDictionary<string, AppliedReading>(pack.Readings.Count, StringComparer.Ordinal);
        foreach (var (name, reading) in pack.Readings)
        {
            var option = chosen?.GetValueOrDefault(name) ?? reading.Default;
            applied.Add(name, new AppliedReading(option, option == reading.Default));
        }
        return applied;
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
        var readings = options.Readings?.GetValueOrDefault(pack.Id);
        // Words are built from the trees, so explaining builds them even when the answer leaves them out.
        var reasoning = options.Trace || options.Explain;
        conditions.Reset(artifact, pack, reasoning, options.AsOf, overrides, readings);
        var explanation = options.Explain ? new Explanation(pack, (id, name) => DefinitionTrace(closure, conditions, pack, id, name)) : null;
        var definitions = new OrderedDictionary<string, DefinitionResult>(pack.Definitions.Count, StringComparer.Ordinal);
        for (var i = 0; i < pack.Definitions.Count; i++)
        {
            var definition = pack.Definitions[i];
            var o = conditions.Definition(artifact, definition.Name);
            definitions.Add(definition.Name, new DefinitionResult(o.Value, o.Needs, options.Trace ? o.Trace : null)
            {
                Because = explanation is null ? null : DefinitionBecause(explanation, o),
                Certainty = Rests(definition.Certainty, definition.Parameters, pack, options.AsOf),
            });
        }
        // Why each duty not listed is not: a bill that lists nothing says why in one sentence.
        var unlisted = explanation is null ? null : new List<string>();

        var acts = ActivityFlags.Of(activities, pack.Regulates);
        obligations.Clear();
        var upcoming = new List<UpcomingObligation>(0);
        var deployments = artifact.Manifest.Deployments;
        for (var i = 0; i < pack.Obligations.Count; i++)
        {
            var obligation = pack.Obligations[i];
            if (acts.TriggeringPhase(obligation) is not { } phase)
            {
                unlisted?.Add(NoActReason);
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
        var listed = obligations.ToArray();
        return new BillResult
        {
            Bill = pack.Id,
            Version = pack.Version,
            Title = pack.Title,
            Status = pack.StatusName,
            StatusText = pack.StatusText(options.AsOf),
            Jurisdiction = pack.Jurisdiction,
            Source = pack.Source,
            Digest = pack.Digest,
            InForce = pack.InForceOn(options.AsOf),
            Overrides = overrides,
            Readings = Applied(pack, readings),
            Definitions = definitions,
            LineageDefinitions = options.Trace ? LineageDefinitions(closure, pack, conditions) : null,
            Obligations = listed,
            Upcoming = upcoming,
            Penalties = PenaltiesOf(listed, pack),
            Because = listed.Length == 0 && upcoming.Count == 0 && unlisted is not null ? NothingOwed(unlisted, pack) : null,
        };

        void Decide(Obligation obligation, Phase phase, Deployment? deployment)
        {
            var scope = new FactScope(artifact, deployment, options.AsOf);
            var o = WithinTerritory(conditions.Evaluate(obligation.When, scope),
                Territory.Of(pack.Territory, phase, artifact.Manifest, deployment, obligation.PerDeployment, obligation.ExcludesInternalUse, reasoning),
                pack.Territory.Count > 0, reasoning);
            if (o.Value == Tri.False)
            {
                if (unlisted is not null)
                {
                    unlisted.Add(Explanation.Join(explanation!.Steps(o.Trace!, expand: true)));
                }
                return;
            }
            var appliesFrom = AppliesFrom(obligation, conditions, scope, options.AsOf, ref o);
            if (appliesFrom is { } from && options.AsOf < from)
            {
                if (!Lists(upcoming, obligation.Id))
                {
                    upcoming.Add(new UpcomingObligation(obligation.Id, obligation.Title, obligation.Citation, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    {
                        Role = RoleFor(obligation, phase),
                    });
                }
                return;
            }
            var proof = EvidenceFor(artifact.Manifest.Evidence, obligation.Id);
            var status = proof is not null ? ObligationStatus.Satisfied : o.Value == Tri.True ? ObligationStatus.Outstanding : ObligationStatus.Undetermined;
            var dueDate = DueDate(obligation.Due, phase, scope, appliesFrom);
            var overdue = status == ObligationStatus.Outstanding && dueDate is { } due && due < options.AsOf
                ? new Overdue(Day(due), options.AsOf.DayNumber - due.DayNumber)
                : null;
            obligations.Add(new ObligationResult
            {
                Id = obligation.Id,
                Title = reasoning ? Words(obligation.TitleText, obligation.Title, pack, options.AsOf, overrides)! : obligation.Title,
                Citation = obligation.Citation,
                Phase = Name(phase),
                Phases = obligation.PhaseNames,
                Holder = obligation.Holder,
                Role = RoleFor(obligation, phase),
                Blocking = obligation.Blocking,
                Status = status,
                Description = reasoning ? Words(obligation.DescriptionText, obligation.Description, pack, options.AsOf, overrides) : obligation.Description,
                Url = obligation.Url ?? pack.Source,
                Certainty = Rests(TransitionCertainty(obligation, obligation.Certainty), obligation.Parameters, pack, options.AsOf),
                Because = explanation is null ? "" : ObligationBecause(explanation, o, status, proof),
                Due = obligation.Due?.Text,
                DueDate = dueDate is { } date ? Day(date) : null,
                Overdue = overdue,
                Deployment = deployment?.Id,
                Needs = proof is null ? o.Needs : [],
                Evidence = proof?.Uri ?? (proof is null ? null : "declared in the manifest"),
                Penalty = obligation.Penalty,
                Trace = options.Trace ? o.Trace : null,
            });
        }
    }

    /// <summary>A definition's reasoning for the explanation: of the artifact evaluated, or of a base this evaluation asked.</summary>
    private static TraceNode? DefinitionTrace(List<ResolvedArtifact> closure, ConditionEvaluator conditions, BillPack pack, string? artifactId, string name)
    {
        if (artifactId is null)
        {
            return conditions.Definition(closure[0], name).Trace;
        }
        foreach (var other in closure)
        {
            if (other.Id == artifactId && conditions.Asked(other, pack.DefinitionIndex[name]) is { } asked)
            {
                return asked.Trace;
            }
        }
        return null;
    }

    private static string DefinitionBecause(Explanation explanation, Outcome o)
    {
        var steps = Explanation.Join(explanation.Steps(o.Trace!));
        return Sentence(steps.Length > 0 ? steps : "no condition to meet");
    }

    private static string ObligationBecause(Explanation explanation, Outcome o, ObligationStatus status, Evidence? proof)
    {
        var steps = Explanation.Join(explanation.Steps(o.Trace!));
        var why = steps.Length > 0 ? steps : "the bill puts it on everyone whose act it regulates";
        return status switch
        {
            ObligationStatus.Satisfied => Sentence($"met: the manifest declares evidence ({proof!.Uri ?? "no address given"}); owed because {why}"),
            ObligationStatus.Undetermined => Sentence($"undetermined: {why}"),
            // The due date and how far past it are fields of their own (dueDate, overdue): the words say why.
            _ => Sentence($"owed: {why}"),
        };
    }

    /// <summary>A clause as a sentence: capitalised, with a full stop.</summary>
    private static string Sentence(string clause) =>
        clause.Length == 0 ? clause : string.Concat(char.ToUpperInvariant(clause[0]).ToString(), clause.AsSpan(1), clause.EndsWith('.') ? "" : ".");

    private const string NoActReason = "the manifest declares none of the acts its duties attach to";

    /// <summary>
    /// Why a bill lists nothing: the reason most of its duties share (a second one when both are short). A duty not
    /// triggered by any act says less than one whose condition failed, so it is the reason only when there is no other.
    /// </summary>
    private static string NothingOwed(List<string> unlisted, BillPack pack)
    {
        if (pack.Obligations.Count == 0)
        {
            return "The bill imposes no duties.";
        }
        var reasons = unlisted.Where(r => r.Length > 0 && r != NoActReason).GroupBy(r => r, StringComparer.Ordinal)
            .Select((g, first) => (Reason: g.Key, Count: g.Count(), First: first))
            .OrderByDescending(r => r.Count).ThenBy(r => r.First)
            .Select(r => r.Reason).ToList();
        if (reasons.Count == 0)
        {
            return unlisted.Count > 0
                ? Sentence($"nothing is owed under this bill: {NoActReason} ({string.Join(", ", ActsDutiesAttachTo(pack).Select(PhaseName.Of))})")
                : "Nothing is owed under this bill.";
        }
        var told = reasons.Count > 1 && reasons[0].Length + reasons[1].Length < 240 ? $"{reasons[0]}; and {reasons[1]}" : reasons[0];
        return Sentence("nothing is owed under this bill: " + told);
    }

    /// <summary>
    /// The acts the bill regulates that some duty attaches to: a bill that regulates development but whose duties all
    /// fall on deployment (Texas) names deployment alone. Incident and periodic duties run while any act does.
    /// </summary>
    private static IEnumerable<Phase> ActsDutiesAttachTo(BillPack pack) =>
        pack.Regulates.Where(act => pack.Obligations.Any(o => o.Phases.Contains(act) || o.Phases.Any(p => p is Phase.Incident or Phase.Periodic)));

    /// <summary>The penalties the listed duties name, in the order the bill declares them; null when none.</summary>
    private static OrderedDictionary<string, Penalty>? PenaltiesOf(ObligationResult[] listed, BillPack pack)
    {
        OrderedDictionary<string, Penalty>? named = null;
        foreach (var (key, penalty) in pack.Penalties)
        {
            foreach (var o in listed)
            {
                if (o.Penalty == key)
                {
                    (named ??= new(StringComparer.Ordinal)).Add(key, penalty);
                    break;
                }
            }
        }
        return named;
    }

    /// <summary>The role acting: a duty on providers and deployers binds the deployer of a deployment, else the first role.</summary>
    private static string RoleFor(Obligation obligation, Phase phase) =>
        obligation.Roles.Count == 0 ? ""
        : phase == Phase.Deployment && obligation.Roles.Contains("deployer", StringComparer.Ordinal) ? "deployer"
        : obligation.Roles[0];

    /// <summary>The certainty of an answer: the least sure of the text's own and the parameters' values on the date asked about.</summary>
    private static Certainty Rests(Certainty certainty, IReadOnlyList<string> parameters, BillPack pack, DateOnly asOf)
    {
        foreach (var name in parameters)
        {
            if (pack.ParametersByName.TryGetValue(name, out var parameter))
            {
                certainty = CertaintyName.Weaker(certainty, parameter.Dated(asOf).Certainty);
            }
        }
        return certainty;
    }

    /// <summary>A duty's timing rests on its transitional provisions too.</summary>
    private static Certainty TransitionCertainty(Obligation obligation, Certainty certainty)
    {
        foreach (var transition in obligation.Transitions)
        {
            certainty = CertaintyName.Weaker(certainty, transition.Certainty);
        }
        return certainty;
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

    /// <summary>
    /// A text that names parameters states the values this evaluation used: an override, or a dated value in force.
    /// Bulk work (sweeps, comparisons) builds no words, so it keeps the pack's own text rather than writing one per value.
    /// </summary>
    private static string? Words(ParameterText? text, string? rendered, BillPack pack, DateOnly asOf, IReadOnlyDictionary<string, double>? overrides) =>
        text is not null && text.Varies(pack, overrides) ? text.Render(pack, asOf, overrides) : rendered;

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// The deadline: <c>days</c> after the date the duty counts from. An event before the duty applied counts from the
    /// day it began to apply (<paramref name="appliesFrom"/>): a model whose training started before Chapter V of the
    /// EU AI Act applied had two weeks from 2025-08-02 to notify, not two weeks from its start.
    /// </summary>
    private static DateOnly? DueDate(Due? due, Phase phase, FactScope scope, DateOnly? appliesFrom)
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
        return date is { } d ? DaysAfter(Math.Max((int)d.Number, appliesFrom?.DayNumber ?? int.MinValue), due.Days) : null;
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
