using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Compliance.Storage;
using Xunit.Abstractions;

namespace Compliance.Api.Tests;

/// <summary>
/// Two service processes over one PostgreSQL database, as behind a load balancer: what one stores the other reads,
/// what one changes (a draft bill, a revoked key) the other applies within a second without a restart, and killing
/// one under load costs no acknowledged decision while the other goes on answering.
/// </summary>
[Collection(PostgresServer.Collection)]
public sealed class ReplicaTests(PostgresServer server, ITestOutputHelper output)
{
    // The replicas re-read keys and bills at most once a second; the rest is a request on a busy two-core machine.
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);
    private const int MaxPolls = 100;

    private static string Evaluation(params string[] bills) => new JsonObject
    {
        ["manifest"] = Manifests.CoveredRelease(),
        ["bills"] = new JsonArray([.. bills.Select(b => (JsonNode)b)]),
        ["asOf"] = "2026-07-01",
        ["trace"] = false,
    }.ToJsonString();

    [Fact]
    public async Task A_decision_bill_or_revoked_key_from_one_replica_counts_on_the_other_within_a_second()
    {
        var setting = server.CreateDatabase();
        var database = new Database(setting);
        database.Migrate();
        var keys = new KeyStore(database, TimeProvider.System);
        var admin = keys.Create("ops", [Scopes.Admin]).Secret;
        var acme = keys.Create("acme", [Scopes.Evaluate, Scopes.Read, Scopes.Analyst]).Secret;
        using var first = await ApiProcess.StartAsync(setting);
        using var second = await ApiProcess.StartAsync(setting);

        // A decision written through one is read through the other, byte for byte.
        using var decided = await first.SendAsync(HttpMethod.Post, "/v1/evaluations", Evaluation("us-ca-sb1047"), acme);
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var written = await decided.Content.ReadAsByteArrayAsync();
        using var read = await second.SendAsync(HttpMethod.Get, decided.Headers.Location!.OriginalString, key: acme);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(written, await read.Content.ReadAsByteArrayAsync());

        // A draft uploaded through one is known to the other within a second, and can be named there. The other has
        // served its catalog already (and evaluated once, so that a cold start is not counted as the wait).
        using (var warm = await second.SendAsync(HttpMethod.Post, "/v1/evaluations", Evaluation("us-ca-sb1047"), acme))
        {
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        }
        using (var before = await second.SendAsync(HttpMethod.Get, "/v1/bills/replica-draft", key: acme))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }
        using var uploaded = await first.SendAsync(HttpMethod.Post, "/v1/bills", """
            { "id": "replica-draft", "version": "1", "extends": "us-ca-sb1047@2024-08-enrolled", "title": "A draft uploaded to one replica",
              "jurisdiction": "US-CA", "status": "hypothetical", "source": "https://example.test/draft", "effective": {} }
            """, acme);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var billSeen = await UntilAsync(async () =>
        {
            using var response = await second.SendAsync(HttpMethod.Get, "/v1/bills/replica-draft", key: acme);
            return response.StatusCode == HttpStatusCode.OK;
        });
        using (var named = await second.SendAsync(HttpMethod.Post, "/v1/evaluations", Evaluation("replica-draft"), acme))
        {
            Assert.Equal(HttpStatusCode.Created, named.StatusCode);
        }

        // A key revoked through one is refused by the other within a second. The other has accepted it just before.
        var doomed = keys.Create("beta", [Scopes.Read]);
        Assert.True(await UntilAsync(async () =>
        {
            using var response = await second.SendAsync(HttpMethod.Get, "/v1/evaluations/ev_none", key: doomed.Secret);
            return response.StatusCode == HttpStatusCode.NotFound;
        }) < WithinASecond, "the other replica did not accept a new key within a second");
        using var revoked = await first.SendAsync(HttpMethod.Delete, $"/v1/keys/{doomed.Key.Id}", key: admin);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        var keyRefused = await UntilAsync(async () =>
        {
            using var response = await second.SendAsync(HttpMethod.Get, "/v1/evaluations/ev_none", key: doomed.Secret);
            return response.StatusCode == HttpStatusCode.Unauthorized;
        });

        output.WriteLine($"draft usable on the other replica after {billSeen.TotalMilliseconds:F0} ms, revoked key refused after {keyRefused.TotalMilliseconds:F0} ms");
        Assert.True(billSeen < WithinASecond, $"the draft took {billSeen.TotalMilliseconds:F0} ms to reach the other replica");
        Assert.True(keyRefused < WithinASecond, $"the revoked key was accepted for {keyRefused.TotalMilliseconds:F0} ms by the other replica");
    }

    [Fact]
    public async Task Killing_one_replica_mid_load_loses_no_acknowledged_decision_and_the_other_keeps_answering()
    {
        const int MaxRequests = 1_200;
        var setting = server.CreateDatabase();
        using var doomed = await ApiProcess.StartAsync(setting);
        using var survivor = await ApiProcess.StartAsync(setting);
        var body = Evaluation("us-ca-sb1047");
        var acknowledged = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        var survivorFailures = new ConcurrentBag<string>();
        var sent = 0;
        var cutOff = 0;
        var survivorAnswered = 0;
        var killed = new TaskCompletionSource();
        var enough = new TaskCompletionSource();
        var loadEnds = new CancellationTokenSource(TimeSpan.FromSeconds(90));

        async Task Load(ApiProcess replica, bool survives)
        {
            while (!loadEnds.IsCancellationRequested && Interlocked.Increment(ref sent) <= MaxRequests)
            {
                try
                {
                    using var response = await replica.SendAsync(HttpMethod.Post, "/v1/evaluations", body);
                    var bytes = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        (survives ? survivorFailures : new ConcurrentBag<string>()).Add($"{(int)response.StatusCode}");
                        return;
                    }
                    acknowledged[(string)JsonNode.Parse(bytes)!["id"]!] = SHA256.HashData(bytes);
                    if (survives && killed.Task.IsCompleted)
                    {
                        Interlocked.Increment(ref survivorAnswered);
                    }
                    if (acknowledged.Count >= MaxRequests / 3)
                    {
                        enough.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    if (survives)
                    {
                        survivorFailures.Add(e.Message);
                        return;
                    }
                    // The killed replica: an answer not fully received was never acknowledged.
                    Interlocked.Increment(ref cutOff);
                    return;
                }
            }
        }

        var loops = new[] { doomed, doomed, doomed, survivor, survivor }.Select((replica, i) => Task.Run(() => Load(replica, i >= 3))).ToArray();
        await Task.WhenAny(enough.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        doomed.Kill();
        killed.SetResult();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(120));

        var differ = new List<string>();
        foreach (var (id, hash) in acknowledged)
        {
            using var response = await survivor.SendAsync(HttpMethod.Get, $"/v1/evaluations/{id}");
            if (response.StatusCode != HttpStatusCode.OK || !SHA256.HashData(await response.Content.ReadAsByteArrayAsync()).AsSpan().SequenceEqual(hash))
            {
                differ.Add($"{id}: {(int)response.StatusCode}");
            }
        }
        using var ready = await survivor.SendAsync(HttpMethod.Get, "/health/ready");

        output.WriteLine($"sent {Math.Min(sent, MaxRequests)}, acknowledged {acknowledged.Count}, cut off by the kill {cutOff}, answered by the survivor after the kill {survivorAnswered}");
        Assert.True(survivorFailures.IsEmpty, "the surviving replica failed requests: " + string.Join("; ", survivorFailures.Take(3)) + "\n" + survivor.Log);
        Assert.True(cutOff > 0, "the kill came after the load on the killed replica had ended: nothing was in flight");
        Assert.True(survivorAnswered > 0, "the surviving replica answered nothing after the kill");
        Assert.True(differ.Count == 0, $"{differ.Count} of {acknowledged.Count} acknowledged decisions are missing or changed: {string.Join(", ", differ.Take(10))}");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    /// <summary>How long until the condition holds, polled a bounded number of times; fails when it never does.</summary>
    private static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }
            await Task.Delay(PollEvery);
        }
        throw new TimeoutException($"the condition did not hold after {MaxPolls} polls ({clock.Elapsed.TotalSeconds:F1} s)");
    }
}
