using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

/// <summary>
/// Issue 16: a bill's readings of unsettled text, listed by the catalogue, chosen per request, recorded in the answer,
/// and compared. SB 53's base-compute: does another developer's 2e26 run count toward a fine-tuner's 1e22?
/// </summary>
public sealed class ReadingsApiTests
{
    private static JsonObject ThirdPartyFineTune() => new()
    {
        ["manifest"] = Manifests.Parse("""
            { "schemaVersion": "1", "id": "beta/frontier-tuned", "generalPurpose": true,
              "developer": { "name": "Beta Labs", "annualRevenueUsd": 2e9, "headquarters": "US-CA" },
              "lineage": { "base": "acme/frontier-1", "relation": "finetune", "computeFlop": 1e22 },
              "release": { "weights": "open" } }
            """),
        ["bills"] = new JsonArray("us-ca-sb53"),
        ["asOf"] = "2026-12-02",
    };

    private static async Task Register(HttpClient client) =>
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/manifests", Manifests.Parse("""
            { "schemaVersion": "1", "id": "acme/frontier-1", "generalPurpose": true, "developer": { "name": "Acme AI" }, "training": { "computeFlop": 2e26 } }
            """))).StatusCode);

    [Fact]
    public async Task The_catalogue_lists_each_reading_with_its_options_default_and_citation()
    {
        await using var app = new ComplianceApp();

        var bill = await (await app.CreateClient().GetAsync("/v1/bills/us-ca-sb53")).JsonAsync();

        var reading = bill["readings"]!.AsArray().Single(r => (string)r!["name"]! == "base-compute")!;
        Assert.Equal("same-developer", (string)reading["default"]!);
        Assert.Equal(["same-developer", "cumulative"], reading["options"]!.AsObject().Select(o => o.Key));
        Assert.Contains("22757.11(h)", (string)reading["citation"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_chooses_a_reading_and_the_answer_records_both_the_choice_and_the_default_it_replaced()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        await Register(client);

        var byDefault = await (await client.PostJsonAsync("/v1/evaluations", ThirdPartyFineTune())).JsonAsync();
        var request = ThirdPartyFineTune();
        request["readings"] = JsonNode.Parse("""{ "us-ca-sb53": { "base-compute": "cumulative" } }""");
        var response = await client.PostJsonAsync("/v1/evaluations", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var chosen = await response.JsonAsync();

        var plain = byDefault["bills"]![0]!;
        Assert.Equal("false", (string)plain["definitions"]!["frontier_developer"]!["value"]!);
        Assert.Empty(plain["obligations"]!.AsArray());
        Assert.Equal("same-developer", (string)plain["readings"]!["base-compute"]!["option"]!);
        Assert.True((bool)plain["readings"]!["base-compute"]!["default"]!);

        var read = chosen["bills"]![0]!;
        Assert.Equal("true", (string)read["definitions"]!["frontier_developer"]!["value"]!);
        Assert.Equal(13, read["obligations"]!.AsArray().Count);
        Assert.Equal("cumulative", (string)read["readings"]!["base-compute"]!["option"]!);
        Assert.False((bool)read["readings"]!["base-compute"]!["default"]!);
        Assert.Contains("the lineage's cumulative compute counts", (string)read["definitions"]!["frontier_developer"]!["because"]!, StringComparison.Ordinal);

        // The stored decision's memo says it was read the other way.
        var memo = await (await client.GetAsync($"/v1/evaluations/{(string)chosen["id"]!}?format=markdown")).Content.ReadAsStringAsync();
        Assert.Contains("Read as the request chose, not the pack's default:** `base-compute`: `cumulative`", memo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_bill_reading_or_option_is_a_422_naming_it()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        await Register(client);
        var request = ThirdPartyFineTune();
        request["readings"] = JsonNode.Parse("""{ "us-ca-sb53": { "base-compute": "sum", "generality": "presumed" }, "eu-ai-act": { "x": "y" } }""");

        var response = await client.PostJsonAsync("/v1/evaluations", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Equal(["/readings/us-ca-sb53/base-compute", "/readings/us-ca-sb53/generality", "/readings/eu-ai-act"], errors.Select(e => (string)e!["pointer"]!));
        Assert.Contains("same-developer, cumulative", (string)errors[0]!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reading_that_is_not_text_is_refused_by_the_request_schema()
    {
        await using var app = new ComplianceApp();
        var request = ThirdPartyFineTune();
        request["readings"] = JsonNode.Parse("""{ "us-ca-sb53": { "base-compute": 1 } }""");

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);

        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/readings/us-ca-sb53/base-compute", "must be a string");
    }

    [Fact]
    public async Task Compare_takes_one_bill_under_two_readings()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        await Register(client);
        var request = new JsonObject
        {
            ["bills"] = JsonNode.Parse("""["us-ca-sb53", { "bill": "us-ca-sb53", "readings": { "base-compute": "cumulative" } }]"""),
            ["portfolio"] = new JsonArray(ThirdPartyFineTune()["manifest"]!.DeepClone()),
            ["asOf"] = "2026-12-02",
        };

        var response = await client.PostJsonAsync("/v1/compare", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await response.JsonAsync()).ToJsonString();
        Assert.Contains("reading base-compute=cumulative", text, StringComparison.Ordinal);
        Assert.Contains("frontier-ai-framework", text, StringComparison.Ordinal);
    }
}
