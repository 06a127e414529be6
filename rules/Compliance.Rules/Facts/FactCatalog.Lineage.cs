using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Facts;

// The facts computed down a lineage: how much compute the whole lineage used, and how much of it the artifact's own
// developer used (SB 53 § 22757.11(h) counts only the latter toward a frontier developer).
public static partial class FactCatalog
{
    /// <summary>
    /// The artifact's own training compute plus its bases', down the lineage. A merge or quantization adds no training
    /// of its own unless it says so; a distilled student does not count its teacher. Unknown if any part is.
    /// </summary>
    internal static double? CumulativeCompute(ResolvedArtifact artifact) => Compute(artifact, EveryBase);

    /// <summary>The fields whose absence leaves <see cref="CumulativeCompute"/> unknown, named from <paramref name="asker"/>'s point of view.</summary>
    private static List<string> MissingCompute(ResolvedArtifact artifact, ResolvedArtifact asker) => Missing(artifact, asker, EveryBase);

    /// <summary>
    /// The part of <see cref="CumulativeCompute"/> the artifact's own developer trained: its own run or step, plus each
    /// base whose developer is the same (and that base's own part, recursively); a base someone else trained adds
    /// nothing. Unknown when a part that would count is unknown, or when whether a base is the developer's own is.
    /// </summary>
    internal static double? DeveloperCompute(ResolvedArtifact artifact) => Compute(artifact, SameDeveloper);

    /// <summary>The fields whose absence leaves <see cref="DeveloperCompute"/> unknown, named from <paramref name="asker"/>'s point of view.</summary>
    private static List<string> MissingDeveloperCompute(ResolvedArtifact artifact, ResolvedArtifact asker) => Missing(artifact, asker, SameDeveloper);

    // Which bases a sum counts: true counts it, false leaves it out, null means it cannot be told.
    private static readonly Func<Manifest, Manifest, bool?> EveryBase = (_, _) => true;

    /// <summary>Whether two manifests name the same developer; unknown when either leaves its name out.</summary>
    private static bool? SameDeveloper(Manifest one, Manifest other) =>
        one.Developer?.Name is { } a && other.Developer?.Name is { } b ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase) : null;

    private static double? Compute(ResolvedArtifact artifact, Func<Manifest, Manifest, bool?> counts)
    {
        var m = artifact.Manifest;
        if (m.Lineage is not { } lineage)
        {
            return m.Training?.ComputeFlop;
        }
        double? own = lineage.Relation switch
        {
            "merge" or "quantization" => lineage.ComputeFlop ?? m.Training?.ComputeFlop ?? 0,
            _ => lineage.ComputeFlop ?? m.Training?.ComputeFlop,
        };
        if (own is null || lineage.Relation is null)
        {
            return null;
        }
        if (lineage.Relation == "distillation")
        {
            return own;
        }
        var total = own.Value;
        foreach (var b in artifact.Bases)
        {
            switch (counts(m, b.Manifest))
            {
                case false:
                    continue;
                case null:
                    return null;
            }
            if (Compute(b, counts) is not { } c)
            {
                return null;
            }
            total += c;
        }
        return total;
    }

    private static List<string> Missing(ResolvedArtifact artifact, ResolvedArtifact asker, Func<Manifest, Manifest, bool?> counts)
    {
        string Name(ResolvedArtifact of, string field) => ReferenceEquals(of, asker) ? field : $"{of.Id}: {field}";
        var m = artifact.Manifest;
        if (m.Lineage is not { } lineage)
        {
            return m.Training?.ComputeFlop is null ? [Name(artifact, "training.computeFlop")] : [];
        }
        if (lineage.Relation is null)
        {
            return [Name(artifact, "lineage.relation")];
        }
        var missing = new List<string>();
        if (lineage.Relation is not ("merge" or "quantization") && lineage.ComputeFlop is null && m.Training?.ComputeFlop is null)
        {
            missing.Add(Name(artifact, "lineage.computeFlop"));
        }
        if (lineage.Relation == "distillation")
        {
            return missing;
        }
        foreach (var b in artifact.Bases)
        {
            switch (counts(m, b.Manifest))
            {
                case true:
                    missing.AddRange(Missing(b, asker, counts));
                    break;
                case null:
                    // Only a developer's name can leave a base's counting unknown.
                    if (m.Developer?.Name is null)
                    {
                        missing.Add(Name(artifact, "developer.name"));
                    }
                    if (b.Manifest.Developer?.Name is null)
                    {
                        missing.Add(Name(b, "developer.name"));
                    }
                    break;
            }
        }
        return missing.Distinct(StringComparer.Ordinal).ToList();
    }

    private static double? BaseCompute(ResolvedArtifact artifact)
    {
        double? largest = null;
        foreach (var b in artifact.Bases)
        {
            if (CumulativeCompute(b) is not { } c)
            {
                return null;
            }
            largest = Math.Max(largest ?? 0, c);
        }
        return largest;
    }
}
