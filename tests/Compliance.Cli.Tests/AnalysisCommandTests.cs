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
        Assert.Contains("critical-harm-assessment", release["lost"]!.AsArray().Select(l => (string)l!));
        Assert.DoesNotContain(result["differences"]!.AsArray(), d => (string)d!["artifact"]! == "acme/frontier-chat");
    }

    [Fact]
    public void Sweep_writes_csv_and_an_svg_with_one_point_per_value()
    {
        var csv = Cli.Compliance("sweep", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e24,1e25,1e26", "examples/frontier-release.json", "examples/small-model-release.yaml", "--as-of", "2026-07-01", "--format", "csv");
        var svg = Cli.Compliance("sweep", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--from", "1e23", "--to", "1e27", "--steps", "9", "--log", "examples/frontier-release.json", "--format", "svg");

        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(4, csv.Out.TrimEnd().Split('\n').Length);
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
}
