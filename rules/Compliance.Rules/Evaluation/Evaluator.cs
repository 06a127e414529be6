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
        var billResults = bills.OrderBy(b => b.Id, StringComparer.Ordinal).ThenBy(b => b.Version, StringComparer.Ordinal)
            .Select(b => EvaluateBill(artifact, b, activities, options)).ToList();
        return new EvaluationResult
        {
            AsOf = options.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ManifestId = artifact.Id,
            ManifestDigest = artifact.Digest,
            Lineage = artifact.Closure().Select(a => new LineageEntry(a.Id, a.Digest, a.Bases.Select(b => b.Id).ToList())).ToList(),
            Activities = activities,
            Bills = billResults,
            Gate = options.Gate is { } gate ? Gate.Decide(gate, bills, billResults) : null,
        };
    }

    private static BillResult EvaluateBill(ResolvedArtifact artifact, BillPack pack, IReadOnlyList<ActivityResult> activities, EvaluationOptions options)
    {
        var overrides = options.Overrides?.GetValueOrDefault(pack.Id);
        var conditions = new ConditionEvaluator(artifact, pack, options.Trace, options.AsOf, overrides);
        var definitions = new OrderedDictionary<string, DefinitionResult>(StringComparer.Ordinal);
        foreach (var definition in pack.Definitions)
        {
            var o = conditions.Definition(artifact, definition.Name);
            definitions.Add(definition.Name, new DefinitionResult(o.Value, o.Needs, o.Trace));
        }

        var acts = ActivityFlags.Of(activities, pack.Regulates);
        var obligations = new List<ObligationResult>();
        var upcoming = new List<UpcomingObligation>();
        var evidence = artifact.Manifest.Evidence is { Count: > 0 } listed
            ? listed.GroupBy(e => e.Obligation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            : null;
        foreach (var obligation in pack.Obligations)
        {
            if (TriggeringPhase(obligation, acts) is not { } phase)
            {
                continue;
            }
            foreach (var deployment in Scopes(obligation, phase, artifact.Manifest))
            {
                var o = WithinTerritory(conditions.Evaluate(obligation.When, new FactScope(artifact, deployment, options.AsOf)),
                    Territory.Of(pack.Territory, phase, artifact.Manifest, deployment, obligation.PerDeployment, obligation.ExcludesInternalUse), pack.Territory.Count > 0, options.Trace);
                if (o.Value == Tri.False)
                {
                    continue;
                }
                if (AppliesFrom(obligation, conditions, new FactScope(artifact, deployment, options.AsOf)) is { } from && options.AsOf < from)
                {
                    if (!upcoming.Exists(u => u.Id == obligation.Id))
                    {
                        upcoming.Add(new UpcomingObligation(obligation.Id, obligation.Title, obligation.Citation, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                    }
                    continue;
                }
                var proof = evidence?.GetValueOrDefault(obligation.Id);
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
                    DueDate = DueDate(obligation.Due, phase, new FactScope(artifact, deployment, options.AsOf)),
                    Deployment = deployment?.Id,
                    Needs = proof is null ? o.Needs : [],
                    Evidence = proof?.Uri ?? (proof is null ? null : "declared in the manifest"),
                    Penalty = obligation.Penalty,
                    Trace = o.Trace,
                });
            }
        }
        return new BillResult
        {
            Bill = pack.Id,
            Version = pack.Version,
            Title = pack.Title,
            Status = pack.Status.ToString().ToLowerInvariant(),
            Source = pack.Source,
            Digest = pack.Digest,
            InForce = pack.InForceOn(options.AsOf),
            Overrides = overrides,
            Definitions = definitions,
            Obligations = obligations,
            Upcoming = upcoming,
        };
    }

    /// <summary>The date the duty applies from: its own, or a transition's later date when the transition's condition holds.</summary>
    private static DateOnly? AppliesFrom(Obligation obligation, ConditionEvaluator conditions, FactScope scope)
    {
        var from = obligation.AppliesFrom;
        foreach (var transition in obligation.Transitions)
        {
            if (conditions.Evaluate(transition.When, scope).Value == Tri.True && (from is null || transition.AppliesFrom > from))
            {
                from = transition.AppliesFrom;
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
    /// The first of the duty's phases that an activity of the manifest triggers: training duties for a manifest with
    /// its own training, release duties for a release of weights (a code-only release triggers none), deployment
    /// duties for each deployment, incident and periodic duties while the model is trained, released or deployed.
    /// </summary>
    private readonly record struct ActivityFlags(bool Training, bool Release, bool Deployment, bool ExternalDeployment)
    {
        /// <summary>The acts the manifest declares, among those the bill regulates.</summary>
        public static ActivityFlags Of(IReadOnlyList<ActivityResult> activities, IReadOnlyList<Phase> regulated)
        {
            var deployment = regulated.Contains(Phase.Deployment);
            return new(
                regulated.Contains(Phase.Training) && activities.Any(a => a.Activity == ActivityKind.Training),
                regulated.Contains(Phase.Release) && activities.Any(a => a.Activity == ActivityKind.Release && a.Scope != "code"),
                deployment && activities.Any(a => a.Activity == ActivityKind.Deployment),
                deployment && activities.Any(a => a.Activity == ActivityKind.Deployment && a.Internal != true));
        }
    }

    private static Phase? TriggeringPhase(Obligation obligation, ActivityFlags acts)
    {
        var training = acts.Training;
        var release = acts.Release;
        var deployment = obligation.ExcludesInternalUse ? acts.ExternalDeployment : acts.Deployment;
        foreach (var phase in obligation.Phases)
        {
            var triggered = phase switch
            {
                Phase.Training => training,
                Phase.Release => release,
                Phase.Deployment => deployment,
                _ => training || release || deployment,
            };
            if (triggered)
            {
                return phase;
            }
        }
        return null;
    }

    private static readonly Deployment?[] NotOneDeployment = [null];

    /// <summary>A duty that reads deployment facts is owed per deployment; any other once. Null stands for "not one deployment".</summary>
    private static IEnumerable<Deployment?> Scopes(Obligation obligation, Phase phase, Manifest manifest)
    {
        if (obligation.PerDeployment && phase == Phase.Deployment && manifest.Deployments is { Count: > 0 } deployments)
        {
            return obligation.ExcludesInternalUse ? deployments.Where(d => d.Channel != "internal") : deployments;
        }
        return NotOneDeployment;
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
                    : scope.Artifact.Manifest.Deployments?.Min(d => d.Date) is { } first ? FactValue.Of(first) : null,
                _ => null,
            }
            : FactCatalog.All[from].Read(scope);
        return date is { } d
            ? DateOnly.FromDayNumber((int)d.Number).AddDays(due.Days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    internal static string Name(Phase phase) => PhaseName.Of(phase);
}
