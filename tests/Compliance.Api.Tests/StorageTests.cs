using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Tests;

/// <summary>The store's own promises on PostgreSQL: how a setting names a database, one set of migration numbers, and replicas starting at once.</summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresStorageTests(PostgresServer server)
{
    [Fact]
    public void Two_replicas_migrating_the_same_database_at_once_apply_each_migration_once()
    {
        var setting = server.CreateDatabase();
        var started = new Barrier(4);

        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
        {
            var database = new Database(setting);
            started.SignalAndWait(TimeSpan.FromSeconds(30));
            database.Migrate();
        });

        using var connection = new Database(setting).Open();
        var applied = connection.Query<long>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal(Dialect.PostgreSql.Migrations.Select(m => m.Version), applied);
    }

    [Fact]
    public void The_audit_log_refuses_an_update_a_delete_and_a_truncate()
    {
        var database = new Database(server.CreateDatabase());
        database.Migrate();
        using var connection = database.Open();
        connection.Execute("INSERT INTO audit_log (at, action, subject) VALUES ('2026-07-01', 'test', 'x')");

        foreach (var change in new[] { "UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var refused = Assert.ThrowsAny<System.Data.Common.DbException>(() => connection.Execute(change));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log"));
    }
}

public sealed class DatabaseSettingTests
{
    [Theory]
    [InlineData("compliance.db", "sqlite")]
    [InlineData("Data Source=/tmp/x.db", "sqlite")]
    [InlineData("postgresql://app:s%40cret@db.example:6543/compliance?sslmode=require", "postgres")]
    [InlineData("postgres://app@db.example/compliance", "postgres")]
    [InlineData("Host=db.example;Port=6543;Database=compliance;Username=app;Password=secret", "postgres")]
    public void A_setting_names_its_database_by_its_form(string setting, string dialect)
    {
        var database = new Database(setting);

        Assert.Equal(dialect, database.Dialect.Name);
        Assert.DoesNotContain("secret", database.Location, StringComparison.Ordinal);
        Assert.DoesNotContain("s@cret", database.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_uri_gives_its_server_database_and_options_to_npgsql()
    {
        var database = new Database("postgresql://app:s%40cret@db.example:6543/compliance?sslmode=require");

        Assert.Equal("PostgreSQL database compliance on db.example:6543", database.Location);
        Assert.Null(database.Path);
        Assert.Equal(Path.GetFullPath("x.db"), new Database("Data Source=x.db").Path);
    }

    [Fact]
    public void COMPLIANCE_DB_comes_before_the_connection_string_and_the_default_is_compliance_db_here()
    {
        Assert.Equal(Path.GetFullPath("a.db"), Database.Configured("a.db", "Host=x").Path);
        Assert.Equal("postgres", Database.Configured(null, "Host=x;Database=y").Dialect.Name);
        Assert.Equal(Path.GetFullPath("compliance.db"), Database.Configured("", null).Path);
    }

    [Fact]
    public void Both_databases_carry_the_same_migration_numbers_and_names()
    {
        Assert.NotEmpty(Dialect.Sqlite.Migrations);
        Assert.Equal(Dialect.Sqlite.Migrations.Select(m => m.Name), Dialect.PostgreSql.Migrations.Select(m => m.Name));
    }
}
