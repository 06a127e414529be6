using System.Net;
using System.Text.Json.Nodes;
using Compliance.Rules.Corpus;

namespace Compliance.Api.Tests;

/// <summary>A fine-tune names a corpus model as its base, by corpus id or Hugging Face id, with no registration step.</summary>
public sealed class CorpusBasesApiTests
{
    private static readonly string LlamaDigest = ReferenceCorpus.Bundled.Artifacts.Single(a => a.Id == "meta/llama-3.1-70b").Digest;

    private static JsonObject FineTuneOf(string baseId) => Manifests.Parse($$"""
        {
          "schemaVersion": "1",
          "id": "gamma/llama-3.1-70b-clinical",
          "developer": { "name": "Gamma Health AI", "headquarters": "US-CA" },
          "training": { "status": "completed" },
          "lineage": { "base": "{{baseId}}", "relation": "finetune", "computeFlop": 2e24, "costUsd": 3e6 },
          "release": { "weights": "open", "date": "2026-09-01", "jurisdictions": ["US", "EU"] }
        }
        """);

    private static JsonObject Evaluation(JsonNode manifest) =>
        new() { ["manifest"] = manifest, ["bills"] = new JsonArray("us-ca-sb1047", "eu-ai-act"), ["asOf"] = "2026-10-01", ["trace"] = false };

    private static void AssertLineageOfLlama(JsonNode body, string digest)
    {
        var lineage = body["lineage"]!.AsArray();
        Assert.Equal(["gamma/llama-3.1-70b-clinical", "meta/llama-3.1-70b"], lineage.Select(l => (string)l!["id"]!));
        Assert.Equal(["meta/llama-3.1-70b"], lineage[0]!["bases"]!.AsArray().Select(b => (string)b!));
        Assert.Equal(digest, (string)lineage[1]!["digest"]!);
    }

    [Theory]
    [InlineData("meta/llama-3.1-70b")]
    [InlineData("meta-llama/Llama-3.1-70B")]
    [InlineData("META-LLAMA/llama-3.1-70b")]
    [InlineData("meta-llama/Meta-Llama-3.1-70B")]
    public async Task A_fine_tune_of_a_corpus_model_by_its_id_or_hub_id_in_any_case_is_evaluated_with_the_corpus_base_and_its_digest(string baseId)
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", Evaluation(FineTuneOf(baseId)));

        // A decision is stored, so its answer is a 201 with the decision.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        AssertLineageOfLlama(body, LlamaDigest);
        Assert.Equal(["eu-ai-act", "us-ca-sb1047"], body["bills"]!.AsArray().Select(b => (string)b!["bill"]!).Order(StringComparer.Ordinal));
        // 2e24 operations on a 7.9e24 base: not a covered model's derivative under SB 1047, nor the provider of a new model under the EU.
        var sb1047 = body["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb1047")!;
        Assert.Equal("false", (string)sb1047["definitions"]!["covered_model_derivative"]!["value"]!);
    }

    [Fact]
    public async Task The_gate_and_registration_take_a_corpus_base_by_hub_id_too()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var gate = await client.PostJsonAsync("/v1/gate", new JsonObject
        {
            ["manifest"] = FineTuneOf("meta-llama/Llama-3.1-70B"), ["activity"] = "release", ["bills"] = new JsonArray("eu-ai-act"), ["asOf"] = "2026-10-01",
        });
        var registered = await client.PostJsonAsync("/v1/manifests", FineTuneOf("meta-llama/Llama-3.1-70B"));
        var byId = await client.PostJsonAsync("/v1/evaluations", new JsonObject { ["manifestId"] = "gamma/llama-3.1-70b-clinical", ["bills"] = new JsonArray("eu-ai-act"), ["asOf"] = "2026-10-01" });

        Assert.Equal(HttpStatusCode.OK, gate.StatusCode);
        Assert.True((bool)(await gate.JsonAsync())["allowed"]!);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(["meta/llama-3.1-70b"], (await registered.JsonAsync())["lineage"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(HttpStatusCode.Created, byId.StatusCode);
        AssertLineageOfLlama(await byId.JsonAsync(), LlamaDigest);
    }

    [Fact]
    public async Task A_portfolio_to_compare_may_hold_a_fine_tune_of_a_corpus_model()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = new JsonArray(FineTuneOf("meta-llama/Llama-3.1-70B")), ["asOf"] = "2026-10-01",
        };

        var response = await app.CreateClient().PostJsonAsync("/v1/compare", request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.JsonAsync())["artifacts"]!);
    }

    [Fact]
    public async Task A_manifest_the_tenant_registered_under_a_corpus_id_is_the_base_instead_of_the_corpus_model()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var own = Manifests.Parse("""
            { "schemaVersion": "1", "id": "meta/llama-3.1-70b", "developer": { "name": "Meta AI" },
              "training": { "status": "completed", "computeFlop": 3e26, "costUsd": 2e8 }, "release": { "weights": "open" } }
            """);

        var registered = await (await client.PostJsonAsync("/v1/manifests", own)).JsonAsync();
        var byId = await (await client.PostJsonAsync("/v1/evaluations", Evaluation(FineTuneOf("meta/llama-3.1-70b")))).JsonAsync();
        var byHubId = await (await client.PostJsonAsync("/v1/evaluations", Evaluation(FineTuneOf("meta-llama/Llama-3.1-70B")))).JsonAsync();

        var digest = (string)registered["digest"]!;
        Assert.NotEqual(LlamaDigest, digest);
        AssertLineageOfLlama(byId, digest);
        // Registered with a covered model's compute, the tenant's base makes the fine-tune a covered model's derivative.
        var sb1047 = byId["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb1047")!;
        Assert.Equal("true", (string)sb1047["definitions"]!["covered_model_derivative"]!["value"]!);
        // The tenant registered no artifact under the Hub id: that still names the corpus model.
        AssertLineageOfLlama(byHubId, LlamaDigest);
    }

    [Fact]
    public async Task An_unknown_base_is_a_422_at_its_pointer_saying_to_register_it_or_name_a_corpus_model_and_which_one_it_nearly_spells()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var nearMiss = await client.PostJsonAsync("/v1/evaluations", Evaluation(FineTuneOf("Meta/Llama-3-1-70B")));
        var unknown = await client.PostJsonAsync("/v1/gate", new JsonObject { ["manifest"] = FineTuneOf("acme/frontier-9"), ["activity"] = "release" });
        var registering = await client.PostJsonAsync("/v1/manifests", FineTuneOf("meta/lama-3.1-70b"));

        var problem = await ProblemAssert.AssertProblem(nearMiss, HttpStatusCode.UnprocessableEntity, "/manifest/lineage/base", "did you mean meta/llama-3.1-70b?");
        var detail = (string)problem["errors"]![0]!["detail"]!;
        Assert.StartsWith("unknown base artifact 'Meta/Llama-3-1-70B': did you mean meta/llama-3.1-70b? Otherwise register it first (POST /v1/manifests)", detail, StringComparison.Ordinal);
        Assert.Contains("name a model of the bundled corpus by its id or Hugging Face id (GET /v1/corpus)", detail, StringComparison.Ordinal);
        var far = await ProblemAssert.AssertProblem(unknown, HttpStatusCode.UnprocessableEntity, "/manifest/lineage/base", "unknown base artifact 'acme/frontier-9': register it first (POST /v1/manifests)");
        Assert.DoesNotContain("did you mean", far.ToJsonString(), StringComparison.Ordinal);
        await ProblemAssert.AssertProblem(registering, HttpStatusCode.UnprocessableEntity, "/lineage/base", "did you mean meta/llama-3.1-70b?");
    }
}
