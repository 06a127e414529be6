using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

public sealed class OtherCommandTests
{
    [Fact]
    public void Evaluate_resolves_a_fine_tunes_base_from_the_manifests_beside_it()
    {
        var run = Cli.Compliance("evaluate", "examples/finetune-derivative.json", "--bill", "us-ca-sb1047", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!;
        Assert.Equal("true", (string)result["bills"]![0]!["definitions"]!["covered_model_derivative"]!["value"]!);
        Assert.Equal("acme/frontier-1", (string)result["lineage"]![1]!["id"]!);
    }

    [Fact]
    public void Evaluate_explains_a_ten_level_lineage_in_json_naming_each_base_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"chain-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, FineTuneChain.Manifest(10).ToJsonString());

        var run = Cli.Compliance("evaluate", path, "--format", "json", "--as-of", "2026-07-01", "--bill", "us-ca-sb1047");

        Assert.Equal(0, run.ExitCode);
        var sb1047 = JsonNode.Parse(run.Out)!["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb1047")!;
        Assert.Equal(10, sb1047["lineageDefinitions"]!.AsObject().Count);
        Assert.Equal("true", (string)sb1047["lineageDefinitions"]!["chain/base"]!["covered_model"]!["value"]!);
    }

    [Fact]
    public void Evaluate_prints_a_readable_table_of_obligations()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("deployment acme-chat: channel = api", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb1047/safeguards", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_runs_the_bundled_pack_cases_and_ends_with_the_counts()
    {
        var run = Cli.Compliance("test");
        Assert.Equal(0, run.ExitCode);
        var last = run.Out.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^\d+ passed, 0 failed$", last);
    }

    [Fact]
    public void Test_fails_with_exit_1_when_a_pack_case_fails()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pack-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            id: wrong-pack
            version: "1"
            title: A pack whose test expects the wrong thing
            jurisdiction: US
            status: hypothetical
            source: https://example.test
            effective: {}
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
            tests:
              - name: expects big for a small model
                asOf: 2026-01-01
                manifest: { schemaVersion: "1", id: t/small, training: { computeFlop: 1e20 } }
                expect: { definitions: { big: "true" } }
            """);
        var run = Cli.Compliance("test", path);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL  wrong-pack@1: expects big for a small model", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Test_reads_the_cases_from_the_file_beside_the_pack()
    {
        var folder = Directory.CreateTempSubdirectory("pack-").FullName;
        var path = Path.Combine(folder, "draft@1.yaml");
        File.WriteAllText(path, """
            id: draft
            version: "1"
            title: A draft whose cases live beside it
            jurisdiction: US
            status: hypothetical
            source: https://example.test
            effective: {}
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
            """);
        File.WriteAllText(Path.Combine(folder, "draft@1.tests.yaml"), """
            tests:
              - name: a small model is not big
                asOf: 2026-01-01
                manifest: { schemaVersion: "1", id: t/small, training: { computeFlop: 1e20 } }
                expect: { definitions: { big: "false" } }
              - name: just above is big
                asOf: 2026-01-01
                manifest: { schemaVersion: "1", id: t/big, training: { computeFlop: 1.0000001e26 } }
                expect: { definitions: { big: "true" } }
            """);

        var run = Cli.Compliance("test", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok    draft@1: just above is big", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("2 passed, 0 failed", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bills_lists_sb1047_as_vetoed()
    {
        var run = Cli.Compliance("bills");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("us-ca-sb1047", run.Out, StringComparison.Ordinal);
        Assert.Contains("vetoed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_hf_turns_a_model_card_into_a_manifest_and_names_the_missing_facts()
    {
        var card = Path.Combine(Path.GetTempPath(), $"README-{Guid.NewGuid():N}.md");
        File.WriteAllText(card, """
            ---
            license: apache-2.0
            base_model: acme/frontier-1
            base_model_relation: quantized
            pipeline_tag: text-generation
            ---
            # Frontier-1 GGUF
            """);

        var run = Cli.Compliance("import", "hf", card, "--id", "someone/frontier-1-gguf");

        Assert.Equal(0, run.ExitCode);
        var manifest = JsonNode.Parse(run.Out)!;
        Assert.Equal("quantization", (string)manifest["lineage"]!["relation"]!);
        Assert.Equal("acme/frontier-1", (string)manifest["lineage"]!["base"]!);
        Assert.Equal("Apache-2.0", (string)manifest["release"]!["license"]!);
        Assert.Equal("open", (string)manifest["release"]!["weights"]!);
        Assert.Equal("text", (string)manifest["outputModalities"]![0]!);
        Assert.Contains("acme/frontier-1: training.computeFlop", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_cyclonedx_reads_the_model_component_and_its_pedigree()
    {
        var bom = Path.Combine(Path.GetTempPath(), $"bom-{Guid.NewGuid():N}.json");
        File.WriteAllText(bom, """
            { "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
              "components": [
                { "type": "library", "name": "tokenizers" },
                { "type": "machine-learning-model", "group": "acme", "name": "legal-7b", "bom-ref": "model-1",
                  "licenses": [ { "license": { "id": "MIT" } } ],
                  "modelCard": { "modelParameters": { "task": "text-generation", "outputs": [ { "format": "text" } ] } },
                  "pedigree": { "ancestors": [ { "type": "machine-learning-model", "group": "acme", "name": "base-7b" } ] } } ] }
            """);

        var run = Cli.Compliance("import", "cyclonedx", bom);

        Assert.Equal(0, run.ExitCode);
        var manifest = JsonNode.Parse(run.Out)!;
        Assert.Equal("acme/legal-7b", (string)manifest["id"]!);
        Assert.Equal("acme/base-7b", (string)manifest["lineage"]!["base"]!);
        Assert.Equal("MIT", (string)manifest["release"]!["license"]!);
        Assert.Contains("lineage.relation", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_of_a_file_that_is_not_a_model_card_exits_2()
    {
        var run = Cli.Compliance("import", "hf", "README.md", "--id", "x/y");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("front matter", run.Err, StringComparison.Ordinal);
    }
}
