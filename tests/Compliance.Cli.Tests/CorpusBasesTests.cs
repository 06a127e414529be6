using System.Text.Json.Nodes;
using Compliance.Rules.Corpus;

namespace Compliance.Cli.Tests;

/// <summary>
/// A fine-tune alone in its folder names a corpus model as its base, by corpus id or Hugging Face id, and the tool
/// evaluates it with no file for the base; a base nobody knows is one error line naming the CLI's ways to give it.
/// </summary>
public sealed class CorpusBasesTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("compliance-corpus-bases-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string FineTuneOf(string baseId)
    {
        var path = Path.Combine(_dir.FullName, "finetune.json");
        File.WriteAllText(path, $$"""
            {
              "schemaVersion": "1",
              "id": "gamma/llama-3.1-70b-clinical",
              "developer": { "name": "Gamma Health AI", "headquarters": "US-CA" },
              "training": { "status": "completed" },
              "lineage": { "base": "{{baseId}}", "relation": "finetune", "computeFlop": 2e24, "costUsd": 3e6 },
              "release": { "weights": "open", "date": "2026-09-01", "jurisdictions": ["US", "EU"] }
            }
            """);
        return path;
    }

    private static JsonArray Lineage(Cli.Run run)
    {
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}; stderr: {run.Err}");
        return JsonNode.Parse(run.Out)!["lineage"]!.AsArray();
    }

    // The digest the engine takes of the bundled manifest: what a decision must record to be reproducible.
    private static readonly string LlamaDigest = ReferenceCorpus.Bundled.Artifacts.Single(a => a.Id == "meta/llama-3.1-70b").Digest;

    [Theory]
    [InlineData("meta/llama-3.1-70b")]
    [InlineData("meta-llama/Llama-3.1-70B")]
    [InlineData("Meta-Llama/LLAMA-3.1-70b")]
    public void Evaluate_resolves_a_corpus_base_by_id_or_hub_id_with_no_file_for_it(string baseId)
    {
        var run = Cli.Compliance("evaluate", FineTuneOf(baseId), "--bill", "us-ca-sb1047", "--bill", "eu-ai-act", "--as-of", "2026-10-01", "--format", "json");

        var lineage = Lineage(run);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["gamma/llama-3.1-70b-clinical", "meta/llama-3.1-70b"], lineage.Select(l => (string)l!["id"]!));
        Assert.Equal(LlamaDigest, (string)lineage[1]!["digest"]!);
    }

    [Fact]
    public void Gate_resolves_the_example_fine_tune_of_llama_by_its_hub_id_and_records_the_corpus_digest()
    {
        var run = Cli.Compliance("gate", "examples/finetune-of-llama.json", "--activity", "release", "--bill", "eu-ai-act", "--as-of", "2026-10-01", "--format", "json");
        var lineage = Lineage(run);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("meta/llama-3.1-70b", (string)lineage[1]!["id"]!);
        Assert.Equal(LlamaDigest, (string)lineage[1]!["digest"]!);
    }

    [Fact]
    public void A_manifest_file_beside_the_fine_tune_with_a_corpus_id_is_its_base_instead_of_the_corpus_model()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "own-llama.json"), """
            { "schemaVersion": "1", "id": "meta/llama-3.1-70b", "training": { "status": "completed", "computeFlop": 3e26, "costUsd": 2e8 } }
            """);
        var fineTune = FineTuneOf("meta/llama-3.1-70b");

        var own = Cli.Compliance("gate", fineTune, "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-10-01", "--format", "json");

        Assert.NotEqual(LlamaDigest, (string)Lineage(own)[1]!["digest"]!);
        var sb1047 = JsonNode.Parse(own.Out)!["bills"]!.AsArray().Single()!;
        Assert.Equal("true", (string)sb1047["definitions"]!["covered_model_derivative"]!["value"]!);
    }

    [Fact]
    public void An_unknown_base_exits_2_saying_to_name_its_file_on_the_command_line_or_a_corpus_model_never_post()
    {
        var fineTune = FineTuneOf("Meta/Llama-3-1-70B");

        var line = ExitContract.CouldNotEvaluate(Cli.Compliance("evaluate", fineTune), fineTune, "/lineage/base",
            "unknown base artifact 'Meta/Llama-3-1-70B': did you mean meta/llama-3.1-70b?",
            "name its manifest file on the command line after this one or put it in the same folder",
            "name a model of the bundled corpus by its id or Hugging Face id (compliance corpus lists them)");

        Assert.DoesNotContain("POST", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Gate_with_an_unknown_base_exits_2_saying_to_put_its_file_beside_the_manifest_never_post()
    {
        var fineTune = FineTuneOf("acme/frontier-9");

        var line = ExitContract.CouldNotEvaluate(Cli.Compliance("gate", fineTune, "--activity", "release"), fineTune, "/lineage/base",
            "unknown base artifact 'acme/frontier-9': put its manifest file in the same folder as this one",
            "or name a model of the bundled corpus by its id or Hugging Face id");

        Assert.DoesNotContain("POST", line, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", line, StringComparison.Ordinal);
    }
}
