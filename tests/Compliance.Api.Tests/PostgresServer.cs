using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the test assembly: <c>initdb</c> into a temporary folder, <c>pg_ctl start</c> on
/// a free loopback port, stopped with <c>-m immediate</c> and deleted at the end. Each test takes a database of its own
/// (<see cref="CreateDatabase"/>), as each SQLite test takes a file of its own. initdb refuses to run as root, so as
/// root (CI) the server runs as the <c>postgres</c> user through <c>runuser</c>. Without initdb on PATH every
/// PostgreSQL test fails saying so: CI has it, and a skipped test would hide a store nobody ran.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Collection = "PostgreSQL server";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _folder;
    private readonly string _data;
    private readonly bool _asPostgresUser = Environment.UserName == "root";
    private int _databases;

    public PostgresServer()
    {
        foreach (var tool in new[] { "initdb", "pg_ctl" })
        {
            if (!OnPath(tool))
            {
                throw new InvalidOperationException(
                    $"the PostgreSQL tests need the PostgreSQL 15 server's {tool} on PATH (Debian: apt-get install postgresql-15, then add /usr/lib/postgresql/15/bin to PATH); it was not found");
            }
        }
        _folder = Directory.CreateTempSubdirectory("compliance-pg-").FullName;
        _data = Path.Combine(_folder, "data");
        if (_asPostgresUser)
        {
            Run("chown", "postgres:postgres", _folder);
        }
        Port = FreePort();
        RunServerTool("initdb", "-D", _data, "-A", "trust", "-U", "compliance", "-E", "UTF8", "--locale=C", "--no-sync");
        // fsync off: the tests kill the service, never the database server, and a commit is still acknowledged only
        // once PostgreSQL has it. The log goes to a file: pg_ctl's own output would hold the pipe open.
        RunServerTool("pg_ctl", "-D", _data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
    }

    public int Port { get; }

    /// <summary>A new, empty database on the server, as the setting the service takes (<c>COMPLIANCE_DB</c>).</summary>
    public string CreateDatabase()
    {
        var name = $"test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=compliance;Database=postgres;Pooling=false"))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE {name}");
        }
        return $"postgresql://compliance@127.0.0.1:{Port}/{name}";
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            RunServerTool("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void RunServerTool(string tool, params string[] args)
    {
        if (_asPostgresUser)
        {
            Run("runuser", ["-u", "postgres", "--", tool, .. args]);
        }
        else
        {
            Run(tool, args);
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took over {CommandTimeout.TotalSeconds} s");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{output.Result}{error.Result}");
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One server for every test class that names the collection; the classes in it run one after another.</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresServerDefinition : ICollectionFixture<PostgresServer>;
