using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Compliance.Api.Tests;

public abstract class DecisionStorageTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    [Fact]
    public async Task A_decision_reads_back_byte_for_byte_while_its_result_is_kept_deflated_and_its_manifest_once()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var client = app.CreateClient();

        var posted = new List<(string Location, byte[] Body)>();
        for (var i = 0; i < 2; i++)
        {
            var response = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            posted.Add((response.Headers.Location!.ToString(), await response.Content.ReadAsByteArrayAsync()));
        }

        foreach (var (location, body) in posted)
        {
            Assert.Equal(body, await client.GetByteArrayAsync(location));
        }
        using var connection = new Compliance.Storage.Database(app.DatabasePath).Open();
        var rows = (await connection.QueryAsync<(string Encoding, long Bytes, string Digest)>(
            "SELECT result_encoding, length(result), manifest_digest FROM evaluations")).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal("deflate", row.Encoding);
            Assert.True(row.Bytes < posted[0].Body.Length / 3, $"{row.Bytes} bytes stored for a {posted[0].Body.Length}-byte result");
        });
        var manifest = Assert.Single(await connection.QueryAsync<(string Digest, string Body)>("SELECT digest, body FROM decision_manifests"));
        Assert.Equal(rows[0].Digest, manifest.Digest);
        Assert.Equal(manifest.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.Body))));
    }
}

public sealed class DecisionStorageOnSqlite : DecisionStorageTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();

    [Fact]
    public async Task Decisions_stored_before_the_compact_format_are_migrated_and_read_back_unchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"compliance-test-{Guid.NewGuid():N}.db");
        const string oldResult = """{"id":"ev_old","note":"written by an earlier version, § kept as is"}""";
        const string oldManifest = """{"schemaVersion":"1","id":"acme/old"}""";
        await using (var before = new SqliteConnection($"Data Source={path}"))
        {
            await before.OpenAsync();
            await before.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var (version, file) in new[] { (1, "001_initial.sql"), (2, "002_bills.sql") })
            {
                await before.ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "storage", "Compliance.Storage", "Migrations", "sqlite", file)));
                await before.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @file, '2026-07-01')", new { version, file });
            }
            await before.ExecuteAsync("""
                INSERT INTO evaluations (id, kind, created_at, as_of, manifest_id, manifest_digest, manifest, packs, result)
                VALUES ('ev_old', 'evaluation', '2026-07-01T00:00:00Z', '2026-07-01', 'acme/old', 'sha256:old', @oldManifest, '{}', @oldResult)
                """, new { oldManifest, oldResult });
        }

        await using var app = new ComplianceApp(path);
        var read = await app.CreateClient().GetByteArrayAsync("/v1/evaluations/ev_old");

        Assert.Equal(oldResult, Encoding.UTF8.GetString(read));
        await using var connection = new SqliteConnection($"Data Source={path}");
        Assert.Equal(oldManifest, await connection.QuerySingleAsync<string>("SELECT body FROM decision_manifests WHERE digest = 'sha256:old'"));
        Assert.Equal("identity", await connection.QuerySingleAsync<string>("SELECT result_encoding FROM evaluations WHERE id = 'ev_old'"));
    }
}

[Collection(PostgresServer.Collection)]
public sealed class DecisionStorageOnPostgres(PostgresServer server) : DecisionStorageTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}
