using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>Loads bill packs from YAML or JSON: parse, validate against the pack schema, compile. Any error names the pointer.</summary>
public static class PackLoader
{
    public static BillPack Load(string text, bool yaml = true, Func<string, BillPack?>? findBase = null) =>
        Load(JsonDocuments.Parse(text, yaml), findBase);

    /// <summary>Loads a pack; a variant (<c>extends</c>) is merged with its base, found through <paramref name="findBase"/> (default: the bundled bills).</summary>
    public static BillPack Load(JsonNode node, Func<string, BillPack?>? findBase = null)
    {
        var errors = SchemaValidator.RulePack.Validate(node);
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The bill pack is invalid", errors);
        }
        var document = node.AsObject();
        if (document["extends"] is not null)
        {
            var tests = document["tests"]?.DeepClone();
            document = VariantMerger.Merge(document, findBase ?? BillCatalog.Bundled.Find);
            if (tests is not null)
            {
                document["tests"] = tests;
            }
        }
        var pack = PackCompiler.Compile(document, out var compileErrors);
        if (compileErrors.Count > 0)
        {
            throw new InvalidInputException("The bill pack is invalid", compileErrors);
        }
        return pack;
    }

    /// <summary>The packs shipped inside the engine (rules/bills/*.yaml). A broken one stops start-up, naming the file and the pointer.</summary>
    public static IReadOnlyList<BillPack> LoadBundled()
    {
        var assembly = typeof(PackLoader).Assembly;
        var documents = assembly.GetManifestResourceNames().Where(n => n.StartsWith("bills/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (Name: name, Node: Guard(name, () => JsonDocuments.Parse(reader.ReadToEnd(), yaml: true)));
            })
            .ToList();
        // Bills first, then the variants built on them.
        var packs = new List<BillPack>();
        foreach (var (name, node) in documents.OrderBy(d => d.Node["extends"] is null ? 0 : 1))
        {
            packs.Add(Guard(name, () => Load(node, key => new BillCatalog(packs).Find(key))));
        }
        return packs;
    }

    private static T Guard<T>(string name, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (InvalidInputException e)
        {
            throw new InvalidOperationException($"rules/{name}: {e.Title}: {string.Join("; ", e.Errors)}", e);
        }
    }
}
