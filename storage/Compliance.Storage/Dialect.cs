using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Compliance.Storage;

/// <summary>A numbered migration: its number, its file name and its SQL.</summary>
public sealed record Migration(long Version, string Name, string Sql);

/// <summary>
/// What differs between the two databases the service runs on, kept in one place: how a connection is made, which
/// folder of migrations applies, and what runs around them (SQLite switches to WAL; PostgreSQL takes an advisory lock
/// so that replicas starting together apply each migration once). The stores' own SQL is written once for both:
/// plain inserts and selects, <c>ON CONFLICT</c>, <c>LIMIT</c>. The decision writer is the one store with two forms.
/// </summary>
public sealed class Dialect
{
    // Any fixed number serves, as long as nothing else takes the same advisory lock in this database.
    private const long MigrationLock = 0x436F6D706C69;

    public static readonly Dialect Sqlite = new(
        "sqlite",
        connectionString => new SqliteConnection(connectionString),
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        "PRAGMA journal_mode=WAL",
        null);

    public static readonly Dialect PostgreSql = new(
        "postgres",
        connectionString => new NpgsqlConnection(connectionString),
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
        $"SELECT pg_advisory_lock({MigrationLock})",
        $"SELECT pg_advisory_unlock({MigrationLock})");

    private readonly Func<string, DbConnection> _connection;
    private readonly Lazy<IReadOnlyList<Migration>> _migrations;

    private Dialect(string name, Func<string, DbConnection> connection, string migrationsTable, string beforeMigrations, string? afterMigrations)
    {
        Name = name;
        _connection = connection;
        MigrationsTableSql = migrationsTable;
        BeforeMigrationsSql = beforeMigrations;
        AfterMigrationsSql = afterMigrations;
        _migrations = new(() => Load(name));
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>: also the folder of its migrations (<c>Migrations/NAME/NNN_name.sql</c>).</summary>
    public string Name { get; }

    /// <summary>This database's migrations in order. Both folders carry the same numbers and names.</summary>
    public IReadOnlyList<Migration> Migrations => _migrations.Value;

    internal string MigrationsTableSql { get; }

    internal string BeforeMigrationsSql { get; }

    internal string? AfterMigrationsSql { get; }

    internal DbConnection Connection(string connectionString) => _connection(connectionString);

    public override string ToString() => Name;

    private static List<Migration> Load(string folder)
    {
        var assembly = typeof(Dialect).Assembly;
        var prefix = $"migrations/{folder}/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add(new(long.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }
        return migrations;
    }
}
