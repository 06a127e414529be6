using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Http;
using Compliance.Api.Manifests;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Api.Analysis;

/// <summary>Reads the analysts' request parts: a portfolio of manifests (inline, or registered ids) and bill selections.</summary>
public static class Portfolio
{
    /// <summary>Artifacts one request may analyse.</summary>
    public const int MaxArtifacts = 100_000;

    /// <summary>Body size for analysis requests: large inline portfolios are their point.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    public static IReadOnlyList<ResolvedArtifact> Read(JsonNode? node, ManifestStore store)
    {
        if (node is JsonValue name && name.GetValueKind() == JsonValueKind.String)
        {
            return name.GetValue<string>() == ReferenceCorpus.PortfolioName
                ? ReferenceCorpus.Bundled.Artifacts
                : throw new InvalidInputException("Unknown portfolio", "/portfolio", $"the only named portfolio is \"{ReferenceCorpus.PortfolioName}\" (GET /v1/corpus); otherwise give an array of manifests");
        }
        if (node is not JsonArray items || items.Count == 0)
        {
            throw new InvalidInputException("The portfolio is invalid", "/portfolio", $"give an array of manifests (inline objects or registered ids), or \"{ReferenceCorpus.PortfolioName}\"");
        }
        if (items.Count > MaxArtifacts)
        {
            throw new InvalidInputException("The portfolio is too large", "/portfolio", $"{items.Count} artifacts; the limit is {MaxArtifacts}", InputProblem.TooLarge);
        }
        var registered = new Dictionary<string, Manifest?>(StringComparer.Ordinal);
        Manifest? Lookup(string id) => registered.TryGetValue(id, out var m) ? m : registered[id] = store.Find(id);
        var inline = new Dictionary<string, Manifest>(StringComparer.Ordinal);
        var manifests = new List<(Manifest Manifest, string Pointer)>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"/portfolio/{i}";
            var manifest = items[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? Lookup(v.GetValue<string>()) ?? throw new InvalidInputException("Unknown manifest", at, $"no registered manifest with id '{v.GetValue<string>()}'")
                : ManifestJson.Read(items[i] ?? throw new InvalidInputException("The portfolio is invalid", at, "null is not a manifest"), at);
            inline.TryAdd(manifest.Id, manifest);
            manifests.Add((manifest, at));
        }
        // A portfolio's own manifests serve as lineage bases for each other, before the registry.
        return manifests.Select(m => LineageResolver.Resolve(m.Manifest, id => inline.GetValueOrDefault(id) ?? Lookup(id), m.Pointer)).ToList();
    }

    public static BillVariant Bill(JsonNode? node, BillCatalog catalog, string pointer)
    {
        var (name, overrides) = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => (v.GetValue<string>(), (JsonObject?)null),
            JsonObject o when o["bill"] is JsonValue b && b.GetValueKind() == JsonValueKind.String => (b.GetValue<string>(), o["overrides"] as JsonObject),
            _ => throw new InvalidInputException("The bill is invalid", pointer, "give \"id\", \"id@version\", or { \"bill\": \"id@version\", \"overrides\": { \"parameter\": number } }"),
        };
        var pack = catalog.Find(name) ?? throw new InvalidInputException("Unknown bill", pointer, $"unknown bill '{name}'; known: {string.Join(", ", catalog.Packs.Select(p => p.Key))}");
        var errors = new List<InputError>();
        var values = ParameterOverrides.Read(overrides, pack, pointer + "/overrides", errors);
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The overrides are invalid", errors);
        }
        return new BillVariant(pack, values);
    }
}
