using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Compliance.Api.Tests;

/// <summary>
/// SIGTERM (docker stop, a Kubernetes rollout) is not a crash: the service stops accepting connections, answers the
/// requests it has, commits every decision queued for the writer, and exits 0. The kill -9 case is CrashRecoveryTests.
/// </summary>
public sealed partial class GracefulShutdownTests : IDisposable
{
    private const int InFlight = 24;

    private readonly string _database = Path.Combine(Directory.CreateTempSubdirectory("compliance-shutdown-").FullName, "compliance.db");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);

    [Fact]
    public async Task Sigterm_stops_accepting_lets_the_requests_in_flight_finish_and_commits_every_queued_decision_before_exiting()
    {
        var body = new JsonObject
        {
            ["manifest"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "frontier-release.json"))),
            ["bills"] = new JsonArray("us-ca-sb1047"),
        }.ToJsonString();
        var acknowledged = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var api = await ApiProcess.StartAsync(_database))
        {
            var first = await api.SendAsync(HttpMethod.Post, "/v1/evaluations", body);
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);

            // Another connection holds SQLite's write lock, as a long checkpoint or a backup would: the writer's next
            // commit waits for it, so every decision below is queued and its request in flight when SIGTERM arrives.
            var blocker = new SqliteConnection($"Data Source={_database};Pooling=False");
            await blocker.OpenAsync();
            var hold = blocker.BeginTransaction(deferred: false);
            var requests = Enumerable.Range(0, InFlight).Select(_ => Task.Run(() => api.SendAsync(HttpMethod.Post, "/v1/evaluations", body))).ToArray();
            await WaitForQueueDepthAsync(api, InFlight);

            api.Terminate();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var stillRunning = await api.ExitCodeAsync(TimeSpan.FromMilliseconds(200)) is null;
            var refusedNewConnection = await RefusesNewConnectionsAsync(api.Address);
            hold.Rollback();
            hold.Dispose();
            await blocker.DisposeAsync();
            var responses = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));
            var exitCode = await api.ExitCodeAsync(TimeSpan.FromSeconds(60));

            Assert.True(stillRunning, "the service exited while decisions were queued:\n" + api.Log);
            Assert.True(refusedNewConnection, "a new connection was accepted after SIGTERM");
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Equal(0, exitCode);
            foreach (var response in responses.Append(first))
            {
                var bytes = await response.Content.ReadAsByteArrayAsync();
                acknowledged[(string)JsonNode.Parse(bytes)!["id"]!] = SHA256.HashData(bytes);
            }
        }

        using var second = await ApiProcess.StartAsync(_database);
        foreach (var (id, hash) in acknowledged)
        {
            using var stored = await second.SendAsync(HttpMethod.Get, $"/v1/evaluations/{id}");
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            Assert.Equal(hash, SHA256.HashData(await stored.Content.ReadAsByteArrayAsync()));
        }
        Assert.Equal(InFlight + 1, acknowledged.Count);
    }

    /// <summary>The writer's backlog as /metrics reports it (the gauge counts decisions handed over and not committed).</summary>
    private static async Task WaitForQueueDepthAsync(ApiProcess api, int depth)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = -1;
        while (DateTime.UtcNow < deadline)
        {
            var text = await (await api.SendAsync(HttpMethod.Get, "/metrics")).Content.ReadAsStringAsync();
            if (QueueDepth().Match(text) is { Success: true } match && (seen = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) >= depth)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the writer's queue reached {seen}, not {depth}:\n{api.Log}");
    }

    private static async Task<bool> RefusesNewConnectionsAsync(Uri address)
    {
        using var fresh = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await fresh.GetAsync("/health/live");
            return false;
        }
        catch (HttpRequestException)
        {
            return true;
        }
    }

    [GeneratedRegex("""compliance_decision_writer_queue_depth\{[^}]*\} ([0-9]+)""")]
    private static partial Regex QueueDepth();
}
