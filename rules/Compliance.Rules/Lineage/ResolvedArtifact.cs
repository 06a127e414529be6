using Compliance.Rules.Manifests;

namespace Compliance.Rules.Lineage;

/// <summary>An artifact with its whole lineage resolved: every base is itself resolved, down to the base models.</summary>
public sealed class ResolvedArtifact
{
    internal ResolvedArtifact(Manifest manifest, IReadOnlyList<ResolvedArtifact> bases)
    {
        Manifest = manifest;
        Bases = bases;
        Canonical = ManifestJson.Canonical(manifest);
        Digest = ManifestJson.Digest(Canonical);
    }

    public Manifest Manifest { get; }
    public IReadOnlyList<ResolvedArtifact> Bases { get; }

    /// <summary>The manifest's canonical serialisation: what <see cref="Digest"/> is taken over, and what a decision stores.</summary>
    public byte[] Canonical { get; }

    public string Digest { get; }
    public string Id => Manifest.Id;

    /// <summary>The kinds of act the manifest declares (training, release of weights, deployment), computed once.</summary>
    internal IReadOnlyList<string> ActivityKinds => field ??= Evaluation.ActivityClassifier.Classify(Manifest)
        .Where(a => a.Activity != Evaluation.ActivityKind.Neither && a.Scope != "code")
        .Select(a => a.Activity.ToString().ToLowerInvariant())
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>Every artifact of the lineage once, this one first, in a stable order: what a decision depended on.</summary>
    public IReadOnlyList<ResolvedArtifact> Closure()
    {
        var seen = new HashSet<ResolvedArtifact>(ReferenceEqualityComparer.Instance);
        var order = new List<ResolvedArtifact>();
        void Visit(ResolvedArtifact a)
        {
            if (seen.Add(a))
            {
                order.Add(a);
                foreach (var b in a.Bases)
                {
                    Visit(b);
                }
            }
        }
        Visit(this);
        return order;
    }
}
