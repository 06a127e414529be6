using System.Text.Json.Serialization;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

// The evaluation result of the contract (docs/design.md, schemas/evaluation.schema.json). Lists are in a fixed order (bills by id,
// obligations as the pack lists them) so that the same inputs serialise to the same bytes.

public sealed record EvaluationResult
{
    /// <summary>
    /// How deep a result's JSON may nest: a trace step per condition (an object and its list of steps), and conditions
    /// nest no deeper than the pack document that holds them, plus the few levels of the result around the traces.
    /// </summary>
    public const int MaxJsonDepth = Json.JsonDocuments.MaxDepth + 32;

    public string? Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public required string AsOf { get; init; }
    public required string ManifestId { get; init; }
    public required string ManifestDigest { get; init; }
    public required IReadOnlyList<LineageEntry> Lineage { get; init; }
    public required IReadOnlyList<ActivityResult> Activities { get; init; }
    /// <summary>How the bills were chosen: "in-force" (none named: the bills in force on asOf), "named", or "all".</summary>
    public required string Selection { get; init; }
    public required IReadOnlyList<BillResult> Bills { get; init; }

    /// <summary>With the bills in force: the enacted bills that come into force after asOf, not evaluated.</summary>
    public IReadOnlyList<UpcomingBill>? Upcoming { get; init; }
    public GateResult? Gate { get; init; }

    /// <summary>Set on an answer a reader filtered (<see cref="ResultFilter"/>); a stored decision never carries one.</summary>
    public ResultFilter? Filter { get; init; }
}

/// <summary>An enacted bill not yet in force on the date asked about.</summary>
public sealed record UpcomingBill(string Bill, string Version, string Title, string Jurisdiction, string InForceFrom, string StatusText);

/// <summary>An artifact the decision depended on, with the digest of the manifest that was read.</summary>
public sealed record LineageEntry(string Id, string Digest, IReadOnlyList<string> Bases);

public sealed record ActivityResult
{
    [JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
    public required ActivityKind Activity { get; init; }
    public string? Deployment { get; init; }
    public string? Scope { get; init; }
    public bool? Internal { get; init; }
    public bool? Assumed { get; init; }
    public required string Because { get; init; }
}

public enum ActivityKind
{
    [JsonStringEnumMemberName("training")] Training,
    [JsonStringEnumMemberName("release")] Release,
    [JsonStringEnumMemberName("deployment")] Deployment,
    [JsonStringEnumMemberName("neither")] Neither,
}

public sealed record BillResult
{
    public required string Bill { get; init; }
    public required string Version { get; init; }
    public required string Title { get; init; }
    public required string Status { get; init; }

    /// <summary>The status in words on asOf: "vetoed on 2024-09-29: not law", "enacted: in force since 2026-01-01".</summary>
    public required string StatusText { get; init; }
    public required string Jurisdiction { get; init; }
    public required string Source { get; init; }
    public required string Digest { get; init; }
    public required bool InForce { get; init; }

    /// <summary>Parameter values the request substituted for the pack's, if any.</summary>
    public IReadOnlyDictionary<string, double>? Overrides { get; init; }

    /// <summary>The option applied for each reading the pack declares (absent when it declares none).</summary>
    public IReadOnlyDictionary<string, AppliedReading>? Readings { get; init; }
    public required OrderedDictionary<string, DefinitionResult> Definitions { get; init; }

    /// <summary>
    /// With a trace: the definitions the evaluation asked of the lineage's other artifacts, by artifact id, each
    /// explained once. A trace step that asks a base names the artifact and the definition and is explained here.
    /// </summary>
    public OrderedDictionary<string, OrderedDictionary<string, DefinitionResult>>? LineageDefinitions { get; init; }
    public required IReadOnlyList<ObligationResult> Obligations { get; init; }
    public required IReadOnlyList<UpcomingObligation> Upcoming { get; init; }

    /// <summary>The penalties the listed duties name, each text once, by the key the duties carry in <c>penalty</c>.</summary>
    public IReadOnlyDictionary<string, Penalty>? Penalties { get; init; }

    /// <summary>When the bill lists no duty: why, in one sentence.</summary>
    public string? Because { get; init; }
}

/// <summary>The option a result applied for one reading, and whether it is the pack's default or the request's choice.</summary>
public sealed record AppliedReading(string Option, bool Default);

public sealed record DefinitionResult(Tri Value, IReadOnlyList<string> Needs, TraceNode? Trace)
{
    /// <summary>Why, in words: the steps of the definition that decided its value.</summary>
    public string? Because { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<Certainty>))]
    public Certainty Certainty { get; init; }
}

public sealed record ObligationResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Citation { get; init; }
    public required string Phase { get; init; }
    public required IReadOnlyList<string> Phases { get; init; }
    public required string Holder { get; init; }

    /// <summary>The holder's role in the closed vocabulary (developer, provider, deployer, cluster-operator …).</summary>
    public required string Role { get; init; }
    public required bool Blocking { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))]
    public required ObligationStatus Status { get; init; }
    public string? Description { get; init; }

    /// <summary>The section's address, or the bill's source when the section has none of its own.</summary>
    public required string Url { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<Certainty>))]
    public required Certainty Certainty { get; init; }

    /// <summary>Why the duty is owed, met or undetermined, in one or two sentences.</summary>
    public required string Because { get; init; }
    public string? Due { get; init; }
    public string? DueDate { get; init; }

    /// <summary>Set when the computed due date is before asOf and the duty is outstanding.</summary>
    public Overdue? Overdue { get; init; }
    public string? Deployment { get; init; }
    public required IReadOnlyList<string> Needs { get; init; }
    public string? Evidence { get; init; }

    /// <summary>The key of the bill's penalty (<see cref="BillResult.Penalties"/>).</summary>
    public string? Penalty { get; init; }
    public TraceNode? Trace { get; init; }
}

public enum ObligationStatus
{
    [JsonStringEnumMemberName("outstanding")] Outstanding,
    [JsonStringEnumMemberName("satisfied")] Satisfied,
    [JsonStringEnumMemberName("undetermined")] Undetermined,
}

/// <summary>A duty past its computed due date: since when, and how many days before asOf.</summary>
public sealed record Overdue(string Since, int Days);

/// <summary>A duty whose condition holds (or may) but that the bill only imposes from a later date.</summary>
public sealed record UpcomingObligation(string Id, string Title, string Citation, string AppliesFrom)
{
    public string? Role { get; init; }
}

public sealed record GateResult
{
    public required string Activity { get; init; }
    public required bool Allowed { get; init; }
    public required IReadOnlyList<string> Blocking { get; init; }
    public required IReadOnlyList<string> Undetermined { get; init; }
    public required bool AllowUndetermined { get; init; }
    public required IReadOnlyList<string> Enforced { get; init; }

    /// <summary>Each enforced bill's status in words, by id@version: a gate may enforce a bill that is not law.</summary>
    public IReadOnlyDictionary<string, string>? EnforcedStatus { get; init; }
    public required string Reason { get; init; }
}
