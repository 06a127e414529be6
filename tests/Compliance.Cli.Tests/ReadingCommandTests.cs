using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>Readings of unsettled text on the command line: listed by 'bills', chosen with --reading, refused when unknown.</summary>
public sealed class ReadingCommandTests
{
    /// <summary>A third party's 1e22 fine-tune of another developer's 2e26 model, with its base beside it.</summary>
    private static string ThirdPartyFineTune()
    {
        var folder = Directory.CreateTempSubdirectory("readings-").FullName;
        File.WriteAllText(Path.Combine(folder, "base.json"), """
            { "schemaVersion": "1", "id": "acme/frontier-1", "generalPurpose": true, "developer": { "name": "Acme AI" }, "training": { "computeFlop": 2e26 } }
            """);
        var tuned = Path.Combine(folder, "tuned.json");
        File.WriteAllText(tuned, """
            { "schemaVersion": "1", "id": "beta/frontier-tuned", "generalPurpose": true,
              "developer": { "name": "Beta Labs", "annualRevenueUsd": 2e9, "headquarters": "US-CA" },
              "lineage": { "base": "acme/frontier-1", "relation": "finetune", "computeFlop": 1e22 },
              "release": { "weights": "open" } }
            """);
        return tuned;
    }

    [Fact]
    public void Bills_lists_the_readings_with_their_options_and_defaults()
    {
        var run = Cli.Compliance("bills");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("us-ca-sb53.base-compute (BPC § 22757.11(h), (i)(2))", run.Out, StringComparison.Ordinal);
        Assert.Contains("same-developer (default):", run.Out, StringComparison.Ordinal);
        Assert.Contains("    cumulative:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reading_chosen_with_the_option_changes_the_answer_and_is_recorded()
    {
        var manifest = ThirdPartyFineTune();

        var plain = Cli.Compliance("evaluate", manifest, "--bill", "us-ca-sb53", "--as-of", "2026-12-02", "--format", "json");
        var read = Cli.Compliance("evaluate", manifest, "--bill", "us-ca-sb53", "--as-of", "2026-12-02", "--format", "json", "--reading", "us-ca-sb53.base-compute=cumulative");

        Assert.Equal(0, plain.ExitCode);
        Assert.Equal(0, read.ExitCode);
        var before = JsonNode.Parse(plain.Out)!["bills"]![0]!;
        var after = JsonNode.Parse(read.Out)!["bills"]![0]!;
        Assert.Empty(before["obligations"]!.AsArray());
        Assert.Equal(13, after["obligations"]!.AsArray().Count);
        Assert.Equal("cumulative", (string)after["readings"]!["base-compute"]!["option"]!);
    }

    [Theory]
    [InlineData("us-ca-sb53.base-compute=sum", "'sum' is not an option", "same-developer, cumulative")]
    [InlineData("eu-ai-act.x=y", "'eu-ai-act' is not among the bills evaluated")]
    [InlineData("base-compute", "is not BILL.READING=OPTION")]
    public void An_unknown_or_malformed_reading_is_one_error_line_and_exit_2(string reading, params string[] words)
    {
        var run = Cli.Compliance("gate", ThirdPartyFineTune(), "--activity", "release", "--bill", "us-ca-sb53", "--reading", reading);

        ExitContract.CouldNotEvaluate(run, ["--reading", .. words]);
    }
}
