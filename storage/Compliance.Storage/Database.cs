using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Compliance.Storage;

/// <summary>
/// The service's database: a SQLite file (the embedded default) or a PostgreSQL database that several replicas share.
/// One short-lived connection per operation (both providers pool them). On SQLite: WAL journaling and the default
/// synchronous=FULL; on PostgreSQL: synchronous commit, its default. Either way a row is durable before the request
/// that wrote it is answered.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;

    /// <summary>
    /// From the service's setting: a SQLite file path, a SQLite connection string (<c>Data Source=FILE</c>), a
    /// PostgreSQL URI (<c>postgresql://user:password@host:port/database?sslmode=require</c>), or an Npgsql connection
    /// string (<c>Host=…;Database=…;Username=…</c>).
    /// </summary>
    public Database(string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
        {
            _connectionString = FromUri(setting).ConnectionString;
        }
        else if (setting.Contains('=', StringComparison.Ordinal) && !IsSqliteConnectionString(setting, out var file))
        {
            _connectionString = new NpgsqlConnectionStringBuilder(setting).ConnectionString;
        }
        else
        {
            Path = System.IO.Path.GetFullPath(setting.Contains('=', StringComparison.Ordinal) ? new SqliteConnectionStringBuilder(setting).DataSource : setting);
            Dialect = Dialect.Sqlite;
            Location = Path;
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
            return;
        }
        var postgres = new NpgsqlConnectionStringBuilder(_connectionString);
        Dialect = Dialect.PostgreSql;
        Location = $"PostgreSQL database {postgres.Database ?? postgres.Username} on {postgres.Host}:{postgres.Port}";
    }

    /// <summary>
    /// The service's setting: <c>COMPLIANCE_DB</c> (a SQLite file or a PostgreSQL URI), else the connection string
    /// <c>ConnectionStrings__Compliance</c> (SQLite's <c>Data Source=</c> or Npgsql's keywords), else
    /// <c>compliance.db</c> in the working folder.
    /// </summary>
    public static Database Configured(string? complianceDb, string? connectionString) =>
        new(complianceDb is { Length: > 0 } ? complianceDb : connectionString is { Length: > 0 } ? connectionString : "compliance.db");

    /// <summary>What to give <c>compliance keys --db</c> for this database: the file, or the setting the service was given.</summary>
    public string CommandLine => Path ?? "\"$COMPLIANCE_DB\"";

    /// <summary>SQLite or PostgreSQL: what differs between them.</summary>
    public Dialect Dialect { get; }

    /// <summary>The SQLite file; null on PostgreSQL.</summary>
    public string? Path { get; }

    /// <summary>Where the data is, for a log line: the file, or the server and database (never a password).</summary>
    public string Location { get; }

    /// <summary>How many migrations this build ships for this database: one that has applied fewer is not ready for it.</summary>
    public int MigrationCount => Dialect.Migrations.Count;

    public DbConnection Open()
    {
        var connection = Dialect.Connection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Applies every migration not yet applied, each in its own transaction. On PostgreSQL under an advisory lock, so
    /// that replicas starting at once wait for each other instead of racing: the second finds everything applied.
    /// </summary>
    public void Migrate()
    {
        if (Path is not null && System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
        using var connection = Open();
        connection.Execute(Dialect.BeforeMigrationsSql);
        try
        {
            connection.Execute(Dialect.MigrationsTableSql);
            var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
            foreach (var (version, name, sql) in Dialect.Migrations)
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
        finally
        {
            if (Dialect.AfterMigrationsSql is { } after)
            {
                connection.Execute(after);
            }
        }
    }

    private static bool IsSqliteConnectionString(string setting, out string? file)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = setting };
        file = parsed.TryGetValue("Data Source", out var source) || parsed.TryGetValue("DataSource", out source) || parsed.TryGetValue("Filename", out source)
            ? source as string
            : null;
        return file is not null;
    }

    /// <summary>A libpq-style URI as Npgsql's keywords: user, password, host, port, database, and any query parameter as a keyword.</summary>
    private static NpgsqlConnectionStringBuilder FromUri(string setting)
    {
        var uri = new Uri(setting);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(uri.Host),
            Port = uri.Port > 0 ? uri.Port : 5432,
        };
        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
        {
            builder.Database = Uri.UnescapeDataString(database);
        }
        if (uri.UserInfo is { Length: > 0 } user)
        {
            var colon = user.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? user : user[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(user[(colon + 1)..]);
            }
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            // An unknown keyword is refused by the builder, naming it.
            builder[Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals])] = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }
        return builder;
    }
}
