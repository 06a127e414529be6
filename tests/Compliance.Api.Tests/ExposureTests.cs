using System.Net;
using Compliance.Api.Auth;
using Compliance.Storage;

namespace Compliance.Api.Tests;

/// <summary>Secure by default: keyless only on loopback, and a key created elsewhere counts within a second.</summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:5080;http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://localhost:5080;http://192.0.2.1:80", false)]
    public void Only_loopback_addresses_count_as_loopback(string urls, bool loopback) =>
        Assert.Equal(loopback, new Exposure(false, urls.Split(';')).LoopbackOnly);

    [Fact]
    public void With_no_keys_the_service_refuses_to_listen_beyond_loopback_and_says_what_to_do()
    {
        var db = Path.Combine(Path.GetTempPath(), $"compliance-exposure-{Guid.NewGuid():N}.db");

        var run = ApiProcess.RunUntilExit(db, TimeSpan.FromSeconds(60), "--urls", "http://0.0.0.0:0");

        Assert.Equal(2, run.Code);
        Assert.Contains("Refusing to start", run.Output, StringComparison.Ordinal);
        Assert.Contains("compliance keys create", run.Output, StringComparison.Ordinal);
        Assert.Contains(Exposure.Flag, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_created_by_another_process_works_within_a_second_and_its_revocation_too()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        _ = app.CreateKey("ops", Scopes.Admin);
        // What the CLI does: its own connection to the file, no word to the running service.
        var elsewhere = new KeyStore(new Database(app.DatabasePath), TimeProvider.System);
        var created = elsewhere.Create("acme", [Scopes.Evaluate]);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.Secret);

        Assert.Equal(HttpStatusCode.Created, await StatusWithin(TimeSpan.FromSeconds(1.5), HttpStatusCode.Created));
        elsewhere.Revoke(created.Key.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithin(TimeSpan.FromSeconds(1.5), HttpStatusCode.Unauthorized));

        async Task<HttpStatusCode> StatusWithin(TimeSpan limit, HttpStatusCode wanted)
        {
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                var status = (await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode;
                if (status == wanted || DateTime.UtcNow >= deadline)
                {
                    return status;
                }
                await Task.Delay(100);
            }
        }
    }
}
