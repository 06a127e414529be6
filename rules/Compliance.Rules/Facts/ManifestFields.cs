using Compliance.Rules.Json;

namespace Compliance.Rules.Facts;

/// <summary>
/// The manifest fields a fact is read from, as JSON Pointers: what a CI report points at when the fact decides a
/// finding. Most facts are a field of the same name; a derived fact names the fields it is computed from.
/// </summary>
public static class ManifestFields
{
    // Derived facts: the fields they are computed from, the most telling first (FactCatalog computes them).
    private static readonly Dictionary<string, string[]> Derived = new(StringComparer.Ordinal)
    {
        ["asOf"] = [],
        ["activities"] = ["training", "release", "deployments"],
        ["developer.establishedInEu"] = ["developer.headquarters"],
        ["training.cumulativeComputeFlop"] = ["training.computeFlop", "lineage.computeFlop", "lineage.base"],
        ["training.developerComputeFlop"] = ["training.computeFlop", "lineage.computeFlop", "lineage.base"],
        ["training.primaryDataModality"] = ["training.primaryDataModality", "training.dataModalities"],
        ["lineage.baseComputeFlop"] = ["lineage.base"],
        ["lineage.computeShare"] = ["lineage.computeFlop", "lineage.base"],
        ["lineage.sameDeveloper"] = ["developer.name", "lineage.base"],
    };

    /// <summary>
    /// The pointers of the fields <paramref name="fact"/> is read from. A fact of one deployment is read from that
    /// deployment's entry when its index is known; a fact of all deployments, from the list.
    /// </summary>
    public static IEnumerable<string> Of(string fact, int? deployment = null)
    {
        foreach (var field in Derived.GetValueOrDefault(fact) ?? [fact])
        {
            yield return field switch
            {
                _ when field.StartsWith("deployment.", StringComparison.Ordinal) => deployment is { } i
                    ? Pointer("deployments." + i + field["deployment".Length..])
                    : "/deployments",
                _ when field.StartsWith("deployments.", StringComparison.Ordinal) => "/deployments",
                _ => Pointer(field),
            };
        }
    }

    private static string Pointer(string dotted) => dotted.Split('.').Aggregate("", JsonPointer.Append);
}
