using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

public sealed class GateApiTests
{
    private static JsonObject Gate(JsonNode manifest, string activity, params string[] bills)
    {
        var request = new JsonObject { ["manifest"] = manifest.DeepClone(), ["activity"] = activity, ["asOf"] = "2026-07-01" };
        if (bills.Length > 0)
        {
            request["bills"] = new JsonArray(bills.Select(b => (JsonNode)b).ToArray());
        }
        return request;
    }

    [Fact]
    public async Task A_release_with_outstanding_blocking_duties_is_blocked_naming_them()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/gate", Gate(Manifests.CoveredRelease(), "release", "us-ca-sb1047"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gate = await response.JsonAsync();
        Assert.False((bool)gate["allowed"]!);
        var blocking = gate["blocking"]!.AsArray().Select(b => (string)b!).ToList();
        Assert.Contains("us-ca-sb1047/critical-harm-assessment", blocking);
        Assert.Contains("us-ca-sb1047/safety-protocol", blocking);
        Assert.DoesNotContain("us-ca-sb1047/compliance-statement-initial", blocking);
        var decision = await app.CreateClient().GetNodeAsync($"/v1/evaluations/{gate["evaluationId"]}");
        Assert.False((bool)decision["gate"]!["allowed"]!);
    }

    [Fact]
    public async Task A_release_whose_blocking_duties_all_have_evidence_is_allowed()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.CoveredRelease();
        string[] blocking = ["cybersecurity-protections", "full-shutdown", "safety-protocol", "safety-protocol-implement", "safety-protocol-publish",
            "critical-harm-assessment", "safeguards", "attribution", "no-unreasonable-risk"];
        manifest["evidence"] = new JsonArray(blocking.Select(id => (JsonNode)new JsonObject { ["obligation"] = "us-ca-sb1047/" + id, ["uri"] = "https://acme.example/" + id }).ToArray());

        var gate = await (await app.CreateClient().PostJsonAsync("/v1/gate", Gate(manifest, "release", "us-ca-sb1047"))).JsonAsync();

        Assert.True((bool)gate["allowed"]!, gate.ToJsonString());
        Assert.Empty(gate["blocking"]!.AsArray());
    }

    [Fact]
    public async Task An_undetermined_blocking_duty_blocks_unless_the_request_allows_it()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "acme/unpriced", "training": { "computeFlop": 3e26 }, "release": { "weights": "open" } }""");

        var strict = await (await app.CreateClient().PostJsonAsync("/v1/gate", Gate(manifest, "release", "us-ca-sb1047"))).JsonAsync();
        var request = Gate(manifest, "release", "us-ca-sb1047");
        request["allowUndetermined"] = true;
        var lenient = await (await app.CreateClient().PostJsonAsync("/v1/gate", request)).JsonAsync();

        Assert.False((bool)strict["allowed"]!);
        Assert.Empty(strict["blocking"]!.AsArray());
        Assert.Contains("us-ca-sb1047/critical-harm-assessment", strict["undetermined"]!.AsArray().Select(u => (string)u!));
        Assert.True((bool)lenient["allowed"]!);
    }

    [Fact]
    public async Task Without_named_bills_the_gate_enforces_only_bills_in_force_so_vetoed_sb1047_does_not_block()
    {
        await using var app = new ComplianceApp();
        var gate = await (await app.CreateClient().PostJsonAsync("/v1/gate", Gate(Manifests.CoveredRelease(), "release"))).JsonAsync();
        Assert.DoesNotContain("us-ca-sb1047@2024-08-enrolled", gate["enforced"]!.AsArray().Select(e => (string)e!));
        Assert.DoesNotContain(gate["blocking"]!.AsArray(), b => ((string)b!).StartsWith("us-ca-sb1047/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gate_asks_about_an_act_the_manifest_does_not_declare_as_if_it_happened()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "acme/quiet", "training": { "computeFlop": 2e26, "costUsd": 2e8 } }""");
        var gate = await (await app.CreateClient().PostJsonAsync("/v1/gate", Gate(manifest, "release", "us-ca-sb1047"))).JsonAsync();
        Assert.False((bool)gate["allowed"]!);
        Assert.Contains("us-ca-sb1047/critical-harm-assessment", gate["blocking"]!.AsArray().Select(b => (string)b!));
    }

    [Fact]
    public async Task A_gate_without_an_activity_is_a_422_naming_the_field()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().PostJsonAsync("/v1/gate", new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["activity"] = "publish" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/activity", (string)(await response.JsonAsync())["errors"]![0]!["pointer"]!);
    }
}
