using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Compliance.Api.Tests;

public sealed class AnalysisApiTests
{
    // Compute of each artifact, to check the sweep's counts by hand.
    private static readonly (string Id, double Flop)[] Models = [("m/1e23", 1e23), ("m/5e24", 5e24), ("m/2e25", 2e25), ("m/1e26", 1e26), ("m/3e26", 3e26)];

    private static JsonArray Portfolio() => new([.. Models.Select(m => (JsonNode)new JsonObject
    {
        ["schemaVersion"] = "1",
        ["id"] = m.Id,
        ["training"] = new JsonObject { ["status"] = "completed", ["computeFlop"] = m.Flop, ["costUsd"] = 5e8 },
        ["release"] = new JsonObject { ["weights"] = "open" },
    })]);

    [Fact]
    public async Task Sb1047_against_its_deployment_only_variant_shows_the_duties_an_open_release_loses()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = Portfolio(), ["asOf"] = "2026-07-01" };

        var response = await app.CreateClient().PostJsonAsync("/v1/compare", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(5, (int)body["artifacts"]!);
        var covered = body["differences"]!.AsArray().Single(d => (string)d!["artifact"]! == "m/3e26")!;
        var lost = covered["lost"]!["outstanding"]!.AsArray().Select(x => (string)x!).ToList();
        Assert.Equal(["annual-compliance-statement", "attribution", "compliance-statement-initial", "critical-harm-assessment", "no-unreasonable-risk", "safeguards", "test-records"], lost);
        Assert.Empty(covered["lost"]!["undetermined"]!.AsArray());
        Assert.Empty(covered["gained"]!["outstanding"]!.AsArray());
        // The model's own (completed) training still owes the pre-training duties under the variant.
        Assert.Equal(1, (int)body["totals"]!["withObligationsUnderA"]!);
        Assert.Equal(1, (int)body["totals"]!["withObligationsUnderB"]!);
        Assert.Equal(6, (int)body["totals"]!["lost"]!["byPhase"]!["release"]!["outstanding"]!);
        Assert.Equal(1, (int)body["totals"]!["lost"]!["byPhase"]!["periodic"]!["outstanding"]!);
        Assert.Equal(7, (int)body["totals"]!["lost"]!["total"]!["outstanding"]!);
        Assert.Equal(0, (int)body["totals"]!["lost"]!["total"]!["undetermined"]!);
        Assert.DoesNotContain(body["differences"]!.AsArray(), d => (string)d!["artifact"]! == "m/1e23");
    }

    [Fact]
    public async Task A_log_sweep_of_the_compute_threshold_counts_what_a_reader_counts_by_hand()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["bill"] = "us-ca-sb1047",
            ["parameter"] = "covered_compute_flop",
            ["values"] = new JsonObject { ["from"] = 1e23, ["to"] = 1e27, ["steps"] = 5, ["scale"] = "log" },
            ["portfolio"] = Portfolio(),
            ["asOf"] = "2026-07-01",
        };

        var body = await (await app.CreateClient().PostJsonAsync("/v1/sweep", request)).JsonAsync();

        var points = body["points"]!.AsArray();
        Assert.Equal([1e23, 1e24, 1e25, 1e26, 1e27], points.Select(p => (double)p!["value"]!));
        foreach (var point in points)
        {
            var threshold = (double)point!["value"]!;
            var byHand = Models.Count(m => m.Flop > threshold);
            Assert.Equal(byHand, (int)point["counts"]!["covered_model"]!["true"]!);
        }
        Assert.Equal(["m/5e24"], points[2]!["flipped"]!.AsArray().Select(f => (string)f!));
        var flip = Assert.Single(points[2]!["flips"]!.AsArray(), f => (string)f!["definition"]! == "covered_model")!;
        Assert.Equal(("m/5e24", "true", "false"), ((string)flip["artifact"]!, (string)flip["from"]!, (string)flip["to"]!));
        Assert.Equal(["m/5e24"], points[2]!["flippedModels"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(1e26, (double)body["currentValue"]!);
    }

    [Fact]
    public async Task A_sweep_as_csv_has_a_row_per_value_and_as_svg_parses_with_one_point_per_value()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["bill"] = "us-ca-sb1047", ["parameter"] = "covered_compute_flop",
            ["values"] = new JsonArray(1e24, 1e25, 1e26, 1e27), ["portfolio"] = Portfolio(), ["asOf"] = "2026-07-01",
        };
        var client = app.CreateClient();

        var csv = await (await client.PostJsonAsync("/v1/sweep?format=csv", request)).Content.ReadAsStringAsync();
        var svgResponse = await client.PostJsonAsync("/v1/sweep?format=svg", request);

        var pngResponse = await client.PostJsonAsync("/v1/sweep?format=png", request);

        // Tidy: one row per value and artifact, so pandas reads it as it is.
        var rows = csv.TrimEnd().Split('\n').Select(r => r.Split(',')).ToList();
        Assert.Equal(["bill", "parameter", "value", "artifact", "name"], rows[0][..5]);
        Assert.Equal(1 + 4 * Models.Length, rows.Count);
        var covered = Array.IndexOf(rows[0], "covered_model");
        foreach (var (value, model) in new[] { 1e24, 1e25, 1e26, 1e27 }.SelectMany(v => Models.Select(m => (v, m))))
        {
            var row = rows.Single(r => r[2] == value.ToString("R", CultureInfo.InvariantCulture) && r[3] == model.Id);
            Assert.Equal(model.Flop > value ? "true" : "false", row[covered]);
        }
        Assert.Equal("image/svg+xml", svgResponse.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await svgResponse.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var series = svg.Descendants(ns + "g").Single(g => (string?)g.Attribute("data-definition") == "covered_model");
        Assert.Equal(4, series.Elements(ns + "circle").Count());
        Assert.Single(svg.Descendants(ns + "line"), l => (string?)l.Attribute("class") == "current");
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.Contains("log scale", StringComparison.Ordinal));
        Assert.Equal("image/png", pngResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await pngResponse.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Sweep_and_compare_limits_and_bad_input_name_the_field_or_the_limit()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var tooManySteps = await client.PostJsonAsync("/v1/sweep", new JsonObject
        {
            ["bill"] = "us-ca-sb1047", ["parameter"] = "covered_compute_flop", ["portfolio"] = Portfolio(),
            ["values"] = new JsonObject { ["from"] = 1e23, ["to"] = 1e27, ["steps"] = 5000, ["scale"] = "log" },
        });
        var unknownParameter = await client.PostJsonAsync("/v1/sweep", new JsonObject
        {
            ["bill"] = "us-ca-sb1047", ["parameter"] = "covered_flops", ["portfolio"] = Portfolio(), ["values"] = new JsonArray(1e25),
        });
        var oneBill = await client.PostJsonAsync("/v1/compare", new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047"), ["portfolio"] = Portfolio() });
        var badManifest = await client.PostJsonAsync("/v1/compare", new JsonObject
        {
            ["bills"] = new JsonArray("us-ca-sb1047", "us-ca-sb53"), ["portfolio"] = new JsonArray(new JsonObject { ["schemaVersion"] = "1" }),
        });

        var badFormat = await client.PostJsonAsync("/v1/compare?format=png", new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047", "us-ca-sb53"), ["portfolio"] = Portfolio() });

        Assert.Equal("?format", (string)(await badFormat.JsonAsync())["errors"]![0]!["pointer"]!);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooManySteps.StatusCode);
        Assert.Contains("200", (string)(await tooManySteps.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal("/parameter", (string)(await unknownParameter.JsonAsync())["errors"]![0]!["pointer"]!);
        Assert.Equal("/bills", (string)(await oneBill.JsonAsync())["errors"]![0]!["pointer"]!);
        Assert.Equal("/portfolio/0/id", (string)(await badManifest.JsonAsync())["errors"]![0]!["pointer"]!);
    }

    [Fact]
    public async Task With_estimates_a_sweep_and_a_compare_fill_the_missing_costs_and_report_each_with_its_basis()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        // Compute above 1e26, released in 2023, no cost: at the cited 2023 price its cost is about $1.15 billion.
        var portfolio = new JsonArray(new JsonObject
        {
            ["schemaVersion"] = "1", ["id"] = "m/no-cost", ["name"] = "No Cost",
            ["training"] = new JsonObject { ["status"] = "completed", ["computeFlop"] = 3e26 },
            ["release"] = new JsonObject { ["weights"] = "open", ["date"] = "2023-06-01" },
        });
        JsonObject Sweep(bool estimates) => new()
        {
            ["bill"] = "us-ca-sb1047", ["parameter"] = "covered_compute_flop", ["values"] = new JsonArray(1e26),
            ["portfolio"] = portfolio.DeepClone(), ["asOf"] = "2026-07-01", ["estimates"] = estimates,
        };

        var plain = await (await client.PostJsonAsync("/v1/sweep", Sweep(false))).JsonAsync();
        var estimated = await (await client.PostJsonAsync("/v1/sweep", Sweep(true))).JsonAsync();
        var csv = await (await client.PostJsonAsync("/v1/sweep?format=csv", Sweep(true))).Content.ReadAsStringAsync();
        var compare = await (await client.PostJsonAsync("/v1/compare", new JsonObject
        {
            ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = portfolio.DeepClone(), ["asOf"] = "2026-07-01", ["estimates"] = true,
        })).JsonAsync();

        Assert.Null(plain["estimates"]);
        Assert.Equal(1, (int)plain["points"]![0]!["counts"]!["covered_model"]!["unknown"]!);
        Assert.Equal(1, (int)estimated["points"]![0]!["counts"]!["covered_model"]!["true"]!);
        var fact = estimated["estimates"]!["estimated"]!.AsArray().Single()!;
        Assert.Equal(("m/no-cost", "training.costUsd"), ((string)fact["artifact"]!, (string)fact["fact"]!));
        Assert.Contains("x $", (string)fact["basis"]!, StringComparison.Ordinal);
        Assert.Equal("secondary", (string)estimated["estimates"]!["certainty"]!);
        Assert.Equal(1, (int)estimated["estimates"]!["count"]!);
        Assert.EndsWith(",training.costUsd", csv.TrimEnd().Split('\n')[1], StringComparison.Ordinal);
        Assert.Equal(1, (int)compare["estimates"]!["count"]!);
        Assert.Equal(["training.costUsd"], compare["differences"]![0]!["estimated"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task A_compare_as_csv_has_one_row_per_artifact_and_bill()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject { ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = Portfolio(), ["asOf"] = "2026-07-01" };

        var response = await app.CreateClient().PostJsonAsync("/v1/compare?format=csv", request);

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = (await response.Content.ReadAsStringAsync()).TrimEnd().Split('\n').Select(r => r.Split(',')).ToList();
        Assert.Equal(1 + 2 * Models.Length, rows.Count);
        Assert.Equal(["side", "bill", "artifact", "name"], rows[0][..4]);
        var outstanding = Array.IndexOf(rows[0], "outstanding");
        var big = rows.Where(r => r[2] == "m/3e26").ToDictionary(r => r[0], r => int.Parse(r[outstanding], CultureInfo.InvariantCulture));
        Assert.True(big["A"] > big["B"], $"{big["A"]} duties under A, {big["B"]} under B");
    }
}
