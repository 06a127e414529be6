using System.Net;
using Dapper;

namespace Compliance.Api.Tests;

public abstract class HealthTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    [Fact]
    public async Task Live_and_ready_answer_without_a_key_once_the_database_and_the_bills_are_in_place()
    {
        await using var app = new ComplianceApp(NewDatabase());
        app.CreateKey("acme", Compliance.Storage.Scopes.Read);
        var client = app.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await (await client.GetAsync("/health/ready")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ready", (string)ready["status"]!);
        Assert.Equal("ok", (string)ready["checks"]!["database"]!);
        Assert.StartsWith("ok (", (string)ready["checks"]!["bills"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_missing_a_migration_is_not_ready_and_says_so()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var client = app.CreateClient();
        using (var connection = new Compliance.Storage.Database(app.DatabasePath).Open())
        {
            connection.Execute("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)");
        }

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Matches("^[0-9]+ of [0-9]+ migrations applied$", (string)(await response.JsonAsync())["checks"]!["database"]!);
    }
}

public sealed class HealthOnSqlite : HealthTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();
}

[Collection(PostgresServer.Collection)]
public sealed class HealthOnPostgres(PostgresServer server) : HealthTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}
