using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>Loads bill packs from YAML or JSON: parse, validate against the pack schema, compile. Any error names the pointer.</summary>
public static class PackLoader
{
    public static BillPack Load(string text, bool yaml = true) => Load(JsonDocuments.Parse(text, yaml));

    public static BillPack Load(JsonNode node)
    {
        var errors = SchemaValidator.RulePack.Validate(node);
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The bill pack is invalid", errors);
        }
        var pack = PackCompiler.Compile(node.AsObject(), out var compileErrors);
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
        var packs = new List<BillPack>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("bills/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            try
            {
                packs.Add(Load(reader.ReadToEnd()));
            }
            catch (InvalidInputException e)
            {
                throw new InvalidOperationException($"rules/{name}: {e.Title}: {string.Join("; ", e.Errors)}", e);
            }
        }
        return packs;
    }
}
