using System.Text.Json.Serialization;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Analysis;

public sealed record ComparisonResult(
    string A, string B, string AsOf, int Artifacts,
    ComparisonTotals Totals,
    IReadOnlyList<ArtifactDifference> Differences)
{
    /// <summary>The facts the <c>estimates</c> reading filled, when the request asked for it.</summary>
    public EstimateReport? Estimates { get; init; }

    /// <summary>Every artifact's answer under A and under B, kept only for the CSV (<see cref="AnalysisOptions.KeepRows"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<ComparedArtifact>? Rows { get; init; }

    /// <summary>The definitions either bill has, in order: the CSV's columns.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DefinitionNames { get; init; } = [];
}

/// <summary>
/// Duties by status. An undetermined duty is not owed like an outstanding one: it is listed because a fact it needs is
/// missing, so a comparison counts the two apart (a duty that was only undetermined and goes is not "lost" as an owed one is).
/// </summary>
public sealed record DutyCounts(int Outstanding, int Satisfied, int Undetermined);

/// <summary>Duties that appear (gained) or go (lost) from A to B, by their status where they are listed, in all and by phase.</summary>
public sealed record DutyChanges(DutyCounts Total, IReadOnlyDictionary<string, DutyCounts> ByPhase);

public sealed record ComparisonTotals(
    int WithObligationsUnderA, int WithObligationsUnderB,
    int WithOutstandingUnderA, int WithOutstandingUnderB,
    int ObligationsUnderA, int ObligationsUnderB,
    DutyCounts UnderA, DutyCounts UnderB,
    DutyChanges Gained, DutyChanges Lost, int StatusChanges);

/// <summary>What changes for one artifact from bill A to bill B: definitions whose value differs, duties gained or lost (by status), duties whose status changes.</summary>
public sealed record ArtifactDifference(
    string Artifact, string Name,
    IReadOnlyDictionary<string, DefinitionChange> Definitions,
    DutiesByStatus Gained, DutiesByStatus Lost, IReadOnlyList<StatusChange> StatusChanged)
{
    /// <summary>Facts of this artifact's manifest the <c>estimates</c> reading filled.</summary>
    public IReadOnlyList<string>? Estimated { get; init; }
}

public sealed record DefinitionChange(Tri? A, Tri? B);

/// <summary>Duty ids (local to the bill, so a variant's line up with its base's) by their status under the bill that lists them.</summary>
public sealed record DutiesByStatus(IReadOnlyList<string> Outstanding, IReadOnlyList<string> Satisfied, IReadOnlyList<string> Undetermined)
{
    public static readonly DutiesByStatus None = new([], [], []);

    [JsonIgnore]
    public int Count => Outstanding.Count + Satisfied.Count + Undetermined.Count;

    [JsonIgnore]
    public IEnumerable<string> All => Outstanding.Concat(Satisfied).Concat(Undetermined);
}

/// <summary>A duty listed under both bills whose status differs: undetermined under A and outstanding under B, say.</summary>
public sealed record StatusChange(
    string Duty,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))] ObligationStatus From,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ObligationStatus>))] ObligationStatus To);

/// <summary>One artifact's answer under one bill, as the CSV writes it: each definition's value, and its duties by status.</summary>
public sealed record ArtifactUnder(IReadOnlyList<Tri?> Definitions, DutiesByStatus Duties);

/// <summary>One artifact under both bills, for the CSV.</summary>
public sealed record ComparedArtifact(string Artifact, string Name, ArtifactUnder A, ArtifactUnder B, IReadOnlyList<string> Estimated);
