using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Evaluation;
using Compliance.Cli.Input;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var hfFile = new Argument<string>("README") { Description = "A Hugging Face model card (README.md with YAML front matter)." };
        var id = new Option<string>("--id") { Description = "The artifact id to give the manifest (the Hub repository, e.g. acme/model-7b).", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write the manifest to this file instead of standard output." };
        var hf = new Command("hf", "Turn a Hugging Face model card into a manifest and say which facts the bills need that it lacks.") { hfFile, id, output };
        hf.SetAction(parse => CommandGuard.Run(parse, "import hf", () =>
        {
            var path = parse.GetValue(hfFile)!;
            var card = InputFile.ReadText(path, ReadLimit.PerDocument("a model card"));
            return Emit(path, () => ModelCards.FromHuggingFace(card, parse.GetValue(id)!), parse.GetValue(output));
        }));

        var bomFile = new Argument<string>("BOM") { Description = "A CycloneDX 1.6 JSON BOM with a machine-learning-model component." };
        var bomOutput = new Option<string?>("--output", "-o") { Description = "Write the manifest to this file instead of standard output." };
        var cyclonedx = new Command("cyclonedx", "Turn a CycloneDX ML-BOM (modelCard, pedigree) into a manifest and say which facts the bills need that it lacks.") { bomFile, bomOutput };
        cyclonedx.SetAction(parse => CommandGuard.Run(parse, "import cyclonedx", () =>
        {
            var path = parse.GetValue(bomFile)!;
            var bom = InputFile.ReadDocument(path, ReadLimit.PerDocument("a BOM"), yaml: false);
            return Emit(path, () => ModelCards.FromCycloneDx(bom), parse.GetValue(bomOutput));
        }));

        return new Command("import", "Make a manifest from a model card or an ML-BOM.") { hf, cyclonedx };
    }

    /// <summary>Converts the source and checks the manifest it gives; a failure of either names the source file.</summary>
    private static int Emit(string source, Func<JsonObject> convert, string? output)
    {
        var (node, manifest) = InputFileException.About(source, () =>
        {
            var converted = convert();
            return (converted, ManifestJson.Read(converted));
        });
        var text = node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        if (output is null)
        {
            Console.Out.WriteLine(text);
        }
        else
        {
            File.WriteAllText(output, text + Environment.NewLine);
        }
        // The bases are not at hand: evaluating against stand-ins tells which of their facts matter too.
        var artifact = LineageResolver.Resolve(manifest, baseId => new Manifest { SchemaVersion = "1", Id = baseId });
        var result = Evaluator.Evaluate(artifact, BillCatalog.Bundled.Defaults.ToList(), new EvaluationOptions { AsOf = DateOnly.FromDateTime(DateTime.UtcNow), Trace = false, Explain = false });
        var needs = result.Bills
            .SelectMany(b => b.Definitions.Where(d => d.Value.Needs.Count > 0).Select(d => (Fact: d.Value.Needs, Why: $"{b.Bill} {d.Key}")))
            .SelectMany(x => x.Fact.Select(f => (f, x.Why)))
            .GroupBy(x => x.f, StringComparer.Ordinal)
            .ToList();
        if (needs.Count == 0)
        {
            Console.Error.WriteLine("The bills can classify this artifact from what the source states.");
        }
        else
        {
            Console.Error.WriteLine("The source does not state these facts, which the bills need (add them to the manifest):");
            foreach (var need in needs)
            {
                Console.Error.WriteLine($"  {need.Key}  (for {string.Join(", ", need.Select(x => x.Why).Distinct())})");
            }
        }
        return ExitCodes.Allowed;
    }
}
