using System.Text.Json;
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

    /// <summary>
    /// The file beside a pack that holds its test cases: <c>X.yaml</c> → <c>X.tests.yaml</c> (<c>X.json</c> →
    /// <c>X.tests.yaml</c> too). Cases live apart so that a bill reads as the law and its cases as evidence.
    /// </summary>
    public static string TestsFileFor(string packPath) =>
        Path.Combine(Path.GetDirectoryName(packPath) ?? "", Path.GetFileNameWithoutExtension(packPath) + TestsSuffix);

    public const string TestsSuffix = ".tests.yaml";

    /// <summary>Whether a file name is a pack's test cases rather than a pack.</summary>
    public static bool IsTestsFile(string path) => path.EndsWith(TestsSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Puts the cases of a tests document (a mapping with one key, <c>tests</c>) into the pack, where the schema and
    /// the compiler check them as if written inline. A pack that also has cases inline is refused: one place only.
    /// </summary>
    public static void AttachTests(JsonNode pack, JsonNode tests, string testsName)
    {
        if (pack is not JsonObject document || tests is not JsonObject casesDocument)
        {
            throw new InvalidInputException("The test cases are invalid", "", $"{testsName} must be a mapping with one key, tests");
        }
        var unexpected = casesDocument.Select(p => p.Key).Where(k => k != "tests").ToList();
        if (unexpected.Count > 0 || casesDocument["tests"] is not JsonArray cases)
        {
            var pointer = unexpected.Count > 0 ? JsonPointer.Append("", unexpected[0]) : "/tests";
            throw new InvalidInputException("The test cases are invalid", pointer, $"{testsName} holds one key, tests: a list of cases");
        }
        if (document["tests"] is not null)
        {
            throw new InvalidInputException("The bill pack is invalid", "/tests", $"the pack has test cases inline and in {testsName}; keep them in one place");
        }
        document["tests"] = cases.DeepClone();
    }

    /// <summary>The name of the bundled bills as compiled at build time (by rules/Compliance.Rules.Bundler).</summary>
    public const string CompiledResource = "bills.compiled.json";

    /// <summary>
    /// The packs shipped inside the engine. A short-lived process (<see cref="ProcessLifetime"/>: the CLI) reads them as
    /// the build compiled them: every run would otherwise parse the YAML of every bill and its cases, validate each
    /// against the schema and digest it before answering, most of its start-up. The build validated, merged, compiled
    /// and digested these same documents with this same code (<see cref="LoadBundledSources"/>), so here they are only
    /// compiled again, without the schema; a test holds the two equal. A service reads the sources, as it always has:
    /// its start-up also readies the schema and the loader for the first draft a tenant uploads or a replica loads.
    /// </summary>
    public static IReadOnlyList<BillPack> LoadBundled() => ProcessLifetime.ShortLived ? LoadCompiled() : LoadBundledSources();

    /// <summary>The bundled packs as the build compiled them; without the compiled resource (the build step itself), from their sources.</summary>
    internal static IReadOnlyList<BillPack> LoadCompiled()
    {
        using var compiled = typeof(PackLoader).Assembly.GetManifestResourceStream(CompiledResource);
        if (compiled is null)
        {
            return LoadBundledSources();
        }
        var bundle = JsonNode.Parse(compiled, JsonDocuments.NodeOptions, new JsonDocumentOptions { MaxDepth = JsonDocuments.MaxDepth })!.AsArray();
        return bundle.Select(entry =>
        {
            var pack = PackCompiler.Compile(entry![BundleDocument]!.AsObject(), out var errors, entry[BundleDigest]!.GetValue<string>());
            return errors.Count == 0 ? pack : throw new InvalidOperationException($"{CompiledResource}: {pack.Key}: {string.Join("; ", errors)}");
        }).ToList();
    }

    /// <summary>
    /// The bundled bills as the build step writes them: each pack's document as compiled (a variant merged with its
    /// base, its cases attached) beside its digest, which start-up then need not compute.
    /// </summary>
    public static JsonArray Bundle(IEnumerable<BillPack> packs) =>
        new([.. packs.Select(p => new JsonObject { [BundleDigest] = p.Digest, [BundleDocument] = p.Document.DeepClone() })]);

    private const string BundleDigest = "digest";
    private const string BundleDocument = "pack";

    /// <summary>The packs shipped inside the engine, from their sources (rules/bills/*.yaml, cases in *.tests.yaml). A broken one stops start-up, naming the file and the pointer.</summary>
    public static IReadOnlyList<BillPack> LoadBundledSources()
    {
        var assembly = typeof(PackLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("bills/", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        string Read(string name)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            return reader.ReadToEnd();
        }
        var documents = names.Where(n => !IsTestsFile(n)).Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var node = Guard(name, () => JsonDocuments.Parse(Read(name), yaml: true));
                var testsName = TestsFileFor(name).Replace('\\', '/');
                if (names.Contains(testsName))
                {
                    Guard(testsName, () =>
                    {
                        AttachTests(node, JsonDocuments.Parse(Read(testsName), yaml: true), Path.GetFileName(testsName));
                        return node;
                    });
                }
                return (Name: name, Node: node);
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
