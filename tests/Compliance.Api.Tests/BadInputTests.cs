using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static Compliance.Api.Tests.ProblemAssert;

namespace Compliance.Api.Tests;

/// <summary>Every bad input is a 4xx problem+json naming the field (by JSON Pointer) or the limit; never a 500 or a hang.</summary>
public sealed class BadInputTests
{
    private static JsonObject WithTraining(string trainingJson) =>
        Manifests.Evaluate(Manifests.Parse($$"""{ "schemaVersion": "1", "id": "x/y", "training": {{trainingJson}} }"""));

    [Fact]
    public async Task Malformed_json_is_a_400_with_the_line_and_column()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", "{\"manifest\": {\"id\": ");
        await AssertProblem(response, HttpStatusCode.BadRequest, "", "line 1, column");
    }

    [Fact]
    public async Task A_string_where_flops_go_is_a_422_naming_the_field()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", WithTraining("""{ "computeFlop": "2e26" }"""));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/manifest/training/computeFlop", "must be a number");
    }

    [Fact]
    public async Task Negative_compute_is_a_422_naming_the_field()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", WithTraining("""{ "computeFlop": -1 }"""));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/manifest/training/computeFlop", "at least 0");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_a_422_listing_the_allowed_values()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", WithTraining("""{ "status": "finished" }"""));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/manifest/training/status", "planned, in-progress, completed");
    }

    [Fact]
    public async Task A_manifest_without_an_id_is_a_422_naming_id()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1" }""");
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/id", "required");
    }

    [Fact]
    public async Task A_compute_figure_beyond_64_bits_is_accepted_as_a_number()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", WithTraining("""{ "status": "planned", "computeFlop": 100000000000000000000000000000, "costUsd": 1e9 }"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("true", (string)(await response.JsonAsync())["bills"]![0]!["definitions"]!["covered_model"]!["value"]!);
    }

    [Fact]
    public async Task An_unknown_base_id_is_a_422_naming_the_id()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "x/tune", "lineage": { "base": "nobody/base", "relation": "finetune" } }""");
        var response = await app.CreateClient().PostJsonAsync("/v1/manifests", manifest);
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/lineage/base", "nobody/base");
    }

    [Fact]
    public async Task A_lineage_that_comes_back_to_itself_is_a_422_naming_the_cycle()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1", "id": "a/one" }""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1", "id": "b/two", "lineage": { "base": "a/one", "relation": "finetune" } }""")).StatusCode);

        var response = await client.PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1", "id": "a/one", "lineage": { "base": "b/two", "relation": "merge" } }""");

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/lineage/base", "a/one -> b/two -> a/one");
    }

    [Fact]
    public async Task A_lineage_3000_levels_deep_inline_is_refused_with_the_nesting_limit()
    {
        await using var app = new ComplianceApp();
        var json = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            json.Append($$"""{ "schemaVersion": "1", "id": "deep/m{{i}}", "lineage": { "relation": "finetune", "base": """);
        }
        json.Append("\"deep/root\"");
        for (var i = 0; i < 3000; i++)
        {
            json.Append("} }");
        }

        var response = await app.CreateClient().PostJsonAsync("/v1/manifests", json.ToString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("128", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_lineage_deeper_than_the_limit_is_refused_naming_the_limit()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1", "id": "chain/0" }""")).StatusCode);
        HttpResponseMessage last = null!;
        for (var i = 1; i <= 40; i++)
        {
            last = await client.PostJsonAsync("/v1/manifests", $$"""{ "schemaVersion": "1", "id": "chain/{{i}}", "lineage": { "base": "chain/{{i - 1}}", "relation": "finetune" } }""");
            if (last.StatusCode != HttpStatusCode.Created)
            {
                break;
            }
        }
        var problem = await AssertProblem(last, HttpStatusCode.RequestEntityTooLarge, "/lineage/base", "deeper than 32 levels");
        Assert.Contains("limit", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_20_megabyte_body_is_a_413_naming_the_limit()
    {
        await using var app = new ComplianceApp();
        var padding = new string('x', 20 * 1024 * 1024);
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", $$"""{ "manifest": { "schemaVersion": "1", "id": "big/one", "name": "{{padding}}" } }""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1048576 bytes", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_bills_bad_dates_and_unknown_fields_are_each_named()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["bills"] = new JsonArray("us-ca-sb1047", "us-xx-nothing"), ["asOf"] = "2026-13-01", ["bill"] = "typo" };

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/asOf", "not a date");
        Assert.Contains(problem["errors"]!.AsArray(), e => (string)e!["pointer"]! == "/bill");
        var bills = await app.CreateClient().PostJsonAsync("/v1/evaluations", new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["bills"] = new JsonArray("us-ca-sb1047", "us-xx-nothing") });
        await AssertProblem(bills, HttpStatusCode.UnprocessableEntity, "/bills/1", "us-xx-nothing");
    }

    [Fact]
    public async Task A_request_naming_both_or_neither_manifest_source_is_a_422()
    {
        await using var app = new ComplianceApp();
        var neither = await app.CreateClient().PostJsonAsync("/v1/evaluations", """{ "asOf": "2026-01-01" }""");
        await AssertProblem(neither, HttpStatusCode.UnprocessableEntity, "", "exactly one of 'manifest'");
        var unknownId = await app.CreateClient().PostJsonAsync("/v1/evaluations", """{ "manifestId": "never/registered" }""");
        await AssertProblem(unknownId, HttpStatusCode.UnprocessableEntity, "/manifestId", "never/registered");
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_a_422_and_an_empty_one_a_400()
    {
        await using var app = new ComplianceApp();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.CreateClient().PostJsonAsync("/v1/evaluations", "[1, 2]")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().PostJsonAsync("/v1/evaluations", "")).StatusCode);
    }
}
