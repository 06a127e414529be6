using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Compliance.Api.Auth;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Compliance.Api.Tests;

/// <summary>The real service over a database of its own (a SQLite file unless given a PostgreSQL one), with a fixed clock. Each test builds one.</summary>
internal sealed class ComplianceApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public ComplianceApp(string? databasePath = null)
    {
        DatabasePath = databasePath ?? NewSqliteFile();
    }

    /// <summary>The service's database setting: a SQLite file (the default), or a PostgreSQL URI from <see cref="PostgresServer"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>A SQLite file path no other test uses.</summary>
    public static string NewSqliteFile() => Path.Combine(Path.GetTempPath(), $"compliance-test-{Guid.NewGuid():N}.db");

    /// <summary>
    /// A key in the app's store (started first, so that its migrations have run), as the CLI would create it. While
    /// the store has none, an in-process caller is the anonymous tenant with every scope.
    /// </summary>
    public string CreateKey(string tenant, params string[] scopes)
    {
        _ = Server;
        var key = Services.GetRequiredService<KeyStore>().Create(tenant, scopes);
        Services.GetRequiredService<KeyRing>().Invalidate();
        return key.Secret;
    }

    /// <summary>A client that sends the key on every request.</summary>
    public HttpClient ClientWith(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("COMPLIANCE_DB", DatabasePath);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FixedClock(Now));
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends the bytes as they are, so that a test can send what no JSON writer would write.</summary>
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, byte[] utf8)
    {
        var content = new ByteArrayContent(utf8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return client.PostAsync(url, content);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode json) =>
        client.PostAsync(url, new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<JsonNode> GetNodeAsync(this HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonNode>(url))!;
}

internal static class Manifests
{
    public static JsonObject CoveredRelease() => Parse("""
        {
          "schemaVersion": "1",
          "id": "acme/frontier-1",
          "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9, "headquarters": "US-CA" },
          "training": { "status": "completed", "computeFlop": 2.0e26, "costUsd": 1.5e8, "startDate": "2026-01-10" },
          "release": { "weights": "open", "license": "Apache-2.0", "date": "2026-06-01", "jurisdictions": ["US", "EU"] }
        }
        """);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject Evaluate(JsonNode manifest, string asOf = "2026-07-01") =>
        new() { ["manifest"] = manifest, ["bills"] = new JsonArray("us-ca-sb1047"), ["asOf"] = asOf };

    /// <summary>As <see cref="Evaluate"/>, asking for the reasoning trees (off by default).</summary>
    public static JsonObject EvaluateTraced(JsonNode manifest, string asOf = "2026-07-01")
    {
        var request = Evaluate(manifest, asOf);
        request["trace"] = true;
        return request;
    }
}
