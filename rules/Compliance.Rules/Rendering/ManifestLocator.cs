using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Rendering;

/// <summary>A place in the manifest file: the field (a JSON Pointer, null for the file itself) and where it is written.</summary>
public sealed record ManifestLocation(string? Field, SourcePosition Position);

/// <summary>
/// Where a CI report shows a duty in the manifest file: at the field that decided it. An undetermined duty at the first
/// field it needs, or where that field would go (the nearest enclosing field the file has); an owed duty at the first
/// fact its reasons read, through the definitions they rely on. The top of the file when no field decides.
/// </summary>
public sealed class ManifestLocator(SourceMap map, IReadOnlyList<string> deploymentIds)
{
    /// <summary>How deep definitions are followed: packs nest them a few levels; a deeper chain is not walked.</summary>
    private const int MaxDefinitionDepth = 8;

    /// <summary>Everything at the top of the file: for a report whose manifest could not be read.</summary>
    public static readonly ManifestLocator TopOfFile = new(SourceMap.Empty, []);

    public static ManifestLocator For(SourceMap map, Manifest manifest) =>
        new(map, manifest.Deployments?.Select(d => d.Id).ToList() ?? []);

    public ManifestLocation Locate(BillResult bill, ObligationResult obligation) =>
        Locate(DecidingFields(bill, obligation).Distinct(StringComparer.Ordinal).ToList());

    /// <summary>The field at <paramref name="pointer"/>, or the nearest field enclosing it that the file has.</summary>
    public ManifestLocation Locate(string pointer) => Locate([pointer]);

    private ManifestLocation Locate(IReadOnlyList<string> fields)
    {
        foreach (var field in fields)
        {
            if (map.Find(field) is { } position)
            {
                return new ManifestLocation(field, position);
            }
        }
        foreach (var field in fields)
        {
            for (var parent = Parent(field); parent.Length > 0; parent = Parent(parent))
            {
                if (map.Find(parent) is { } position)
                {
                    return new ManifestLocation(parent, position);
                }
            }
        }
        return new ManifestLocation(null, SourcePosition.Top);
    }

    private static string Parent(string pointer) => pointer[..Math.Max(0, pointer.LastIndexOf('/'))];

    private IEnumerable<string> DecidingFields(BillResult bill, ObligationResult obligation)
    {
        int? deployment = obligation.Deployment is { } id && IndexOf(id) is var i and >= 0 ? i : null;
        var needed = obligation.Status == ObligationStatus.Undetermined ? obligation.Needs : [];
        var read = obligation.Trace is { } trace ? Read(trace, bill, deployment, 0) : [];
        return needed.SelectMany(fact => ManifestFields.Of(fact, deployment)).Concat(read);
    }

    private int IndexOf(string deploymentId)
    {
        for (var i = 0; i < deploymentIds.Count; i++)
        {
            if (deploymentIds[i] == deploymentId)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The fields the deciding steps read, in order. Steps about a base read the base's file, not this one: here, its lineage.</summary>
    private static IEnumerable<string> Read(TraceNode node, BillResult bill, int? deployment, int depth)
    {
        switch (node)
        {
            case { Kind: "fact" or "territory", Fact: { } fact, Artifact: null }:
                return ManifestFields.Of(fact, deployment);
            case { Kind: "definition", Artifact: null, Definition: { } name } when depth < MaxDefinitionDepth
                && bill.Definitions.TryGetValue(name, out var definition) && definition.Trace is { } trace:
                return Read(trace, bill, deployment, depth + 1);
            case { Kind: "base" } or { Artifact: not null }:
                return ["/lineage/base"];
            default:
                return node.DecidingSteps().SelectMany(step => Read(step, bill, deployment, depth));
        }
    }
}
