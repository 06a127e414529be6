using System.Net;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Tests;

/// <summary>An answer lists at most SchemaValidator.MaxErrors errors, however many a body has: listing them all took minutes.</summary>
public sealed class ErrorCapTests
{
    [Fact]
    public async Task A_hundred_thousand_bad_items_answer_the_first_errors_and_say_there_are_more()
    {
        await using var app = new ComplianceApp();
        var bills = new JsonArray([.. Enumerable.Range(0, 100_000).Select(i => (JsonNode)JsonValue.Create(i))]);

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", new JsonObject { ["manifestId"] = "a/b", ["bills"] = bills });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Equal(SchemaValidator.MaxErrors + 1, errors.Count);
        Assert.Equal("/bills/0", (string)errors[0]!["pointer"]!);
        Assert.Contains("and more", (string)errors[^1]!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_unknown_bills_name_the_known_ones_once()
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        request["bills"] = new JsonArray([.. Enumerable.Range(0, 1_000).Select(i => (JsonNode)JsonValue.Create($"no-such-bill-{i}"))]);

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Equal(SchemaValidator.MaxErrors, errors.Count);
        Assert.Single(errors, e => ((string)e!["detail"]!).Contains("known:", StringComparison.Ordinal));
    }
}
