using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Compliance.Api.Tests;

/// <summary>
/// A 201 is a promise: the decision is stored. Killed with SIGKILL in the middle of a load, the service must come back
/// on the same file with every decision it acknowledged, byte for byte, and a database SQLite finds intact.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Loops = 4;
    private const int MaxRequests = 3_000;
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(2);

    private readonly string _database = Path.Combine(Directory.CreateTempSubdirectory("compliance-crash-").FullName, "compliance.db");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);

    [Fact]
    public async Task Every_acknowledged_decision_survives_a_kill_9_mid_load_byte_for_byte()
    {
        var body = new JsonObject
        {
            ["manifest"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "frontier-release.json"))),
            ["bills"] = new JsonArray("us-ca-sb1047"),
            ["trace"] = false,
        }.ToJsonString();
        var acknowledged = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var unexpected = new ConcurrentBag<string>();
        var cutOff = 0;
        var sent = 0;
        var enough = new TaskCompletionSource();
        var firstAcknowledged = new TaskCompletionSource();

        using (var first = await ApiProcess.StartAsync(_database))
        {
            async Task Load()
            {
                while (Interlocked.Increment(ref sent) <= MaxRequests)
                {
                    try
                    {
                        using var response = await first.SendAsync(HttpMethod.Post, "/v1/evaluations", body);
                        var bytes = await response.Content.ReadAsByteArrayAsync();
                        if (response.StatusCode != HttpStatusCode.Created)
                        {
                            unexpected.Add($"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
                            return;
                        }
                        var id = (string)JsonNode.Parse(bytes)!["id"]!;
                        Assert.Equal($"/v1/evaluations/{id}", response.Headers.Location?.OriginalString);
                        acknowledged[id] = SHA256.HashData(bytes);
                        firstAcknowledged.TrySetResult();
                        if (acknowledged.Count >= MaxRequests * 2 / 3)
                        {
                            // Kill before the load runs out, so requests are in flight whatever the machine's speed.
                            enough.TrySetResult();
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                    {
                        // The process is gone: an answer not fully received was never acknowledged.
                        Interlocked.Increment(ref cutOff);
                        return;
                    }
                }
            }

            var loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(Load)).ToArray();
            // The load runs LoadBeforeKill past the first acknowledgement: on a busy machine the first answers (JIT,
            // first connections) can take longer than the whole load would on a quiet one.
            await Task.WhenAny(firstAcknowledged.Task, Task.WhenAll(loops), Task.Delay(TimeSpan.FromSeconds(60)));
            await Task.WhenAny(Task.Delay(LoadBeforeKill), enough.Task);
            first.Kill();
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(unexpected.IsEmpty, "answers other than 201 before the kill: " + string.Join("\n", unexpected.Take(3)) + "\n" + first.Log);
        }

        var found = 0;
        var differ = new List<string>();
        using (var second = await ApiProcess.StartAsync(_database))
        {
            foreach (var (id, hash) in acknowledged)
            {
                using var response = await second.SendAsync(HttpMethod.Get, $"/v1/evaluations/{id}");
                if (response.StatusCode == HttpStatusCode.OK && SHA256.HashData(await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(hash))
                {
                    found++;
                }
                else
                {
                    differ.Add($"{id}: {(int)response.StatusCode}");
                }
            }
            second.Kill();
        }

        output.WriteLine($"requests sent {Math.Min(sent, MaxRequests)}, acknowledged {acknowledged.Count}, cut off by the kill {cutOff}, found after restart {found}");
        Assert.False(acknowledged.IsEmpty, "no request was acknowledged before the kill");
        Assert.True(cutOff > 0, "the kill came after the load had ended: nothing was in flight");
        Assert.True(differ.Count == 0, $"{differ.Count} of {acknowledged.Count} acknowledged decisions are missing or changed: {string.Join(", ", differ.Take(10))}");
        Assert.Equal("ok", IntegrityCheck());
    }

    private string IntegrityCheck()
    {
        using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }
}
