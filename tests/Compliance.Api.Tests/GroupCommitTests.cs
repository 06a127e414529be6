using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Compliance.Api.Tests;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task Concurrent_decisions_are_each_acknowledged_only_once_stored_and_none_is_lost()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT id FROM evaluations")).ToHashSet();
        Assert.Equal(64, stored.Count);
        Assert.All(responses, r => Assert.Contains(r.Headers.Location!.ToString()["/v1/evaluations/".Length..], stored));
        Assert.Equal(64, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'evaluation.decided'"));
    }
}
