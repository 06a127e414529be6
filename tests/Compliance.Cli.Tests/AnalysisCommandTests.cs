using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Compliance.Cli.Tests;

public sealed class AnalysisCommandTests
{
    [Fact]
    public void Compare_shows_the_release_duties_the_deployment_only_proposal_drops()
    {
        var run = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only", "examples/frontier-release.json", "examples/api-deployment.json", "--as-of", "2026-07-01", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!;
        var release = result["differences"]!.AsArray().Single(d => (string)d!["artifact"]! == "acme/frontier-1")!;
        Assert.Contains("critical-harm-assessment", release["lost"]!["outstanding"]!.AsArray().Select(l => (string)l!));
        Assert.DoesNotContain(result["differences"]!.AsArray(), d => (string)d!["artifact"]! == "acme/frontier-chat");
    }

    [Fact]
    public void The_sweeps_text_names_the_bill_with_its_set_parameters_the_parameter_and_the_date()
    {
        var run = Cli.Compliance("sweep", "--bill", "us-ca-sb1047", "--set", "us-ca-sb1047.covered_cost_usd=5e7", "--parameter", "covered_compute_flop",
            "--values", "1e25,1e26", "examples/frontier-release.json", "--as-of", "2026-07-01");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("us-ca-sb1047@2024-08-enrolled with covered_cost_usd=50000000: covered_compute_flop over 1 artifacts, as of 2026-07-01 (the bill's value: 1e26)\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_writes_csv_and_an_svg_with_one_point_per_value()
    {
        var csv = Cli.Compliance("sweep", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e24,1e25,1e26", "examples/frontier-release.json", "examples/small-model-release.yaml", "--as-of", "2026-07-01", "--format", "csv");
        var svg = Cli.Compliance("sweep", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--from", "1e23", "--to", "1e27", "--steps", "9", "--log", "examples/frontier-release.json", "--format", "svg");

        Assert.Equal(0, csv.ExitCode);
        // One row per value and artifact: three values, two manifests, and the header.
        Assert.Equal(1 + 3 * 2, csv.Out.TrimEnd().Split('\n').Length);
        Assert.Equal(0, svg.ExitCode);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var series = XDocument.Parse(svg.Out).Descendants(ns + "g").Single(g => (string?)g.Attribute("data-definition") == "covered_model");
        Assert.Equal(9, series.Elements(ns + "circle").Count());
    }

    [Fact]
    public void Compare_with_one_bill_exits_2()
    {
        var run = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "examples/frontier-release.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("exactly two", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_and_compare_run_over_the_bundled_corpus()
    {
        var corpus = Cli.Compliance("corpus", "--format", "csv");
        var sweep = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--from", "1e23", "--to", "1e27", "--steps", "5", "--log", "--format", "csv");
        var compare = Cli.Compliance("compare", "--corpus", "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only", "--format", "json");

        Assert.Equal(0, corpus.ExitCode);
        var models = corpus.Out.TrimEnd('\n').Split('\n').Length - 1;
        Assert.True(models >= 40, $"{models} models");
        Assert.Equal(0, sweep.ExitCode);
        Assert.Equal(1 + 5 * models, sweep.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Equal(0, compare.ExitCode);
        Assert.Equal(models, (int)JsonNode.Parse(compare.Out)!["artifacts"]!);
    }

    [Fact]
    public void Files_and_the_corpus_together_or_neither_exit_2()
    {
        var both = Cli.Compliance("sweep", "--corpus", "examples/frontier-release.json", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e26");
        var neither = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only");

        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Err, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
        Assert.Contains("--corpus", neither.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_with_estimates_reports_each_filled_cost_and_writes_the_plot_as_png_by_the_files_extension()
    {
        var png = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}.png");
        try
        {
            var json = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e26", "--as-of", "2026-07-01", "--estimates", "--format", "json");
            var plot = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--from", "1e24", "--to", "1e27", "--steps", "7", "--log", "--estimates", "--output", png);

            Assert.Equal(0, json.ExitCode);
            var estimates = JsonNode.Parse(json.Out)!["estimates"]!;
            Assert.Equal("secondary", (string)estimates["certainty"]!);
            Assert.Equal((int)estimates["count"]!, estimates["estimated"]!.AsArray().Count);
            Assert.All(estimates["estimated"]!.AsArray(), e => Assert.Contains("per FLOP", (string)e!["basis"]!, StringComparison.Ordinal));
            Assert.Equal(0, plot.ExitCode);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            File.Delete(png);
        }
    }

    [Fact]
    public void A_png_without_a_file_or_a_file_of_no_known_kind_exits_2_naming_the_option()
    {
        var noFile = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e26", "--format", "png");
        var unknown = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e26", "--output", "plot.gif");

        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("--output plot.png", noFile.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains(".gif", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_as_csv_has_one_row_per_artifact_and_bill()
    {
        var run = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only", "examples/frontier-release.json", "examples/api-deployment.json", "--as-of", "2026-07-01", "--format", "csv");

        Assert.Equal(0, run.ExitCode);
        var rows = run.Out.TrimEnd().Split('\n');
        Assert.StartsWith("side,bill,artifact,name,", rows[0], StringComparison.Ordinal);
        Assert.Equal(1 + 2 * 2, rows.Length);
    }
}
