using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Compliance.Api.Tests;

public sealed class CorpusApiTests
{
    [Fact]
    public async Task The_corpus_lists_real_models_each_with_its_sources()
    {
        await using var app = new ComplianceApp();

        var body = await app.CreateClient().GetNodeAsync("/v1/corpus");

        var manifests = body["manifests"]!.AsArray();
        Assert.True(manifests.Count >= 40, $"{manifests.Count} manifests");
        Assert.Equal(manifests.Count, (int)body["count"]!);
        Assert.Equal(manifests.Count(m => m!["lineage"] is not null), (int)body["derivatives"]!);
        Assert.All(manifests, m => Assert.NotEmpty(m!["sources"]!.AsArray()));
        var grok = manifests.Single(m => (string)m!["id"]! == "xai/grok-3")!;
        Assert.Equal(3.5e26, (double)grok["training"]!["computeFlop"]!);
    }

    [Fact]
    public async Task The_corpus_as_csv_has_one_row_per_model_with_its_compute_column()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().GetAsync("/v1/corpus?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        var count = (int)(await app.CreateClient().GetNodeAsync("/v1/corpus"))["count"]!;
        Assert.Equal(count + 1, lines.Length);
        var grok = lines.Single(l => l.StartsWith("xai/grok-3,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(3.5e26, double.Parse(grok[Array.IndexOf(header, "trainingComputeFlop")], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Sb1047_against_deployment_only_over_the_corpus_in_one_request_shows_what_open_releases_lose()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var corpus = (await client.GetNodeAsync("/v1/corpus"))["manifests"]!.AsArray().ToDictionary(m => (string)m!["id"]!);
        var request = new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = "corpus", ["asOf"] = "2026-11-01" };

        var response = await client.PostJsonAsync("/v1/compare", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(corpus.Count, (int)body["artifacts"]!);
        var totals = body["totals"]!;
        // Open models whose cost no source gives lose release duties that were only undetermined: counted so, apart from
        // owed duties lost, in the totals as in each model's difference.
        Assert.True((int)totals["lost"]!["byPhase"]!["release"]!["undetermined"]! > 0);
        foreach (var status in new[] { "outstanding", "undetermined" })
        {
            Assert.Equal(body["differences"]!.AsArray().Sum(d => d!["lost"]![status]!.AsArray().Count), (int)totals["lost"]!["total"]![status]!);
        }
        Assert.Empty(totals["gained"]!["byPhase"]!.AsObject());
        Assert.True((int)totals["obligationsUnderB"]! < (int)totals["obligationsUnderA"]!);
        var losing = body["differences"]!.AsArray().Where(d => d!["lost"]!["undetermined"]!.AsArray().Any(l => (string)l! == "critical-harm-assessment")).ToList();
        Assert.NotEmpty(losing);
        // Only releases of weights lose SB 1047's pre-release assessment; a model offered only through an API keeps its duties.
        Assert.All(losing, d => Assert.Equal("open", (string)corpus[(string)d!["artifact"]!]!["release"]!["weights"]!));
    }

    [Fact]
    public async Task A_sweep_may_name_the_corpus_as_its_portfolio()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var count = (int)(await client.GetNodeAsync("/v1/corpus"))["count"]!;
        var request = new JsonObject
        {
            ["bill"] = "us-ca-sb1047",
            ["parameter"] = "covered_compute_flop",
            ["values"] = new JsonObject { ["from"] = 1e23, ["to"] = 1e27, ["steps"] = 9, ["scale"] = "log" },
            ["portfolio"] = "corpus",
        };

        var body = await (await client.PostJsonAsync("/v1/sweep", request)).JsonAsync();

        Assert.Equal(count, (int)body["artifacts"]!);
        Assert.Equal(9, body["points"]!.AsArray().Count);
        Assert.All(body["points"]!.AsArray(), p =>
        {
            var c = p!["counts"]!["covered_model"]!;
            Assert.Equal(count, (int)c["true"]! + (int)c["false"]! + (int)c["unknown"]!);
        });
    }

    [Fact]
    public async Task An_unknown_named_portfolio_is_a_422_at_the_portfolio()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = "everything" };

        var response = await app.CreateClient().PostJsonAsync("/v1/compare", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("/portfolio", (string)problem["errors"]![0]!["pointer"]!);
        Assert.Contains("corpus", (string)problem["errors"]![0]!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_corpus_format_is_a_422()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().GetAsync("/v1/corpus?format=xml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_corpus_sweep_plot_bounds_what_undetermined_models_could_add()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["bill"] = "us-ca-sb1047",
            ["parameter"] = "covered_compute_flop",
            ["values"] = new JsonArray(1e24, 1e25, 1e26, 1e27),
            ["portfolio"] = "corpus",
        };
        var counts = (await (await app.CreateClient().PostJsonAsync("/v1/sweep", request)).JsonAsync())["points"]!.AsArray()
            .Select(p => p!["counts"]!["covered_model"]!).ToList();

        var svg = XDocument.Parse(await (await app.CreateClient().PostJsonAsync("/v1/sweep?format=svg", request)).Content.ReadAsStringAsync());

        XNamespace ns = "http://www.w3.org/2000/svg";
        var series = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("data-definition") == "covered_model");
        Assert.Equal(4, series.Elements(ns + "circle").Count());
        var band = series.Elements(ns + "polygon").Single(l => (string?)l.Attribute("class") == "undetermined");
        var solid = series.Elements(ns + "polyline").Single();
        double[] Heights(XElement line) => [.. ((string)line.Attribute("points")!).Split(' ').Select(p => double.Parse(p.Split(',')[1], CultureInfo.InvariantCulture))];
        // The band runs along the solid line and back along its upper edge. SVG y grows downwards: the upper edge sits
        // above the line wherever some models are undetermined.
        var upper = Heights(band).Skip(counts.Count).Reverse();
        Assert.Equal(Heights(solid), Heights(band).Take(counts.Count));
        Assert.All(upper.Zip(Heights(solid), counts), x => Assert.Equal((int)x.Third["unknown"]! > 0, x.First < x.Second));
    }
}
