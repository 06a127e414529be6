using System.Text.Json.Serialization;

namespace Compliance.Rules.Manifests;

// The artifact manifest of the contract (docs/design.md). A fact that is absent is unknown: every field is nullable on purpose,
// and enumerations stay strings because the JSON Schema, not the CLR type, is what rejects a bad value.

public sealed record Manifest
{
    public required string SchemaVersion { get; init; }
    public required string Id { get; init; }

    /// <summary>
    /// Other ids the artifact is known by: its Hugging Face Hub repositories (owner/name). A corpus model is found by
    /// them, in any case, when a lineage names it as a base.
    /// </summary>
    public IReadOnlyList<string>? Aliases { get; init; }
    public string? Name { get; init; }

    /// <summary>Trained on broad data, designed for generality of output, adaptable to a wide range of tasks (a foundation or general-purpose model).</summary>
    public bool? GeneralPurpose { get; init; }
    public Organisation? Developer { get; init; }
    public Capabilities? Capabilities { get; init; }
    public Training? Training { get; init; }
    public Lineage? Lineage { get; init; }
    public IReadOnlyList<string>? OutputModalities { get; init; }
    public Weights? Weights { get; init; }
    public Release? Release { get; init; }
    public IReadOnlyList<Deployment>? Deployments { get; init; }
    public IReadOnlyList<Evidence>? Evidence { get; init; }
    public IReadOnlyList<Source>? Sources { get; init; }
}

public sealed record Organisation
{
    public string? Name { get; init; }
    public double? AnnualRevenueUsd { get; init; }
    public string? Headquarters { get; init; }

    // Thresholds Korea's AI Basic Act sets in won and in Korean users (who must designate a domestic representative).
    // Kept in the law's own currency: the engine converts no money.

    /// <summary>Total revenue in the preceding year, in Korean won.</summary>
    public double? AnnualRevenueKrw { get; init; }

    /// <summary>Revenue from AI services in the preceding year, in Korean won.</summary>
    public double? AiServiceRevenueKrw { get; init; }

    /// <summary>Average daily users in Korea of the organisation's AI services.</summary>
    public double? AverageDailyUsersKorea { get; init; }
}

public sealed record Training
{
    public string? Status { get; init; }
    public double? ComputeFlop { get; init; }
    public double? CostUsd { get; init; }
    public DateOnly? StartDate { get; init; }
    public IReadOnlyList<string>? DataModalities { get; init; }

    /// <summary>The kind of data that makes up most of the training data (EO 14110 § 4.2(b)(i): "primarily biological sequence data").</summary>
    public string? PrimaryDataModality { get; init; }
    public bool? ExternalInteraction { get; init; }
    public Cluster? Cluster { get; init; }
}

/// <summary>What is known of the model's performance, for bills that test capability rather than compute.</summary>
public sealed record Capabilities
{
    public bool? ComparableToFrontierBenchmarks { get; init; }
}

/// <summary>The computing cluster the training ran on, as its operator describes it (SB 1047 § 22602(d)).</summary>
public sealed record Cluster
{
    public string? Operator { get; init; }
    public double? PeakOpsPerSecond { get; init; }
    public double? NetworkGbps { get; init; }
}

public sealed record Lineage
{
    [JsonConverter(typeof(BaseReferencesConverter))]
    public IReadOnlyList<BaseReference> Base { get; init; } = [];
    public string? Relation { get; init; }
    public double? ComputeFlop { get; init; }
    public double? CostUsd { get; init; }
}

/// <summary>A lineage base: either the id of a registered artifact or a whole manifest written inline.</summary>
public sealed record BaseReference
{
    public string? Id { get; init; }
    public Manifest? Inline { get; init; }
    public string DisplayId => Inline?.Id ?? Id ?? "";
}

public sealed record Weights
{
    public double? Parameters { get; init; }
    public string? Sha256 { get; init; }
}

public sealed record Release
{
    public string? Weights { get; init; }
    public string? Code { get; init; }
    public string? License { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string>? Jurisdictions { get; init; }

    // The laws of 2026 (California AB 853).

    /// <summary>The developer itself offers the weights or source code for download from its own website or application (a "GenAI hosting platform", BPC § 22757.1(g)), not only through a third-party hub.</summary>
    public bool? SelfHosted { get; init; }
}

public sealed record Deployment
{
    public required string Id { get; init; }
    public string? Channel { get; init; }
    public Organisation? Deployer { get; init; }
    public DateOnly? Date { get; init; }
    public IReadOnlyList<string>? Jurisdictions { get; init; }
    public bool? InteractsWithNaturalPersons { get; init; }
    public IReadOnlyList<string>? GeneratesSyntheticContent { get; init; }
    public IReadOnlyList<string>? Domains { get; init; }
    public IReadOnlyList<string>? Practices { get; init; }
    public bool? ConsequentialDecisions { get; init; }
    public string? Minors { get; init; }

    /// <summary>The system generates or manipulates image, audio or video content that is a deep fake (EU AI Act Art. 3(60), 50(4)).</summary>
    public bool? DeepFakes { get; init; }

    /// <summary>The deployer is a body governed by public law or a private entity providing public services (EU AI Act Art. 27(1)).</summary>
    public bool? PublicService { get; init; }

    /// <summary>The insurance use is risk assessment and pricing of natural persons for life or health insurance (EU AI Act Annex III 5(c)).</summary>
    public bool? LifeOrHealthInsurance { get; init; }

    /// <summary>The deployer puts its own name or trademark on the system (EU AI Act Art. 25(1)(a)).</summary>
    public bool? OwnNameOrTrademark { get; init; }

    /// <summary>The deployer made a substantial modification to the system after it was placed on the market (EU AI Act Art. 3(23), 25(1)(b)).</summary>
    public bool? SubstantialModification { get; init; }

    /// <summary>The deployer uses the system for a purpose its provider did not intend (EU AI Act Art. 25(1)(c)).</summary>
    public bool? ChangedIntendedPurpose { get; init; }

    // Facts the laws of 2026 ask of a deployment: Colorado SB 26-189, the Utah AI Policy Act, Korea's AI Basic Act and
    // China's labelling measures.

    /// <summary>The system processes personal data (Colorado SB 26-189: automated decision-making technology).</summary>
    public bool? ProcessesPersonalData { get; init; }

    /// <summary>The system interacts with individuals in connection with a consumer transaction (Utah Code § 13-77-103(1)).</summary>
    public bool? ConsumerTransaction { get; init; }

    /// <summary>The system is used in providing the services of a licensed or state-certified occupation (Utah Code § 13-77-101(8)).</summary>
    public bool? RegulatedOccupation { get; init; }

    /// <summary>The interaction collects sensitive personal information: health, financial or biometric data (Utah Code § 13-77-101(5)(a)).</summary>
    public bool? CollectsSensitivePersonalData { get; init; }

    /// <summary>The interaction gives personalised advice relied on for significant personal decisions (Utah Code § 13-77-101(5)(b)).</summary>
    public bool? PersonalisedAdvice { get; init; }

    /// <summary>The system may significantly affect or endanger human life, physical safety or fundamental rights (Korea AI Basic Act Art. 2(4)).</summary>
    public bool? AffectsLifeSafetyOrRights { get; init; }

    /// <summary>The system is, or is part of, a service on which users publish content for others (China's labelling measures Art. 6).</summary>
    public bool? ContentDisseminationPlatform { get; init; }

    // The laws of 2026: Texas TRAIGA, California SB 942 as amended by AB 853, California SB 243, Illinois HB 3773.

    /// <summary>Monthly visitors or users of the system, a count of people (BPC § 22757.1(d): "over 1,000,000 monthly visitors or users"; (h): "2,000,000 unique monthly users").</summary>
    public double? MonthlyUsers { get; init; }

    /// <summary>A public-facing social media, file-sharing or mass messaging platform or stand-alone search engine distributing content to users who did not create it (BPC § 22757.1(h)).</summary>
    public bool? ContentDistributionPlatform { get; init; }

    /// <summary>The system runs in a capture device (camera, phone with camera or microphone, voice recorder) the deployer produces for sale (BPC § 22757.1(b), (c)).</summary>
    public bool? CaptureDevice { get; init; }

    /// <summary>The system is a companion chatbot (BPC § 22601(b)).</summary>
    public bool? CompanionChatbot { get; init; }

    /// <summary>The deployer knows that some of the system's users are minors (BPC § 22602(c)).</summary>
    public bool? KnownMinorUsers { get; init; }

    /// <summary>The deployer is a government body: a unit of a state or of a political subdivision exercising governmental functions (Texas Bus. &amp; Com. Code § 552.001(3)).</summary>
    public bool? PublicBody { get; init; }

    /// <summary>What the system is developed or deployed with the intent, or for the purpose, of doing, among those some bills prohibit (Texas Bus. &amp; Com. Code §§ 552.052-552.057); empty states none.</summary>
    public IReadOnlyList<string>? IntendedPurposes { get; init; }

    /// <summary>The deployer, as an employer, uses the system with respect to recruitment, hiring, promotion, discharge, discipline or other terms of employment (775 ILCS 5/2-102(L)).</summary>
    public bool? EmploymentDecisions { get; init; }
}

public sealed record Evidence
{
    public required string Obligation { get; init; }
    public string? Uri { get; init; }
    public DateOnly? Date { get; init; }
}

/// <summary>Where a fact came from: a corpus manifest cites the estimate it copies.</summary>
public sealed record Source
{
    public string? Title { get; init; }
    public string? Uri { get; init; }
    public DateOnly? Retrieved { get; init; }
    public string? Note { get; init; }

    /// <summary>The facts of the manifest this source gives, as JSON Pointers (/training/computeFlop), so every figure names where it was read.</summary>
    public IReadOnlyList<string>? Facts { get; init; }
}
