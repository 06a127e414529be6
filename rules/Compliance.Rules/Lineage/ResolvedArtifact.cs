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

    /// <summary>The channels of all deployments, each once; null when there is none or one leaves its channel out.</summary>
    internal IReadOnlyList<string>? DeploymentChannels => field ??= Union(Manifest.Deployments, d => d.Channel is { } channel ? [channel] : null);

    /// <summary>The areas of use of all deployments, each once; null when there is none or one leaves them out.</summary>
    internal IReadOnlyList<string>? DeploymentDomains => field ??= Union(Manifest.Deployments, d => d.Domains);

    // Facts of all deployments together, computed once per artifact: every bill that asks reads the same list.
    private static List<string>? Union(IReadOnlyList<Deployment>? deployments, Func<Deployment, IReadOnlyList<string>?> read)
    {
        if (deployments is not { Count: > 0 })
        {
            return null;
        }
        var union = new List<string>();
        foreach (var deployment in deployments)
        {
            if (read(deployment) is not { } values)
            {
                return null;
            }
            foreach (var value in values)
            {
                if (!union.Contains(value, StringComparer.Ordinal))
                {
                    union.Add(value);
                }
            }
        }
        return union;
    }

    /// <summary>Every artifact of the lineage once, this one first, in a stable order: what a decision depended on.</summary>
    public IReadOnlyList<ResolvedArtifact> Closure()
    {
        var order = new List<ResolvedArtifact>();
        Closure(order);
        return order;
    }

    /// <summary>Appends the closure to <paramref name="order"/> (empty on entry), depth first, bases in their order.</summary>
    internal void Closure(List<ResolvedArtifact> order)
    {
        // A lineage holds a handful of artifacts: the list itself is the set of those already visited.
        foreach (var visited in order)
        {
            if (ReferenceEquals(visited, this))
            {
                return;
            }
        }
        order.Add(this);
        for (var i = 0; i < Bases.Count; i++)
        {
            Bases[i].Closure(order);
        }
    }
}
