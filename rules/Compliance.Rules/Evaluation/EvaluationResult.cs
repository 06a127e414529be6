using System.Text.Json.Serialization;

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
    public required IReadOnlyList<BillResult> Bills { get; init; }
    public GateResult? Gate { get; init; }
}

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
    public required string Source { get; init; }
    public required string Digest { get; init; }
    public required bool InForce { get; init; }

    /// <summary>Parameter values the request substituted for the pack's, if any.</summary>
    public IReadOnlyDictionary<string, double>? Overrides { get; init; }
    public required OrderedDictionary<string, DefinitionResult> Definitions { get; init; }

    /// <summary>
    /// With a trace: the definitions the evaluation asked of the lineage's other artifacts, by artifact id, each
    /// explained once. A trace step that asks a base names the artifact and the definition and is explained here.
    /// </summary>
    public OrderedDictionary<string, OrderedDictionary<string, DefinitionResult>>? LineageDefinitions { get; init; }
    public required IReadOnlyList<ObligationResult> Obligations { get; init; }
    public required IReadOnlyList<UpcomingObligation> Upcoming { get; init; }
}

public sealed record DefinitionResult(Tri Value, IReadOnlyList<string> Needs, TraceNode? Trace);

public sealed record ObligationResult
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Citation { get; init; }
    public required string Phase { get; init; }
    public required IReadOnlyList<string> Phases { get; init; }
    public required string Holder { get; init; }
    public required bool Blocking { get; init; }
    [JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))]
    public required ObligationStatus Status { get; init; }
    public string? Due { get; init; }
    public string? DueDate { get; init; }
    public string? Deployment { get; init; }
    public required IReadOnlyList<string> Needs { get; init; }
    public string? Evidence { get; init; }
    public string? Penalty { get; init; }
    public TraceNode? Trace { get; init; }
}

public enum ObligationStatus
{
    [JsonStringEnumMemberName("outstanding")] Outstanding,
    [JsonStringEnumMemberName("satisfied")] Satisfied,
    [JsonStringEnumMemberName("undetermined")] Undetermined,
}

/// <summary>A duty whose condition holds (or may) but that the bill only imposes from a later date.</summary>
public sealed record UpcomingObligation(string Id, string Title, string Citation, string AppliesFrom);

public sealed record GateResult
{
    public required string Activity { get; init; }
    public required bool Allowed { get; init; }
    public required IReadOnlyList<string> Blocking { get; init; }
    public required IReadOnlyList<string> Undetermined { get; init; }
    public required bool AllowUndetermined { get; init; }
    public required IReadOnlyList<string> Enforced { get; init; }
    public required string Reason { get; init; }
}
