using Compliance.Rules.Packs;

namespace Compliance.Rules.Analysis;

/// <summary>One side of a comparison or the subject of a sweep: a bill version, optionally with parameter overrides and other readings.</summary>
public sealed record BillVariant(BillPack Pack, IReadOnlyDictionary<string, double>? Overrides = null, IReadOnlyDictionary<string, string>? Readings = null)
{
    public string Label
    {
        get
        {
            var changes = (Overrides ?? new Dictionary<string, double>()).Select(o => $"{o.Key}={o.Value:R}")
                .Concat((Readings ?? new Dictionary<string, string>()).Select(r => $"reading {r.Key}={r.Value}")).ToList();
            return changes.Count > 0 ? $"{Pack.Key} with {string.Join(", ", changes)}" : Pack.Key;
        }
    }

    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? AsReadings =>
        Readings is { Count: > 0 } ? new Dictionary<string, IReadOnlyDictionary<string, string>> { [Pack.Id] = Readings } : null;

    internal IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? AsOverrides =>
        Overrides is { Count: > 0 } ? new Dictionary<string, IReadOnlyDictionary<string, double>> { [Pack.Id] = Overrides } : null;
}
