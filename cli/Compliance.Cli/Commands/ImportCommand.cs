using System.CommandLine;
using Compliance.Cli.Input;
using Compliance.Rules.Importers;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Cli.Commands;

/// <summary>
/// compliance import hf|cyclonedx: the manifest on standard output (or --output), and on standard error how each field
/// was read and which facts the bills still need, so a pipe to a file keeps the manifest alone.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var hfFile = new Argument<string>("README") { Description = "A Hugging Face model card (README.md with YAML front matter)." };
        var id = new Option<string?>("--id")
        {
            Description = "The model's id (its Hub id, e.g. acme/model-7b). Default: the card's model name, or the folder of a Hub download (models--ORG--NAME, ORG/NAME).",
        };
        var hfOptions = new Options();
        var hf = new Command("hf", "Turn a Hugging Face model card into a manifest and say which facts the bills need that it lacks.") { hfFile, id };
        hfOptions.AddTo(hf);
        hf.SetAction(parse => CommandGuard.Run(parse, "import hf", () =>
        {
            var path = parse.GetValue(hfFile)!;
            var card = InputFile.ReadText(path, ReadLimit.PerDocument("a model card"));
            var location = Path.GetFullPath(path);
            return Emit(path, "the card", () => HuggingFaceCard.Read(card, parse.GetValue(id), location, BesideModelFiles(location)), hfOptions, parse);
        }));

        var bomFile = new Argument<string>("BOM") { Description = "A CycloneDX 1.6 JSON BOM with a machine-learning-model component." };
        var bomOptions = new Options();
        var cyclonedx = new Command("cyclonedx", "Turn a CycloneDX ML-BOM into a manifest (its compliance:FIELD properties too) and say which facts the bills need that it lacks.") { bomFile };
        bomOptions.AddTo(cyclonedx);
        cyclonedx.SetAction(parse => CommandGuard.Run(parse, "import cyclonedx", () =>
        {
            var path = parse.GetValue(bomFile)!;
            var bom = InputFile.ReadDocument(path, ReadLimit.PerDocument("a BOM"), yaml: false);
            return Emit(path, "the BOM", () => CycloneDxBom.Read(bom), bomOptions, parse);
        }));

        return new Command("import", "Make a manifest from a model card or an ML-BOM.") { hf, cyclonedx };
    }

    /// <summary>The options both importers take: where the manifest goes, and the bills and date the advice is for.</summary>
    private sealed class Options
    {
        public Option<string?> Output { get; } = new("--output", "-o") { Description = "Write the manifest to this file instead of standard output." };
        public Option<string[]> Bills { get; } = CommonOptions.Bills();
        public Option<string?> AsOf { get; } = CommonOptions.AsOf();

        public void AddTo(Command command)
        {
            command.Options.Add(Output);
            command.Options.Add(Bills);
            command.Options.Add(AsOf);
        }
    }

    /// <summary>Converts the source and checks the manifest it gives (a failure of either names the source file), then advises.</summary>
    private static int Emit(string source, string what, Func<ImportedManifest> convert, Options options, ParseResult parse)
    {
        var asOf = CommonOptions.ParseAsOf(parse.GetValue(options.AsOf));
        var selection = BillArguments.Read(parse.GetValue(options.Bills)).Select(asOf);
        var (imported, manifest) = InputFileException.About(source, () =>
        {
            var converted = convert();
            return (converted, ManifestJson.Read(converted.Manifest));
        });
        var text = imported.Manifest.ToJsonString(EvaluateCommand.Json);
        if (parse.GetValue(options.Output) is { } output)
        {
            File.WriteAllText(output, text + Environment.NewLine);
        }
        else
        {
            Console.Out.WriteLine(text);
        }
        var error = Console.Error;
        error.WriteLine($"Read from {source}:");
        foreach (var note in imported.Notes)
        {
            error.WriteLine($"  {note}");
        }
        var needed = ImportAdvice.Of(manifest, [.. selection.Bills, .. selection.Upcoming], asOf);
        var bills = selection.Mode switch
        {
            BillSelection.InForce => $"the bills in force on {asOf:yyyy-MM-dd}" + (selection.Upcoming.Count > 0 ? " and those enacted to come" : ""),
            BillSelection.All => "the bills",
            _ => "the bills named",
        };
        if (needed.Count == 0)
        {
            error.WriteLine($"{Capital(bills)} need no fact that {what} does not state.");
            return ExitCodes.Allowed;
        }
        error.WriteLine($"{Capital(what)} does not state these facts, which {bills} need (add them to the manifest):");
        foreach (var fact in needed)
        {
            error.WriteLine(fact.Meaning is null ? $"  {fact.Name}" : $"  {fact.Name}: {fact.Meaning}");
            foreach (var by in fact.By)
            {
                error.WriteLine($"    {by.Sentence}");
            }
        }
        return ExitCodes.Allowed;
    }

    // What a model download holds beside its card: a model's or an adapter's config, or weights.
    private static readonly string[] ModelConfigs = ["config.json", "adapter_config.json"];
    private static readonly string[] WeightFiles = [".safetensors", ".gguf"];

    /// <summary>Whether the card sits in a model download's folder, so the folders name the model.</summary>
    private static bool BesideModelFiles(string card) =>
        Path.GetDirectoryName(card) is { } folder && Directory.EnumerateFiles(folder).Take(1000).Any(f =>
            ModelConfigs.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase) || WeightFiles.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase));

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
