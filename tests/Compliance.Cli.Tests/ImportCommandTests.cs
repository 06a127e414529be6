using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>compliance import through the real process: the manifest on stdout, the readings and what the bills still need on stderr.</summary>
public sealed class ImportCommandTests
{
    private const string Card = "examples/import/lexwright-ai/Llama-3.1-70B-Lexwright-Instruct/README.md";
    private const string Bom = "examples/import/lexwright-llama-3.1-70b.cdx.json";

    [Fact]
    public void Import_hf_names_a_downloaded_card_from_its_folders_and_says_on_stderr_what_each_bill_still_needs()
    {
        var run = Cli.Compliance("import", "hf", Card, "--as-of", "2026-12-02");

        Assert.Equal(0, run.ExitCode);
        var manifest = JsonNode.Parse(run.Out)!; // stdout is the manifest alone
        Assert.Equal("lexwright-ai/Llama-3.1-70B-Lexwright-Instruct", (string)manifest["id"]!);
        Assert.Equal("Lexwright AI GmbH", (string)manifest["developer"]!["name"]!);
        Assert.Equal("meta/llama-3.1-70b", (string)manifest["lineage"]!["base"]!);
        Assert.Contains("  developer.name: Lexwright AI GmbH (the card's 'Developed by')", run.Err, StringComparison.Ordinal);
        Assert.Contains("The card does not state these facts, which the bills in force on 2026-12-02 and those enacted to come need", run.Err, StringComparison.Ordinal);
        Assert.Contains("  lineage.computeFlop: operations of the modification step only\n    EU Artificial Intelligence Act needs it", run.Err, StringComparison.Ordinal);
        Assert.Contains("    SB 53 needs it to decide whether these hold: frontier model, frontier developer, large frontier developer", run.Err, StringComparison.Ordinal);
        // Fields the schema rejects are never suggested.
        Assert.DoesNotContain("establishedInEu", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("sameDeveloper", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_cyclonedx_reads_the_compliance_properties_and_its_manifest_evaluates_with_the_corpus_base()
    {
        var folder = Directory.CreateTempSubdirectory("compliance-import-").FullName;
        var manifestFile = Path.Combine(folder, "manifest.json");

        var run = Cli.Compliance("import", "cyclonedx", Bom, "--as-of", "2026-12-02", "--output", manifestFile);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Contains("  lineage.computeFlop: 3.1E+21 (property compliance:lineage.computeFlop)", run.Err, StringComparison.Ordinal);
        Assert.Contains("  supplier: Hugging Face ignored: a hub that distributes the model, not its developer", run.Err, StringComparison.Ordinal);
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!;
        Assert.Equal("c2d6cf15df27ce3b16b3d172464035f444d44a5f9655d43db2413489ef42bf82", (string)manifest["weights"]!["sha256"]!);

        var evaluated = Cli.Compliance("evaluate", manifestFile, "--as-of", "2026-12-02", "--format", "json");
        Assert.Equal(0, evaluated.ExitCode);
        // The step's compute from the property, plus the corpus base's, decides SB 53: 7.93e24 is not above 1e26.
        var sb53 = JsonNode.Parse(evaluated.Out)!["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb53")!;
        Assert.Equal("false", (string)sb53["definitions"]!["frontier_model"]!["value"]!);
        Assert.Contains("7.93e24 FLOP is not greater than 1.0e26 FLOP", (string)sb53["definitions"]!["frontier_model"]!["because"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compliance_property_with_a_bad_value_is_one_error_line_naming_the_property()
    {
        var bom = Path.Combine(Directory.CreateTempSubdirectory("compliance-import-").FullName, "bom.cdx.json");
        File.WriteAllText(bom, File.ReadAllText(Path.Combine(RepositoryRoot.Path, Bom)).Replace("\"3.1e21\"", "\"3.1 x 10^21\"", StringComparison.Ordinal));

        var run = Cli.Compliance("import", "cyclonedx", bom);

        ExitContract.CouldNotEvaluate(run, bom, "/components/0/properties/1", "compliance:lineage.computeFlop", "is not a number");
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Without_id_the_hub_cache_or_a_model_download_folder_names_the_card_and_a_bare_card_is_refused()
    {
        var root = Directory.CreateTempSubdirectory("compliance-import-").FullName;
        const string card = "---\nlicense: mit\npipeline_tag: text-generation\n---\n# Tiny chat\n";
        var cached = Path.Combine(root, "hub", "models--acme-ai--tiny-chat", "snapshots", "4f1e2d9", "README.md");
        var downloaded = Path.Combine(root, "acme-ai", "tiny-chat", "README.md");
        foreach (var file in new[] { cached, downloaded })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, card);
        }

        var fromCache = Cli.Compliance("import", "hf", cached);
        Assert.Equal(0, fromCache.ExitCode);
        Assert.Equal("acme-ai/tiny-chat", (string)JsonNode.Parse(fromCache.Out)!["id"]!);

        // Two folders alone could be anything (a home folder): they name the model only beside the model's files.
        ExitContract.CouldNotEvaluate(Cli.Compliance("import", "hf", downloaded), downloaded, "give the model's id, OWNER/NAME");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(downloaded)!, "config.json"), """{ "architectures": ["LlamaForCausalLM"] }""");
        var fromDownload = Cli.Compliance("import", "hf", downloaded);
        Assert.Equal(0, fromDownload.ExitCode);
        Assert.Equal("acme-ai/tiny-chat", (string)JsonNode.Parse(fromDownload.Out)!["id"]!);
    }
}
