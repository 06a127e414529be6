using System.Diagnostics;
using Compliance.Storage;

namespace Compliance.Api.Auth;

/// <summary>
/// The keys in force, read from the store at most once a second: a key created or revoked by the CLI or another
/// replica takes effect within a second, without a restart and without a query on every request.
/// </summary>
public sealed class KeyRing(KeyStore store)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _refresh = new();
    private volatile Snapshot? _snapshot;
    private long _generation;

    // Read at a monotonic timestamp, not the service's TimeProvider: this is a cache's age, not a date the law cares about.
    private sealed record Snapshot(IReadOnlyDictionary<string, ApiKey> ByHash, long ReadAt, long Generation);

    /// <summary>True while the store has no key in force: the service is then open to anonymous callers it allows.</summary>
    public bool IsEmpty => Current().ByHash.Count == 0;

    /// <summary>The key whose secret was presented, or null for an unknown or revoked one.</summary>
    public ApiKey? Find(string secret) => Current().ByHash.GetValueOrDefault(KeyStore.Hash(secret));

    /// <summary>
    /// Forgets the snapshot, so that this replica sees its own change at once: a read that began before the change
    /// belongs to an older generation and is not kept.
    /// </summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _snapshot = null;
    }

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Generation == Interlocked.Read(ref _generation) && Stopwatch.GetElapsedTime(snapshot.ReadAt) < RefreshAfter)
        {
            return snapshot;
        }
        // One reader at a time: the requests that find the snapshot stale together wait for one query, not one each.
        lock (_refresh)
        {
            snapshot = _snapshot;
            var generation = Interlocked.Read(ref _generation);
            if (snapshot is not null && snapshot.Generation == generation && Stopwatch.GetElapsedTime(snapshot.ReadAt) < RefreshAfter)
            {
                return snapshot;
            }
            // The age counts from before the query, so a key revoked while it ran is re-read within RefreshAfter.
            var readAt = Stopwatch.GetTimestamp();
            snapshot = new Snapshot(store.Active(), readAt, generation);
            if (generation == Interlocked.Read(ref _generation))
            {
                _snapshot = snapshot;
            }
            return snapshot;
        }
    }
}
