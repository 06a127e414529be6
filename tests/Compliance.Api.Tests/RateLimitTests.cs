using System.Net;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Compliance.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_past_its_configured_requests_per_minute_gets_a_429_problem_with_retry_after()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_RATE_LIMIT_PER_MINUTE", "2"));
        var client = app.CreateClient();

        var allowed = new[] { await client.GetAsync("/v1/bills"), await client.GetAsync("/v1/schemas") };
        var refused = await client.GetAsync("/v1/bills");
        var probe = await client.GetAsync("/health");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        var body = await refused.JsonAsync();
        Assert.Equal("Too many requests", (string)body["title"]!);
        Assert.StartsWith("this caller has used its requests for this minute; the limit is set by COMPLIANCE_RATE_LIMIT_PER_MINUTE", (string)body["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task Analysis_has_its_own_lower_limit_named_in_the_refusal()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_ANALYSIS_RATE_LIMIT_PER_MINUTE", "1"));
        var client = app.CreateClient();
        const string sweep = """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e26], "portfolio": "corpus" }""";

        var first = await client.PostJsonAsync("/v1/sweep", sweep);
        var second = await client.PostJsonAsync("/v1/compare", """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": "corpus" }""");
        var other = await client.GetAsync("/v1/bills");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("COMPLIANCE_ANALYSIS_RATE_LIMIT_PER_MINUTE", (string)(await second.JsonAsync())["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Callers_with_different_keys_each_have_their_own_requests_per_minute()
    {
        await using var factory = new ComplianceApp();
        var database = new Database(factory.DatabasePath);
        database.Migrate();
        var keys = new KeyStore(database, TimeProvider.System);
        var keyA = keys.Create("acme", [Scopes.Read]).Secret;
        var keyB = keys.Create("acme", [Scopes.Read]).Secret;
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_RATE_LIMIT_PER_MINUTE", "1"));
        var client = app.CreateClient();

        var a = await Send(client, keyA);
        var b = await Send(client, keyB);
        var aAgain = await Send(client, keyA);

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, aAgain.StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/bills");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client.SendAsync(request);
    }
}
