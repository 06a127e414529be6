using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Compliance.Storage;

/// <summary>
/// The SQLite file: one short-lived connection per operation (the provider pools them), WAL journaling, and
/// SQLite's default synchronous=FULL, so a row is on disk before the request that wrote it is answered.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Switches the file to WAL and applies every migration not yet applied, each in its own transaction.</summary>
    public void Migrate()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        using var connection = Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var (version, name, sql) in Migrations())
        {
            if (applied.Contains(version))
            {
                continue;
            }
            using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") }, transaction);
            transaction.Commit();
        }
    }

    /// <summary>How many migrations this build ships: a database that has applied fewer is not ready for it.</summary>
    public static int MigrationCount { get; } = Migrations().Count();

    private static IEnumerable<(long Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(Database).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource["migrations/".Length..];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (long.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
        }
    }
}
