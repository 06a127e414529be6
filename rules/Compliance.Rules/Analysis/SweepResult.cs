using System.Text.Json.Serialization;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Analysis;

/// <summary>
/// One value of a sweep: how many artifacts each definition covers, leaves out and leaves undetermined; every
/// (artifact, definition) whose value changed since the previous value, from what to what (<see cref="Flips"/>); and
/// the artifacts that flip, by id (<see cref="Flipped"/>, the contract's list) and by name.
/// </summary>
public sealed record SweepPoint(double Value, IReadOnlyDictionary<string, TriCounts> Counts, IReadOnlyList<Flip> Flips, IReadOnlyList<string> FlippedModels)
{
    /// <summary>The ids of the artifacts with a definition that changed value since the previous value, each once, in portfolio order.</summary>
    public IReadOnlyList<string> Flipped { get; } = [.. Flips.Select(f => f.Artifact).Distinct(StringComparer.Ordinal)];
}

public sealed record TriCounts(int True, int False, int Unknown);

/// <summary>One artifact's definition changing value between one value of the parameter and the next.</summary>
public sealed record Flip(string Artifact, string Name, string Definition, Tri From, Tri To);

/// <summary>A definition of the swept bill, with the title a reader sees in place of its id.</summary>
public sealed record SweptDefinition(string Name, string Title);

public sealed record SweepResult(string Bill, string Parameter, double CurrentValue, string AsOf, int Artifacts, IReadOnlyList<SweepPoint> Points)
{
    /// <summary>The bill's title, for the plot's heading.</summary>
    public string? BillTitle { get; init; }

    /// <summary>The bill's definitions in its order, with their titles: the series of the plot.</summary>
    public IReadOnlyList<SweptDefinition> Definitions { get; init; } = [];

    /// <summary>What the parameter is, in the bill's words, and its unit: the plot's axis.</summary>
    public string? ParameterDescription { get; init; }

    public string? Unit { get; init; }

    /// <summary>The facts the <c>estimates</c> reading filled, when the request asked for it.</summary>
    public EstimateReport? Estimates { get; init; }

    /// <summary>Each artifact's value of each definition at each value, kept only for the CSV (<see cref="AnalysisOptions.KeepRows"/>).</summary>
    [JsonIgnore]
    public SweepGrid? Grid { get; init; }
}

/// <summary>
/// Every artifact's classification at every value: <c>Values[v][i * Definitions + d]</c>. About 16 bytes per artifact and
/// value for SB 1047's four definitions; kept only when a CSV is asked for.
/// </summary>
public sealed record SweepGrid(IReadOnlyList<string> Artifacts, IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<string>> Estimated, IReadOnlyList<Tri[]> Values);
