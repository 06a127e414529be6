using System.Net;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Tests;

public sealed class EvaluationsApiTests
{
    [Fact]
    public async Task A_covered_models_open_release_is_a_release_that_owes_the_duties_at_availability_with_citations_and_reasons()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/evaluations", Manifests.EvaluateTraced(Manifests.CoveredRelease()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal($"/v1/evaluations/{body["id"]}", response.Headers.Location!.ToString());
        var release = body["activities"]!.AsArray().Single(a => (string)a!["activity"]! == "release");
        Assert.Contains("release.weights = open", (string)release!["because"]!, StringComparison.Ordinal);
        var bill = body["bills"]![0]!;
        Assert.Equal("us-ca-sb1047", (string)bill["bill"]!);
        Assert.False((bool)bill["inForce"]!);
        Assert.Equal("true", (string)bill["definitions"]!["covered_model"]!["value"]!);
        var assessment = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/critical-harm-assessment")!;
        Assert.Equal("BPC § 22603(b)(1)", (string)assessment["citation"]!);
        Assert.Equal("release", (string)assessment["phase"]!);
        Assert.Equal("outstanding", (string)assessment["status"]!);
        Assert.Equal("2026-06-01", (string)assessment["dueDate"]!);
        var statement = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/compliance-statement-initial")!;
        Assert.Equal("2026-07-01", (string)statement["dueDate"]!);
        var trace = bill["definitions"]!["covered_model"]!["trace"]!;
        var computeCheck = Descendants(trace).First(n => (string?)n["fact"] == "training.computeFlop");
        Assert.Equal(2e26, (double)computeCheck["value"]!);
        Assert.Equal(1e26, (double)computeCheck["threshold"]!);
        Assert.Equal("covered_compute_flop", (string)computeCheck["parameter"]!);
        Assert.Equal("gt", (string)computeCheck["operator"]!);
    }

    [Fact]
    public async Task An_api_only_deployment_is_a_deployment_and_its_duties_attach_to_deployment()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""
            { "schemaVersion": "1", "id": "acme/chat-model", "developer": { "name": "Acme AI" },
              "training": { "computeFlop": 3e26, "costUsd": 4e8 },
              "release": { "weights": "none" },
              "deployments": [ { "id": "acme-chat", "channel": "api", "date": "2026-05-01", "jurisdictions": ["US-CA"] } ] }
            """);

        var body = await (await app.CreateClient().PostJsonAsync("/v1/evaluations", Manifests.Evaluate(manifest))).JsonAsync();

        var activity = Assert.Single(body["activities"]!.AsArray());
        Assert.Equal("deployment", (string)activity!["activity"]!);
        Assert.Equal("acme-chat", (string)activity["deployment"]!);
        Assert.Contains("channel = api", (string)activity["because"]!, StringComparison.Ordinal);
        var obligations = body["bills"]![0]!["obligations"]!.AsArray();
        Assert.DoesNotContain(obligations, o => (string)o!["phase"]! is "release" or "training");
        Assert.Contains(obligations, o => (string)o!["id"]! == "us-ca-sb1047/safeguards" && (string)o["phase"]! == "deployment");
    }

    [Fact]
    public async Task A_light_fine_tune_of_a_registered_covered_model_is_a_derivative_that_binds_its_third_party_maker_to_nothing()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var registered = await client.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var tune = Manifests.Parse("""
            { "schemaVersion": "1", "id": "beta/frontier-1-tuned", "developer": { "name": "Beta Labs" },
              "lineage": { "base": "acme/frontier-1", "relation": "finetune", "computeFlop": 1e24, "costUsd": 2e6 },
              "release": { "weights": "open" } }
            """);

        var body = await (await client.PostJsonAsync("/v1/evaluations", Manifests.EvaluateTraced(tune))).JsonAsync();

        var bill = body["bills"]![0]!;
        Assert.Equal("true", (string)bill["definitions"]!["covered_model_derivative"]!["value"]!);
        Assert.Equal("false", (string)bill["definitions"]!["covered_model"]!["value"]!);
        Assert.Empty(bill["obligations"]!.AsArray());
        Assert.Equal(["beta/frontier-1-tuned", "acme/frontier-1"], body["lineage"]!.AsArray().Select(l => (string)l!["id"]!));
        var baseStep = Descendants(bill["definitions"]!["covered_model_derivative"]!["trace"]!).First(n => (string?)n["kind"] == "base");
        Assert.Equal("true", (string)baseStep["outcome"]!);
    }

    [Fact]
    public async Task A_missing_fact_leaves_the_result_undetermined_and_names_the_fact_to_find_out()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "acme/unpriced", "training": { "status": "planned", "computeFlop": 3e26 } }""");

        var body = await (await app.CreateClient().PostJsonAsync("/v1/evaluations", Manifests.Evaluate(manifest))).JsonAsync();

        var bill = body["bills"]![0]!;
        Assert.Equal("unknown", (string)bill["definitions"]!["covered_model"]!["value"]!);
        Assert.Equal(["training.costUsd"], bill["definitions"]!["covered_model"]!["needs"]!.AsArray().Select(n => (string)n!));
        var ssp = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/safety-protocol")!;
        Assert.Equal("undetermined", (string)ssp["status"]!);
        Assert.Equal(["training.costUsd"], ssp["needs"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task A_stored_decision_is_returned_byte_for_byte_and_validates_against_the_evaluation_schema()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var created = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
        var text = await created.Content.ReadAsStringAsync();

        var fetched = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(text, await fetched.Content.ReadAsStringAsync());
        Assert.Empty(SchemaValidator.Evaluation.Validate(JsonNode.Parse(text)!));
    }

    [Fact]
    public async Task A_fine_tune_thirty_levels_down_is_explained_under_every_bill_with_each_base_definition_once()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var request = new JsonObject { ["manifest"] = FineTuneChain.Manifest(30), ["bills"] = "all", ["asOf"] = "2026-07-01", ["trace"] = true };

        var created = await client.PostJsonAsync("/v1/evaluations", request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(text.Length < 2_000_000, $"{text.Length} bytes for 31 artifacts");
        Assert.Empty(SchemaValidator.Evaluation.Validate(JsonNode.Parse(text)!));
        var sb1047 = JsonNode.Parse(text)!["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb1047")!;
        var bases = sb1047["lineageDefinitions"]!.AsObject();
        Assert.Equal(30, bases.Count);
        Assert.Equal("true", (string)bases["chain/base"]!["covered_model"]!["value"]!);
        Assert.Equal(text, await client.GetStringAsync(created.Headers.Location));
    }

    [Fact]
    public async Task The_same_inputs_give_the_same_result_apart_from_id_and_creation_time()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        var first = (await (await client.PostJsonAsync("/v1/evaluations", request)).JsonAsync()).AsObject();
        var second = (await (await client.PostJsonAsync("/v1/evaluations", request)).JsonAsync()).AsObject();

        Assert.NotEqual((string)first["id"]!, (string)second["id"]!);
        first.Remove("id");
        second.Remove("id");
        first.Remove("createdAt");
        second.Remove("createdAt");
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
    }

    [Fact]
    public async Task An_acknowledged_decision_survives_a_restart_of_the_service()
    {
        string location;
        string text;
        var path = Path.Combine(Path.GetTempPath(), $"compliance-restart-{Guid.NewGuid():N}.db");
        await using (var first = new ComplianceApp(path))
        {
            var created = await first.CreateClient().PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            location = created.Headers.Location!.ToString();
            text = await created.Content.ReadAsStringAsync();
        }

        await using var second = new ComplianceApp(path);
        var fetched = await second.CreateClient().GetAsync(location);

        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(text, await fetched.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_evaluation_id_is_a_404_problem()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().GetAsync("/v1/evaluations/ev_nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("ev_nope", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    internal static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        foreach (var child in node["children"]?.AsArray() ?? [])
        {
            foreach (var d in Descendants(child!))
            {
                yield return d;
            }
        }
    }
}
