using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Compliance.Api.Tests;

public sealed class BillUploadTests
{
    private const string Variant = """
        id: analyst-sb1047-1e25
        version: "1"
        extends: us-ca-sb1047@2024-08-enrolled
        title: SB 1047 with a 1e25 compute threshold
        jurisdiction: US-CA
        status: hypothetical
        source: https://example.test/memo
        effective: {}
        parameters:
          covered_compute_flop: { value: 1e25, citation: "analyst's alternative" }
        """;

    private static HttpRequestMessage Upload(string yaml, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/bills") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return request;
    }

    [Fact]
    public async Task An_analyst_uploads_a_variant_that_is_stored_versioned_and_evaluated_like_a_shipped_bill()
    {
        var path = Path.Combine(Path.GetTempPath(), $"compliance-bills-{Guid.NewGuid():N}.db");
        await using (var app = new ComplianceApp(path))
        {
            var client = app.CreateClient();
            var created = await client.SendAsync(Upload(Variant));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/v1/bills/analyst-sb1047-1e25@1", created.Headers.Location!.ToString());
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Upload(Variant))).StatusCode);

            var manifest = Manifests.Parse("""{ "schemaVersion": "1", "id": "x/mid", "training": { "status": "planned", "computeFlop": 5e25, "costUsd": 2e8 } }""");
            var request = Manifests.Evaluate(manifest);
            request["bills"] = new System.Text.Json.Nodes.JsonArray("analyst-sb1047-1e25");
            var body = await (await client.PostJsonAsync("/v1/evaluations", request)).JsonAsync();
            Assert.Equal("true", (string)body["bills"]![0]!["definitions"]!["covered_model"]!["value"]!);
        }

        await using var restarted = new ComplianceApp(path);
        var bill = await restarted.CreateClient().GetNodeAsync("/v1/bills/analyst-sb1047-1e25");
        Assert.Equal(1e25, (double)bill["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "covered_compute_flop")!["value"]!);
        Assert.StartsWith("sha256:", (string)bill["digest"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_need_an_analyst_key()
    {
        await using var app = new ComplianceApp();
        var evaluator = app.CreateKey("acme", Scopes.Evaluate);
        var client = app.CreateClient();

        var none = await client.SendAsync(Upload(Variant, key: null));
        var unknown = await client.SendAsync(Upload(Variant, key: "cpk_not-a-key"));
        var lacking = await client.SendAsync(Upload(Variant, key: evaluator));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("unknown or revoked", (string)(await unknown.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, lacking.StatusCode);
        Assert.Equal("application/problem+json", lacking.Content.Headers.ContentType!.MediaType);
        Assert.Contains("'analyst'", (string)(await lacking.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_version_is_immutable_and_shipped_versions_cannot_be_replaced()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        await client.SendAsync(Upload(Variant));

        var changed = await client.SendAsync(Upload(Variant.Replace("value: 1e25", "value: 2e25", StringComparison.Ordinal)));
        var shipped = await client.SendAsync(Upload(Variant.Replace("id: analyst-sb1047-1e25\nversion: \"1\"", "id: us-ca-sb1047\nversion: 2024-08-enrolled", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Contains("immutable", (string)(await changed.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, shipped.StatusCode);
        Assert.Contains("ships with the service", (string)(await shipped.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_draft_is_a_422_naming_the_pointer()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().SendAsync(Upload(Variant + "\n" + """
            definitions:
              broken: { title: Broken, citation: "x", when: { fact: training.flops, gt: 1 } }
            """));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/definitions/broken/when/fact", (string)(await response.JsonAsync())["errors"]![0]!["pointer"]!);
    }

    [Fact]
    public async Task A_tenant_past_its_drafts_limit_gets_a_413_naming_it()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_MAX_DRAFTS_PER_TENANT", "2"));
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var version in new[] { "1", "2", "3" })
        {
            statuses.Add((await client.SendAsync(Upload(Variant.Replace("version: \"1\"", $"version: \"{version}\"", StringComparison.Ordinal)))).StatusCode);
        }
        var refused = await client.SendAsync(Upload(Variant.Replace("version: \"1\"", "version: \"4\"", StringComparison.Ordinal)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.RequestEntityTooLarge], statuses);
        Assert.Contains("COMPLIANCE_MAX_DRAFTS_PER_TENANT", (string)(await refused.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }
}
