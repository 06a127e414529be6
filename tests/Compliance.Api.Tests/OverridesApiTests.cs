using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

public sealed class OverridesApiTests
{
    [Fact]
    public async Task An_analyst_can_lower_a_threshold_for_one_request_and_the_result_records_it()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "x/mid", "training": { "status": "planned", "computeFlop": 5e25, "costUsd": 2e8 } }""");
        var request = Manifests.Evaluate(manifest);
        request["overrides"] = JsonNode.Parse("""{ "us-ca-sb1047": { "covered_compute_flop": 1e25 } }""");

        var body = await (await app.CreateClient().PostJsonAsync("/v1/evaluations", request)).JsonAsync();

        var bill = body["bills"]![0]!;
        Assert.Equal("true", (string)bill["definitions"]!["covered_model"]!["value"]!);
        Assert.Equal(1e25, (double)bill["overrides"]!["covered_compute_flop"]!);
    }

    [Fact]
    public async Task Overrides_of_unknown_bills_or_parameters_are_422_naming_them()
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        request["overrides"] = JsonNode.Parse("""{ "us-ca-sb1047": { "covered_flops": 1e25, "covered_cost_usd": 1e8 }, "eu-ai-act": { "gpai_compute_flop": 1 } }""");

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var pointers = (await response.JsonAsync())["errors"]!.AsArray().Select(e => (string)e!["pointer"]!).ToList();
        Assert.Equal(["/overrides/us-ca-sb1047/covered_flops", "/overrides/eu-ai-act"], pointers);
    }

    [Fact]
    public async Task An_override_that_is_not_a_number_is_a_422_naming_it_before_the_bills_are_consulted()
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        request["overrides"] = JsonNode.Parse("""{ "us-ca-sb1047": { "covered_flops": 1e25, "covered_cost_usd": "cheap" } }""");

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync())["errors"]!.AsArray());
        Assert.Equal("/overrides/us-ca-sb1047/covered_cost_usd", (string)error!["pointer"]!);
        Assert.Equal("must be a number", (string)error["detail"]!);
    }
}
