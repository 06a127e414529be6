using System.Net;
using System.Text;

namespace Compliance.Api.Tests;

/// <summary>An uploaded draft goes through the same static checks as a shipped pack; a dry run shows them without storing anything.</summary>
public sealed class BillCheckTests
{
    private const string Draft = """
        id: analyst-draft
        version: "1"
        title: A draft compute bill
        jurisdiction: US
        status: proposed
        source: https://example.test/draft
        effective: {}
        parameters:
          threshold: { value: 1e25, unit: FLOP, citation: "§ 1", description: "trained with more than {threshold} operations" }
        definitions:
          big: { title: Big model, citation: "§ 1", when: { fact: training.computeFlop, gt: $threshold } }
        obligations:
          - { id: report, title: Report the model, citation: "§ 2", phase: training, holder: developer, when: { definition: big } }
        """;

    private static HttpRequestMessage Upload(string yaml, bool dryRun = false) =>
        new(HttpMethod.Post, dryRun ? "/v1/bills?dryRun=true" : "/v1/bills") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };

    [Fact]
    public async Task A_draft_whose_comparison_contradicts_its_cited_words_is_refused_at_the_pointer_and_not_stored()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.SendAsync(Upload(Draft.Replace("gt: $threshold", "gte: $threshold", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("The bill pack fails its checks", (string)problem["title"]!);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal("/definitions/big/when/gte", (string)error["pointer"]!);
        Assert.StartsWith("operator: ", (string)error["detail"]!, StringComparison.Ordinal);
        Assert.Contains("\"more than\"", (string)error["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/bills/analyst-draft")).StatusCode);
    }

    [Fact]
    public async Task A_draft_comparing_a_cost_with_a_compute_threshold_is_refused_at_the_pointer()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().SendAsync(Upload(Draft.Replace("fact: training.computeFlop", "fact: training.costUsd", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.JsonAsync())["errors"]!.AsArray())!;
        Assert.Equal("/definitions/big/when/gt", (string)error["pointer"]!);
        Assert.Contains("FLOP", (string)error["detail"]!, StringComparison.Ordinal);
        Assert.Contains("USD", (string)error["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_with_only_warnings_is_stored_and_its_warnings_come_back()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.SendAsync(Upload(Draft.Replace("definitions:\n",
            "definitions:\n  spare: { title: Never used, citation: \"§ 3\", when: { fact: training.computeFlop, gt: 1e20 } }\n", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var check = (await response.JsonAsync())["check"]!;
        Assert.True((bool)check["passed"]!);
        Assert.Empty(check["errors"]!.AsArray());
        var warning = Assert.Single(check["warnings"]!.AsArray())!;
        Assert.Equal(("unused", "/definitions/spare"), ((string)warning["rule"]!, (string)warning["pointer"]!));
        Assert.Null((await client.GetNodeAsync("/v1/bills/analyst-draft"))["check"]);
    }

    [Fact]
    public async Task A_dry_run_answers_the_expanded_variant_with_its_check_and_stores_nothing()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        // A variant needs no effective block and its override no unit or citation: both come from the base.
        const string variant = """
            id: analyst-sb53-1e25
            version: "1"
            extends: us-ca-sb53@2025-09-chaptered
            title: SB 53 at 10^25
            jurisdiction: US-CA
            status: hypothetical
            source: https://example.test/memo
            parameters:
              frontier_compute_flop: { value: 1e25 }
            """;

        var response = await client.SendAsync(Upload(variant, dryRun: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var expanded = body["expanded"]!;
        Assert.Equal("2026-01-01", (string)expanded["effective"]!["from"]!);
        var parameter = expanded["parameters"]!["frontier_compute_flop"]!;
        Assert.Equal((1e25, "FLOP", "BPC § 22757.11(i)"), ((double)parameter["value"]!, (string)parameter["unit"]!, (string)parameter["citation"]!));
        var frontier = body["definitions"]!.AsArray().Single(d => (string)d!["name"]! == "frontier_model")!;
        Assert.Contains("more than 10^25 operations", (string)frontier["description"]!, StringComparison.Ordinal);
        Assert.True((bool)body["check"]!["passed"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/bills/analyst-sb53-1e25")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Upload(variant))).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_of_a_draft_that_fails_its_checks_answers_its_errors_without_refusing()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().SendAsync(Upload(Draft.Replace("gt: $threshold", "lt: $threshold", StringComparison.Ordinal), dryRun: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = (await response.JsonAsync())["check"]!;
        Assert.False((bool)check["passed"]!);
        var error = Assert.Single(check["errors"]!.AsArray())!;
        Assert.Equal(("operator", "/definitions/big/when/lt"), ((string)error["rule"]!, (string)error["pointer"]!));
    }
}
