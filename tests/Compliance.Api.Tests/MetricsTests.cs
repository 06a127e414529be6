using System.Net;
using System.Net.Http.Headers;
using Compliance.Api.Auth;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_served_without_a_key_with_requests_evaluations_decisions_queue_depth_and_refusals()
    {
        await using var app = new ComplianceApp();
        var key = app.CreateKey("tenant-sentinel-7f3", Scopes.Evaluate, Scopes.Read);
        var client = app.ClientWith(key);

        var evaluated = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
        var gated = await client.PostJsonAsync("/v1/gate", """{ "manifest": { "schemaVersion": "1", "id": "acme/gated-model-9" }, "activity": "release" }""");
        var invalid = await client.PostJsonAsync("/v1/evaluations", """{ "manifest": 1 }""");
        var scrape = await app.CreateClient().GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity), (evaluated.StatusCode, gated.StatusCode, invalid.StatusCode));
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="201",http_route="/v1/evaluations/"[^}]*\} [1-9]""", text);
        Assert.Matches("""compliance_evaluation_duration_seconds_count\{[^}]*compliance_decision_kind="evaluation"\} [1-9]""", text);
        Assert.Matches("""compliance_evaluation_duration_seconds_count\{[^}]*compliance_decision_kind="gate"\} [1-9]""", text);
        Assert.Matches("""compliance_decisions_written_total\{[^}]*compliance_decision_kind="evaluation"\} [1-9]""", text);
        Assert.Matches("""compliance_decision_writer_queue_depth\{[^}]*\} [0-9]+""", text);
        Assert.Matches("""compliance_requests_rejected_total\{[^}]*compliance_reason="invalid",http_response_status_code="422"\} [1-9]""", text);
    }

    [Fact]
    public async Task Metrics_carry_no_tenant_key_or_artifact_of_any_caller()
    {
        await using var app = new ComplianceApp();
        var secret = app.CreateKey("tenant-sentinel-7f3", Scopes.Evaluate, Scopes.Read);
        var client = app.ClientWith(secret);
        var keyId = app.Services.GetRequiredService<KeyStore>().List().Single().Id;
        var manifest = Manifests.CoveredRelease();
        manifest["id"] = "artifact-sentinel-4c2";

        var evaluated = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(manifest));
        var id = (string)(await evaluated.JsonAsync())["id"]!;
        await client.GetAsync($"/v1/evaluations/{id}");
        await client.GetAsync("/v1/evaluations/ev_missing-sentinel");
        var text = await (await app.CreateClient().GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Contains("compliance_decisions_written_total", text, StringComparison.Ordinal);
        foreach (var caller in new[] { "tenant-sentinel-7f3", secret, keyId, "artifact-sentinel-4c2", id, "ev_missing-sentinel" })
        {
            Assert.DoesNotContain(caller, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metrics_are_never_rate_limited_and_count_the_callers_refused()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_RATE_LIMIT_PER_MINUTE", "1"));
        var client = app.CreateClient();

        var allowed = await client.GetAsync("/v1/bills");
        var refused = await client.GetAsync("/v1/bills");
        var scrapes = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            scrapes.Add(await client.GetAsync("/metrics"));
        }
        var text = await scrapes[^1].Content.ReadAsStringAsync();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.TooManyRequests), (allowed.StatusCode, refused.StatusCode));
        Assert.All(scrapes, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        Assert.Matches("""compliance_requests_rejected_total\{[^}]*compliance_reason="rate_limit",http_response_status_code="429"\} [1-9]""", text);
    }

    [Fact]
    public async Task A_body_over_its_limit_is_counted_as_too_large()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var refused = await client.PostJsonAsync("/v1/evaluations", "{\"pad\": \"" + new string('x', 2 * 1024 * 1024) + "\"}");
        var text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Matches("""compliance_requests_rejected_total\{[^}]*compliance_reason="too_large",http_response_status_code="413"\} [1-9]""", text);
    }
}
