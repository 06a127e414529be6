using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Facts;

/// <summary>What a fact is read from: an artifact and, for deployment duties, one of its deployments.</summary>
public readonly record struct FactScope(ResolvedArtifact Artifact, Deployment? Deployment, DateOnly AsOf = default);

/// <summary>A manifest field a bill may test, with its type and how to read it (null when the manifest leaves it out).</summary>
public sealed record FactDefinition(string Path, FactKind Kind, Func<FactScope, FactValue?> Read, string Description)
{
    /// <summary>For a derived fact, the manifest fields to find out when it is unknown (relative to the scope's artifact).</summary>
    public Func<FactScope, IReadOnlyList<string>>? MissingFacts { get; init; }

    /// <summary>
    /// What a number fact measures (<see cref="Packs.Unit"/>): a parameter of another unit cannot be compared with it.
    /// Every number fact declares one; other kinds have none.
    /// </summary>
    public string? Unit { get; init; }

    /// <summary>Deployment facts describe one deployment; a bill can only ask them of a deployment duty.</summary>
    public bool IsDeploymentFact => Path.StartsWith("deployment.", StringComparison.Ordinal);

    // What the fact describes, decided once from its path: AppliesTo runs on every comparison.
    private readonly Subject _subject = SubjectOf(Path);

    private enum Subject
    {
        Artifact,
        Lineage,
        Cluster,
        AnyDeployment,
        OneDeployment,
        Market,
    }

    private static Subject SubjectOf(string path) => path switch
    {
        _ when path.StartsWith("lineage.", StringComparison.Ordinal) => Subject.Lineage,
        _ when path.StartsWith("training.cluster.", StringComparison.Ordinal) => Subject.Cluster,
        _ when path.StartsWith("deployments.", StringComparison.Ordinal) => Subject.AnyDeployment,
        _ when path.StartsWith("deployment.", StringComparison.Ordinal) => Subject.OneDeployment,
        _ when path.StartsWith("market.", StringComparison.Ordinal) => Subject.Market,
        _ => Subject.Artifact,
    };

    /// <summary>
    /// Whether the thing the fact describes exists at all. A base model has no modification step, a run with no
    /// cluster described has no cluster, an act that is not a deployment has no deployment: every comparison on
    /// such a fact is false, not unknown. Within something that exists, a missing value stays unknown.
    /// </summary>
    public bool AppliesTo(FactScope scope) => _subject switch
    {
        Subject.Lineage => scope.Artifact.Manifest.Lineage is not null,
        Subject.Cluster => scope.Artifact.Manifest.Training?.Cluster is not null,
        Subject.AnyDeployment => scope.Artifact.Manifest.Deployments is { Count: > 0 },
        Subject.OneDeployment => scope.Deployment is not null,
        Subject.Market => FactCatalog.MadeAvailable(scope.Artifact.Manifest),
        _ => true,
    };

    /// <summary>Whether the thing the fact describes may be absent (a lineage, a cluster, a deployment): then <see cref="AppliesTo"/> can be false.</summary>
    public bool MayNotApply => _subject != Subject.Artifact;

    /// <summary>Why <see cref="AppliesTo"/> is false, for the trace.</summary>
    public string NotApplicableBecause => _subject switch
    {
        Subject.Lineage => "not applicable: the artifact has no lineage (a base model)",
        Subject.Cluster => "not applicable: the manifest describes no training cluster",
        Subject.AnyDeployment => "not applicable: the manifest lists no deployment",
        Subject.Market => "not applicable: the manifest declares no release of the weights and no deployment but internal ones: the model is not on the market",
        _ => "not applicable: not a deployment",
    };
}

/// <summary>
/// The vocabulary bills are written in: every fact path a condition may name. A pack naming anything else
/// is rejected when it loads, so a typo in a bill is an error rather than a silently unknown fact.
/// </summary>
public static partial class FactCatalog
{
    // A sum of two huge figures, or a share of a tiny one, can leave the range of a double. Past it the value saturates
    // at the largest double, which compares with every threshold as infinity would and can still be written in JSON.
    private static FactValue? Num(double? v) => v switch
    {
        null or double.NaN => null,
        { } d => FactValue.Of(Math.Clamp(d, double.MinValue, double.MaxValue)),
    };
    private static FactValue? Str(string? v) => v is { } s ? FactValue.Of(s) : null;
    private static FactValue? Bool(bool? v) => v is { } b ? FactValue.Of(b) : null;
    private static FactValue? List(IReadOnlyList<string>? v) => v is { } l ? FactValue.Of(l) : null;
    private static FactValue? Date(DateOnly? v) => v is { } d ? FactValue.Of(d) : null;

    private static Manifest M(FactScope s) => s.Artifact.Manifest;

    public static IReadOnlyDictionary<string, FactDefinition> All { get; } = new FactDefinition[]
    {
        new("id", FactKind.Text, s => Str(M(s).Id), "the artifact id"),
        new("asOf", FactKind.Date, s => s.AsOf == default ? null : FactValue.Of(s.AsOf), "the date the evaluation is made as of"),
        new("deployments.consequentialDecisions", FactKind.Boolean, s => AnyDeployment(M(s), d => d.ConsequentialDecisions), "some deployment makes or substantially assists consequential decisions"),
        new("deployments.lifeOrHealthInsurance", FactKind.Boolean, s => AnyDeployment(M(s), d => d.LifeOrHealthInsurance), "some deployment's insurance use is risk assessment and pricing for life or health insurance"),
        new("deployments.channels", FactKind.List, s => List(s.Artifact.DeploymentChannels), "the channels of all deployments together"),
        new("deployments.domains", FactKind.List, s => List(s.Artifact.DeploymentDomains), "the areas of use of all deployments together"),
        new("activities", FactKind.List, s => FactValue.Of(s.Artifact.ActivityKinds), "what the manifest declares: training, release (of weights), deployment"),
        new("capabilities.comparableToFrontierBenchmarks", FactKind.Boolean, s => Bool(M(s).Capabilities?.ComparableToFrontierBenchmarks), "performs like a 2024 model above 1e26 operations on common benchmarks"),
        new("generalPurpose", FactKind.Boolean, s => Bool(M(s).GeneralPurpose), "a foundation / general-purpose model"),
        new("developer.establishedInEu", FactKind.Boolean, s => M(s).Developer?.Headquarters is { } hq ? FactValue.Of(Evaluation.Territory.Matches([hq], ["EU"])) : null, "the developer is established in a member state of the EU (from developer.headquarters)")
        {
            // Derived: what a reader must find out is the manifest field it is derived from.
            MissingFacts = _ => ["developer.headquarters"],
        },
        new("training.cumulativeComputeFlop", FactKind.Number, s => Num(CumulativeCompute(s.Artifact)), "compute of the whole lineage: the original run plus every later modification (distilled teachers excluded)")
        {
            Unit = Packs.Unit.Flop,
            MissingFacts = s => MissingCompute(s.Artifact, s.Artifact),
        },
        new("training.developerComputeFlop", FactKind.Number, s => Num(DeveloperCompute(s.Artifact)), "compute the artifact's own developer used to train it: its own run or modification step plus, down the lineage, each base the same developer trained (a base another developer trained counts nothing; same developer from developer.name)")
        {
            Unit = Packs.Unit.Flop,
            MissingFacts = s => MissingDeveloperCompute(s.Artifact, s.Artifact),
        },
        new("lineage.baseComputeFlop", FactKind.Number, s => Num(BaseCompute(s.Artifact)), "cumulative compute of the base (the largest base, for a merge)")
        {
            Unit = Packs.Unit.Flop,
            MissingFacts = s => s.Artifact.Bases.SelectMany(b => MissingCompute(b, s.Artifact)).ToList(),
        },
        new("lineage.computeShare", FactKind.Number, s => Num(M(s).Lineage?.ComputeFlop is { } step && BaseCompute(s.Artifact) is { } whole and > 0 ? step / whole : null), "the modification step's compute as a fraction of its base's")
        {
            Unit = Packs.Unit.Ratio,
            MissingFacts = s => [.. M(s).Lineage?.ComputeFlop is null ? ["lineage.computeFlop"] : Array.Empty<string>(), .. s.Artifact.Bases.SelectMany(b => MissingCompute(b, s.Artifact))],
        },
        new("developer.name", FactKind.Text, s => Str(M(s).Developer?.Name), "who trains the artifact"),
        new("developer.annualRevenueUsd", FactKind.Number, s => Num(M(s).Developer?.AnnualRevenueUsd), "developer's gross revenue with affiliates, preceding calendar year") { Unit = Packs.Unit.Usd },
        new("developer.headquarters", FactKind.Text, s => Str(M(s).Developer?.Headquarters), "where the developer is established"),
        new("training.status", FactKind.Text, s => Str(M(s).Training?.Status), "planned | in-progress | completed"),
        new("training.computeFlop", FactKind.Number, s => Num(M(s).Training?.ComputeFlop), "operations of the artifact's own training") { Unit = Packs.Unit.Flop },
        new("training.costUsd", FactKind.Number, s => Num(M(s).Training?.CostUsd), "cost of that compute at average cloud prices at the start of training") { Unit = Packs.Unit.Usd },
        new("training.startDate", FactKind.Date, s => Date(M(s).Training?.StartDate), "when training starts or started"),
        new("training.dataModalities", FactKind.List, s => List(M(s).Training?.DataModalities), "kinds of training data"),
        new("training.primaryDataModality", FactKind.Text, s => Str(PrimaryDataModality(M(s).Training)), "the kind of data that makes up most of the training data: as stated, or the only kind training.dataModalities lists")
        {
            MissingFacts = s => M(s).Training?.DataModalities is null ? ["training.primaryDataModality", "training.dataModalities"] : ["training.primaryDataModality"],
        },
        new("training.externalInteraction", FactKind.Boolean, s => Bool(M(s).Training?.ExternalInteraction), "evaluations during training wired to external systems"),
        new("training.cluster.operator", FactKind.Text, s => Str(M(s).Training?.Cluster?.Operator), "who operates the training cluster"),
        new("training.cluster.peakOpsPerSecond", FactKind.Number, s => Num(M(s).Training?.Cluster?.PeakOpsPerSecond), "cluster theoretical maximum operations per second") { Unit = Packs.Unit.OpsPerSecond },
        new("training.cluster.networkGbps", FactKind.Number, s => Num(M(s).Training?.Cluster?.NetworkGbps), "cluster data-center networking in Gbit/s") { Unit = Packs.Unit.GbitPerSecond },
        new("lineage.relation", FactKind.Text, s => Str(M(s).Lineage?.Relation), "how the artifact was made from its base"),
        new("lineage.computeFlop", FactKind.Number, s => Num(M(s).Lineage?.ComputeFlop), "operations of the modification step only") { Unit = Packs.Unit.Flop },
        new("lineage.costUsd", FactKind.Number, s => Num(M(s).Lineage?.CostUsd), "cost of the modification step only") { Unit = Packs.Unit.Usd },
        new("lineage.sameDeveloper", FactKind.Boolean, SameDeveloper, "the artifact's developer also developed every base (derived from developer.name)")
        {
            // Derived: a reader completes the developer names it is compared from, the artifact's and its bases'.
            MissingFacts = s => [
                .. M(s).Developer?.Name is null ? ["developer.name"] : Array.Empty<string>(),
                .. s.Artifact.Bases.Where(b => b.Manifest.Developer?.Name is null).Select(b => $"{b.Id}: developer.name"),
            ],
        },
        new("outputModalities", FactKind.List, s => List(M(s).OutputModalities), "what the model generates"),
        new("weights.parameters", FactKind.Number, s => Num(M(s).Weights?.Parameters), "number of parameters") { Unit = Packs.Unit.Count },
        new("release.weights", FactKind.Text, s => Str(M(s).Release?.Weights), "open | gated | licensed | internal | none"),
        new("release.code", FactKind.Text, s => Str(M(s).Release?.Code), "open | licensed | none"),
        new("release.license", FactKind.Text, s => Str(M(s).Release?.License), "SPDX licence id"),
        new("release.date", FactKind.Date, s => Date(M(s).Release?.Date), "release date"),
        new("release.jurisdictions", FactKind.List, s => List(M(s).Release?.Jurisdictions), "where the release is offered"),
        new("market.firstDate", FactKind.Date, s => Date(FirstMadeAvailable(M(s))), "when the model was first made available to others (placed on the market): the earliest date of its release of weights and of its deployments other than internal ones; unknown while one of them has no date")
        {
            MissingFacts = s => UndatedAvailability(M(s)),
        },
        new("deployment.id", FactKind.Text, s => Str(s.Deployment?.Id), "the deployment's id"),
        new("deployment.channel", FactKind.Text, s => Str(s.Deployment?.Channel), "api | consumer-app | enterprise | internal | agent | embedded"),
        new("deployment.deployer.name", FactKind.Text, s => Str(s.Deployment?.Deployer?.Name), "who runs the deployment"),
        new("deployment.deployer.annualRevenueUsd", FactKind.Number, s => Num(s.Deployment?.Deployer?.AnnualRevenueUsd), "deployer's revenue") { Unit = Packs.Unit.Usd },
        new("deployment.date", FactKind.Date, s => Date(s.Deployment?.Date), "when the deployment starts"),
        new("deployment.jurisdictions", FactKind.List, s => List(s.Deployment?.Jurisdictions), "where the deployment runs or is offered"),
        new("deployment.interactsWithNaturalPersons", FactKind.Boolean, s => Bool(s.Deployment?.InteractsWithNaturalPersons), "people interact with the system directly"),
        new("deployment.generatesSyntheticContent", FactKind.List, s => List(s.Deployment?.GeneratesSyntheticContent), "synthetic content the system emits"),
        new("deployment.domains", FactKind.List, s => List(s.Deployment?.Domains), "Annex III-style areas of use"),
        new("deployment.practices", FactKind.List, s => List(s.Deployment?.Practices), "practices the system engages in (EU AI Act Art. 5, Art. 50(3))"),
        new("deployment.consequentialDecisions", FactKind.Boolean, s => Bool(s.Deployment?.ConsequentialDecisions), "makes or substantially assists consequential decisions"),
        new("deployment.minors", FactKind.Text, s => Str(s.Deployment?.Minors), "likely | unlikely | excluded"),
        new("deployment.deepFakes", FactKind.Boolean, s => Bool(s.Deployment?.DeepFakes), "generates or manipulates image, audio or video content that is a deep fake"),
        new("deployment.publicService", FactKind.Boolean, s => Bool(s.Deployment?.PublicService), "the deployer is a body governed by public law or a private entity providing public services"),
        new("deployment.lifeOrHealthInsurance", FactKind.Boolean, s => Bool(s.Deployment?.LifeOrHealthInsurance), "the insurance use is risk assessment and pricing for life or health insurance"),
        new("deployment.ownNameOrTrademark", FactKind.Boolean, s => Bool(s.Deployment?.OwnNameOrTrademark), "the deployer puts its own name or trademark on a system someone else provides"),
        new("deployment.substantialModification", FactKind.Boolean, s => Bool(s.Deployment?.SubstantialModification), "the deployer substantially modified the system after it was placed on the market"),
        new("deployment.changedIntendedPurpose", FactKind.Boolean, s => Bool(s.Deployment?.ChangedIntendedPurpose), "the deployer uses the system for a purpose its provider did not intend"),
        // The laws of 2026: Texas TRAIGA, California AB 2013, SB 942 as amended by AB 853, SB 243, Illinois HB 3773.
        new("release.selfHosted", FactKind.Boolean, s => Bool(M(s).Release?.SelfHosted), "the developer offers the weights or source code for download from its own website or application (a GenAI hosting platform)"),
        new("deployment.monthlyUsers", FactKind.Number, s => Num(s.Deployment?.MonthlyUsers), "monthly visitors or users of the system (a count of people)") { Unit = Packs.Unit.Count },
        new("deployment.contentDistributionPlatform", FactKind.Boolean, s => Bool(s.Deployment?.ContentDistributionPlatform), "a public-facing social media, file-sharing or mass messaging platform or stand-alone search engine distributing content to users who did not create it"),
        new("deployment.captureDevice", FactKind.Boolean, s => Bool(s.Deployment?.CaptureDevice), "the system runs in a capture device (camera, phone, voice recorder) the deployer produces for sale"),
        new("deployment.companionChatbot", FactKind.Boolean, s => Bool(s.Deployment?.CompanionChatbot), "the system is a companion chatbot: human-like, meets social needs, sustains a relationship across interactions"),
        new("deployment.knownMinorUsers", FactKind.Boolean, s => Bool(s.Deployment?.KnownMinorUsers), "the deployer knows that some of the system's users are minors"),
        new("deployment.publicBody", FactKind.Boolean, s => Bool(s.Deployment?.PublicBody), "the deployer is a government body (a unit of a state or local government exercising governmental functions)"),
        new("deployment.intendedPurposes", FactKind.List, s => List(s.Deployment?.IntendedPurposes), "what the system is developed or deployed with the intent, or for the purpose, of doing, among those some bills prohibit"),
        new("deployment.employmentDecisions", FactKind.Boolean, s => Bool(s.Deployment?.EmploymentDecisions), "the deployer, as an employer, uses the system with respect to recruitment, hiring, promotion, discharge, discipline or other terms of employment"),
    }.Concat(LawsOf2026()).ToDictionary(f => f.Path, StringComparer.Ordinal);

    /// <summary>
    /// The acts that make a model available to others: weights published, gated or licensed, and deployments that are
    /// not internal (an API, an app, an agent: the EU AI Act places a model on the market through any of them,
    /// GPAI Guidelines § 3.1.2). A deployment whose channel is not stated may be one, so its date counts too.
    /// </summary>
    private static IEnumerable<DateOnly?> AvailabilityDates(Manifest manifest)
    {
        if (ActivityClassifier.ReleasesWeights(manifest.Release))
        {
            yield return manifest.Release!.Date;
        }
        foreach (var deployment in manifest.Deployments ?? [])
        {
            if (deployment.Channel is not "internal")
            {
                yield return deployment.Date;
            }
        }
    }

    /// <summary>Whether the manifest declares an act that makes the model available to others.</summary>
    internal static bool MadeAvailable(Manifest manifest) => AvailabilityDates(manifest).Any();

    /// <summary>The earliest date the model was made available, or null when it never was or one of those acts is undated.</summary>
    private static DateOnly? FirstMadeAvailable(Manifest manifest)
    {
        var dates = AvailabilityDates(manifest).ToList();
        return dates.Count == 0 || dates.Contains(null) ? null : dates.Min();
    }

    private static IReadOnlyList<string> UndatedAvailability(Manifest manifest) =>
    [
        .. ActivityClassifier.ReleasesWeights(manifest.Release) && manifest.Release!.Date is null ? ["release.date"] : Array.Empty<string>(),
        .. (manifest.Deployments ?? []).Any(d => d.Channel is not "internal" && d.Date is null) ? ["deployment.date"] : Array.Empty<string>(),
    ];

    /// <summary>The kind of training data stated as primary, or the only kind listed; unknown when several are listed and none is named primary.</summary>
    private static string? PrimaryDataModality(Training? training) =>
        training?.PrimaryDataModality ?? (training?.DataModalities is [var only] ? only : null);

    /// <summary>True if some deployment says true; false if every one says false; unknown otherwise (or with none).</summary>
    private static FactValue? AnyDeployment(Manifest manifest, Func<Deployment, bool?> read)
    {
        if (manifest.Deployments is not { Count: > 0 } deployments)
        {
            return null;
        }
        var unknown = false;
        for (var i = 0; i < deployments.Count; i++)
        {
            switch (read(deployments[i]))
            {
                case true:
                    return FactValue.Of(true);
                case null:
                    unknown = true;
                    break;
            }
        }
        return unknown ? null : FactValue.Of(false);
    }

    private static FactValue? SameDeveloper(FactScope s)
    {
        var artifact = s.Artifact;
        if (artifact.Bases.Count == 0 || artifact.Manifest.Developer?.Name is null)
        {
            return null;
        }
        var unknown = false;
        foreach (var b in artifact.Bases)
        {
            switch (SameDeveloper(artifact.Manifest, b.Manifest))
            {
                case null:
                    unknown = true;
                    break;
                case false:
                    return FactValue.Of(false);
            }
        }
        return unknown ? null : FactValue.Of(true);
    }
}
