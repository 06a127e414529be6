using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Lineage;

/// <summary>
/// Resolves a manifest's lineage graph from inline bases and ids looked up in a <see cref="BaseRegistry"/>. Unknown ids, cycles and
/// over-deep graphs are input errors naming the ids involved; a diamond (two bases sharing an ancestor) is fine.
/// </summary>
public static class LineageResolver
{
    /// <summary>Levels of lineage below an artifact. Real chains (base, instruct, fine-tune, quantization) are a handful.</summary>
    public const int MaxDepth = 32;

    /// <summary>Resolves against the caller's own manifests only.</summary>
    public static ResolvedArtifact Resolve(Manifest manifest, Func<string, Manifest?> lookup, string pointer = "") =>
        Resolve(manifest, BaseRegistry.Only(lookup), pointer);

    /// <summary>Resolves against a registry: the caller's own manifests and, where the surface offers it, the bundled corpus.</summary>
    public static ResolvedArtifact Resolve(Manifest manifest, BaseRegistry bases, string pointer = "")
    {
        var registered = new Dictionary<string, ResolvedArtifact>(StringComparer.Ordinal);
        return Resolve(manifest, bases, pointer, inRegistry: false, [], registered);
    }

    // Errors point into the document being read; once resolution enters registered manifests, they point at the
    // reference in the document that led there.
    private static ResolvedArtifact Resolve(Manifest manifest, BaseRegistry lookup, string pointer, bool inRegistry,
        List<string> path, Dictionary<string, ResolvedArtifact> registered)
    {
        RefuseCycle(manifest.Id, path, pointer);
        if (path.Count > MaxDepth)
        {
            throw new InvalidInputException("The lineage is too deep", pointer, $"lineage deeper than {MaxDepth} levels (limit)", InputProblem.TooLarge);
        }
        if (manifest.Lineage is not { } lineage)
        {
            return new ResolvedArtifact(manifest, []);
        }
        path.Add(manifest.Id);
        var bases = new List<ResolvedArtifact>(lineage.Base.Count);
        for (var i = 0; i < lineage.Base.Count; i++)
        {
            var reference = lineage.Base[i];
            var at = inRegistry ? pointer : JsonPointer.Append(pointer, "lineage") + "/base" + (lineage.Base.Count > 1 ? "/" + i : "");
            bases.Add(reference.Inline is { } inline
                ? Resolve(inline, lookup, at, inRegistry, path, registered)
                : ResolveRegistered(reference.Id!, lookup, at, path, registered));
        }
        path.RemoveAt(path.Count - 1);
        return new ResolvedArtifact(manifest, bases);
    }

    private static void RefuseCycle(string id, List<string> path, string pointer)
    {
        if (path.Contains(id, StringComparer.Ordinal))
        {
            var cycle = string.Join(" -> ", path.SkipWhile(p => p != id).Append(id));
            throw new InvalidInputException("The lineage has a cycle", pointer, $"lineage comes back to '{id}': {cycle}");
        }
    }

    private static ResolvedArtifact ResolveRegistered(string id, BaseRegistry lookup, string pointer,
        List<string> path, Dictionary<string, ResolvedArtifact> registered)
    {
        RefuseCycle(id, path, pointer);
        if (registered.TryGetValue(id, out var known))
        {
            return known;
        }
        var manifest = lookup.Find(id) ?? throw new InvalidInputException("Unknown base artifact", pointer, lookup.Unknown(id));
        // A corpus model named by its id in one place and by its alias in another is one artifact of the lineage.
        var resolved = registered.Values.FirstOrDefault(r => ReferenceEquals(r.Manifest, manifest))
            ?? Resolve(manifest, lookup, pointer, inRegistry: true, path, registered);
        registered[id] = resolved;
        return resolved;
    }
}
