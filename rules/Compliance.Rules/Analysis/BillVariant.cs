using Compliance.Rules.Packs;

namespace Compliance.Rules.Analysis;

/// <summary>One side of a comparison or the subject of a sweep: a bill version, optionally with parameter overrides.</summary>
public sealed record BillVariant(BillPack Pack, IReadOnlyDictionary<string, double>? Overrides = null)
{
    public string Label => Overrides is { Count: > 0 }
        ? $"{Pack.Key} with {string.Join(", ", Overrides.Select(o => $"{o.Key}={o.Value:R}"))}"
        : Pack.Key;

    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? AsOverrides =>
        Overrides is { Count: > 0 } ? new Dictionary<string, IReadOnlyDictionary<string, double>> { [Pack.Id] = Overrides } : null;
}
