using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static Compliance.Api.Tests.ProblemAssert;

namespace Compliance.Api.Tests;

/// <summary>
/// The requests an attacker's test found answered with a 500: each is now a 4xx problem+json naming the field at fault.
/// JSON text is written by hand here, because no JSON writer will write what these requests hold.
/// </summary>
public sealed class HostileInputTests
{
    private const string Bills = "\"bills\": [\"us-ca-sb1047\"]";

    [Fact]
    public async Task A_lone_surrogate_in_a_manifest_id_is_a_400_naming_the_id()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", $$"""{ "manifest": { "schemaVersion": "1", "id": "acme/\ud800" }, {{Bills}} }""");
        await AssertProblem(response, HttpStatusCode.BadRequest, "/manifest/id", "half of a surrogate pair");
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_registered_manifest_name_is_a_400_naming_the_name()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/manifests", """{ "schemaVersion": "1", "id": "acme/one", "name": "Frontier \udfff" }""");
        await AssertProblem(response, HttpStatusCode.BadRequest, "/name", "not valid text");
    }

    [Fact]
    public async Task A_key_given_twice_in_the_envelope_is_a_400_naming_the_key()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/gate", """{ "manifestId": "a/b", "activity": "release", "activity": "training" }""");
        await AssertProblem(response, HttpStatusCode.BadRequest, "/activity", "given more than once");
    }

    [Fact]
    public async Task A_key_given_twice_inside_the_manifest_is_a_400_naming_its_pointer()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations",
            $$"""{ "manifest": { "schemaVersion": "1", "id": "a/b", "training": { "costUsd": 1e8, "costUsd": 1e9 } }, {{Bills}} }""");
        await AssertProblem(response, HttpStatusCode.BadRequest, "/manifest/training/costUsd", "'costUsd' is given more than once");
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_a_400_naming_the_string_they_are_in()
    {
        await using var app = new ComplianceApp();
        byte[] body = [.. """{ "manifest": { "schemaVersion": "1", "id": "acme/"""u8, 0xC3, 0x28, .. "\" } }"u8];
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", body);
        await AssertProblem(response, HttpStatusCode.BadRequest, "/manifest/id", "invalid UTF-8");
    }

    [Fact]
    public async Task A_yaml_bill_that_is_not_utf8_is_a_400()
    {
        await using var app = new ComplianceApp();
        var client = app.ClientWith(app.CreateKey("acme", Compliance.Storage.Scopes.Analyst));
        var content = new ByteArrayContent([.. "id: draft-"u8, 0xFF, .. "\n"u8]);
        content.Headers.ContentType = new("application/yaml");
        var response = await client.PostAsync("/v1/bills", content);
        await AssertProblem(response, HttpStatusCode.BadRequest, "", "is not UTF-8 text");
    }

    [Fact]
    public async Task A_compute_figure_beyond_a_double_is_a_422_naming_it()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations",
            $$"""{ "manifest": { "schemaVersion": "1", "id": "a/b", "training": { "computeFlop": 1e400 } }, {{Bills}} }""");
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/manifest/training/computeFlop", "beyond the range of a double");
    }

    [Fact]
    public async Task A_330_digit_cost_is_a_422_naming_it()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/manifests",
            $$"""{ "schemaVersion": "1", "id": "a/b", "training": { "costUsd": 9{{new string('9', 329)}} } }""");
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/training/costUsd", "beyond the range of a double");
    }

    [Fact]
    public async Task An_override_beyond_a_double_is_a_422_naming_the_parameter()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.CoveredRelease().ToJsonString();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations",
            $$"""{ "manifest": {{manifest}}, {{Bills}}, "overrides": { "us-ca-sb1047": { "covered_compute_flop": -1e999 } } }""");
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/overrides/us-ca-sb1047/covered_compute_flop", "beyond the range of a double");
    }

    [Theory]
    [InlineData("/v1/evaluations", "9999-12-31")]
    [InlineData("/v1/gate", "9001-01-01")]
    [InlineData("/v1/evaluations", "0001-01-01")]
    public async Task An_as_of_date_the_engine_cannot_compute_with_is_a_422_naming_asOf_and_the_range(string url, string asOf)
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease(), asOf);
        if (url == "/v1/gate")
        {
            request["activity"] = "release";
        }
        var response = await app.CreateClient().PostJsonAsync(url, request);
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/asOf", "1000-01-01 to 9000-12-31");
    }

    [Fact]
    public async Task The_last_as_of_date_in_the_range_is_evaluated()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease(), "9000-12-31"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("9000-12-31", (string)(await response.JsonAsync())["asOf"]!);
    }

    [Fact]
    public async Task Several_bad_envelope_fields_are_each_named_in_one_422()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject { ["manifestId"] = "a/b", ["bills"] = "us-ca-sb1047", ["trace"] = "yes", ["activity"] = "publish" };
        var response = await app.CreateClient().PostJsonAsync("/v1/gate", request);
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/bills", "not one of the allowed values (all)");
        var errors = problem["errors"]!.AsArray().Select(e => $"{e!["pointer"]}: {e["detail"]}").ToList();
        Assert.Contains("/trace: must be true or false", errors);
        Assert.Contains(errors, e => e.StartsWith("/activity: not one of the allowed values (training, release, deployment)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gate_request_without_an_activity_is_a_422_naming_activity()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/gate", Manifests.Evaluate(Manifests.CoveredRelease()));
        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/activity", "'activity' is required");
    }

    [Fact]
    public async Task Optional_fields_sent_as_null_count_as_absent()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["manifest"] = Manifests.CoveredRelease(), ["manifestId"] = null, ["bills"] = new JsonArray("us-ca-sb1047"),
            ["asOf"] = null, ["trace"] = null, ["overrides"] = null,
        };
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ComplianceApp.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)(await response.JsonAsync())["asOf"]!);
    }

    [Theory]
    [InlineData("evaluation-request", "asOf")]
    [InlineData("gate-request", "activity")]
    [InlineData("compare-request", "bills")]
    [InlineData("sweep-request", "values")]
    public async Task The_request_schemas_are_published_with_their_fields(string name, string field)
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var schema = await client.GetNodeAsync($"/v1/schemas/{name}");
        Assert.Equal($"https://compliance.example/schemas/{name}.schema.json", (string)schema["$id"]!);
        Assert.NotNull(schema["properties"]![field]);
        Assert.Contains(name, (await client.GetNodeAsync("/v1/schemas")).AsArray().Select(n => (string)n!));
    }
}
