using System.Net;
using static Compliance.Api.Tests.ProblemAssert;

namespace Compliance.Api.Tests;

/// <summary>Compare and sweep bodies are validated against their published request schemas before they are bound.</summary>
public sealed class AnalysisRequestTests
{
    private const string Compare = """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": "corpus" """;
    private const string Sweep = """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e26], "portfolio": "corpus" """;

    [Theory]
    [InlineData("/v1/compare", Compare + """, "asof": "2026-07-01" }""", "/asof", "'asof' is not a known field")]
    [InlineData("/v1/compare", Compare + """, "asOf": 20260701 }""", "/asOf", "must be a string")]
    [InlineData("/v1/compare", """{ "bills": ["us-ca-sb1047", 53], "portfolio": "corpus" }""", "/bills/1", "must be a string")]
    [InlineData("/v1/compare", """{ "bills": ["us-ca-sb1047", { "bill": "us-ca-sb53", "overrides": { "x": "1" } }], "portfolio": "corpus" }""", "/bills/1/overrides/x", "must be a number")]
    [InlineData("/v1/compare", """{ "bills": ["us-ca-sb1047", "us-ca-sb53"] }""", "/portfolio", "'portfolio' is required")]
    [InlineData("/v1/compare", """{ "portfolio": "corpus" }""", "/bills", "'bills' is required")]
    [InlineData("/v1/sweep", Sweep + """, "format": "csv" }""", "/format", "'format' is not a known field")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": 7, "values": [1e26], "portfolio": "corpus" }""", "/parameter", "must be a string")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": "1e26", "portfolio": "corpus" }""", "/values", "must be an array")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e26, "1e27"], "portfolio": "corpus" }""", "/values/1", "must be a number")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": { "from": 1, "to": 2 }, "portfolio": "corpus" }""", "/values/steps", "'steps' is required")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "values": [1e26], "portfolio": "corpus" }""", "/parameter", "'parameter' is required")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e26], "portfolio": 5 }""", "/portfolio", "must be")]
    public async Task A_body_its_request_schema_refuses_is_a_422_naming_the_field(string url, string body, string pointer, string detail)
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync(url, body);

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, pointer, detail);
        Assert.Equal(url == "/v1/compare" ? "The comparison request is invalid" : "The sweep request is invalid", (string)problem["title"]!);
    }

    [Fact]
    public async Task An_inline_portfolio_read_element_by_element_still_satisfies_the_schema()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/sweep",
            """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e26], "portfolio": [{ "schemaVersion": "1", "id": "a/b" }], "asOf": null }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.JsonAsync())["artifacts"]!);
    }

    [Fact]
    public async Task An_empty_inline_portfolio_is_a_422_at_the_portfolio()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/compare", """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": [] }""");

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/portfolio", "give an array of manifests");
    }

    [Fact]
    public async Task An_override_of_a_parameter_the_bill_does_not_have_is_a_422_naming_it()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/compare",
            """{ "bills": ["us-ca-sb1047", { "bill": "us-ca-sb1047", "overrides": { "covered_flops": 1e25 } }], "portfolio": "corpus" }""");

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/bills/1/overrides/covered_flops", "has no parameter 'covered_flops'");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_analysis_bodies_and_a_bill_upload_by_their_schemas()
    {
        await using var app = new ComplianceApp();

        var document = await app.CreateClient().GetNodeAsync("/swagger/v1/swagger.json");

        Assert.Equal("#/components/schemas/CompareRequest", (string)document["paths"]!["/v1/compare"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/SweepRequest", (string)document["paths"]!["/v1/sweep"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        var sweep = document["components"]!["schemas"]!["SweepRequest"]!["properties"]!;
        Assert.Equal(2, sweep["values"]!["oneOf"]!.AsArray().Count);
        var upload = document["paths"]!["/v1/bills"]!["post"]!["requestBody"]!["content"]!;
        Assert.Equal("/v1/schemas/rulepack#", (string)upload["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("/v1/schemas/rulepack#", (string)upload["application/yaml"]!["schema"]!["$ref"]!);
    }
}
