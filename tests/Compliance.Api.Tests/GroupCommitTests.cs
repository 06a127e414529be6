using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Compliance.Api.Tests;

public abstract class GroupCommitTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    [Fact]
    public async Task Concurrent_decisions_are_each_acknowledged_only_once_stored_and_none_is_lost()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ =>
            client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        using var connection = new Compliance.Storage.Database(app.DatabasePath).Open();
        var stored = (await connection.QueryAsync<string>("SELECT id FROM evaluations")).ToHashSet();
        Assert.Equal(64, stored.Count);
        Assert.All(responses, r => Assert.Contains(r.Headers.Location!.ToString()["/v1/evaluations/".Length..], stored));
        Assert.Equal(64, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'evaluation.decided'"));
    }
}

public sealed class GroupCommitOnSqlite : GroupCommitTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();
}

[Collection(PostgresServer.Collection)]
public sealed class GroupCommitOnPostgres(PostgresServer server) : GroupCommitTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}

public sealed class CheckpointTests
{
    [Fact]
    public async Task Under_a_stream_of_decisions_the_write_ahead_log_is_copied_back_and_stays_small()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var next = 0;

        // Sixteen clients, 4,000 decisions, each on a manifest of its own (a distinct compute), so each adds pages.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= 4_000)
            {
                var manifest = Manifests.CoveredRelease();
                manifest["training"]!["computeFlop"] = 1e26 + next * 1e20;
                var response = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(manifest));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
        }));

        var database = new FileInfo(app.DatabasePath).Length;
        var log = new FileInfo(app.DatabasePath + "-wal").Length;
        // The log file keeps the largest size it reached. Without checkpoints it would hold every page ever written, more
        // than the database; checkpointed every thousand pages or so, it stays a fraction of it.
        Assert.True(log < database / 2, $"the log reached {log} bytes for a database of {database}");
    }
}
