using System.Net;
using System.Net.Http.Headers;
using Compliance.Api.Auth;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests;

public sealed class AccessLogTests
{
    [Fact]
    public async Task Each_request_writes_one_line_with_method_path_status_duration_tenant_key_id_and_trace_and_never_the_key()
    {
        var logs = new CapturedLogs();
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(logging => logging.AddProvider(logs)));
        _ = app.Server;
        var key = app.Services.GetRequiredService<KeyStore>().Create("acme", [Scopes.Evaluate, Scopes.Read]);
        app.Services.GetRequiredService<KeyRing>().Invalidate();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        var anonymous = app.CreateClient();
        await client.GetAsync("/health/live");
        var since = (await logs.SettleAsync(0, 1)).Count;

        var statuses = new[]
        {
            (await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode,
            (await client.GetAsync("/v1/bills?api_key=query-secret-value")).StatusCode,
            (await client.PostJsonAsync("/v1/evaluations", """{ "manifest": 1 }""")).StatusCode,
            (await client.GetAsync("/v1/evaluations/ev_nothing")).StatusCode,
            (await anonymous.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode,
        };
        var lines = await logs.SettleAsync(since, statuses.Length);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.UnprocessableEntity, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized], statuses);
        Assert.True(lines.Count == statuses.Length, "expected one line per request, got:\n" + string.Join("\n", lines.Select(l => $"{l.Category}: {l.Message}")));
        Assert.All(lines, line => Assert.Equal(AccessLog.Category, line.Category));
        Assert.Equal(["POST /v1/evaluations 201", "GET /v1/bills 200", "POST /v1/evaluations 422", "GET /v1/evaluations/ev_nothing 404", "POST /v1/evaluations 401"],
            lines.Select(l => $"{l.Fields["Method"]} {l.Fields["Path"]} {l.Fields["Status"]}"));
        Assert.All(lines.Take(4), line =>
        {
            Assert.Equal("acme", line.Fields["Tenant"]);
            Assert.Equal(key.Key.Id, line.Fields["KeyId"]);
        });
        Assert.Equal(("-", "-"), (lines[4].Fields["Tenant"], lines[4].Fields["KeyId"]));
        Assert.All(lines, line =>
        {
            Assert.IsType<double>(line.Fields["DurationMs"]);
            Assert.Matches("^[0-9a-f]{32}$", (string)line.Fields["TraceId"]!);
            Assert.DoesNotContain(key.Secret, line.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("query-secret-value", line.AllText, StringComparison.Ordinal);
        });
        Assert.Equal(lines.Count, lines.Select(l => l.Fields["TraceId"]).Distinct().Count());
    }

    [Fact]
    public async Task A_trace_id_sent_in_traceparent_is_the_one_logged()
    {
        var logs = new CapturedLogs();
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(logging => logging.AddProvider(logs)));
        var client = app.CreateClient();
        await client.GetAsync("/health/live");
        var since = (await logs.SettleAsync(0, 1)).Count;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/bills");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        await client.SendAsync(request);
        var line = Assert.Single(await logs.SettleAsync(since, 1));

        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line.Fields["TraceId"]);
    }
}
