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

    private volatile Snapshot? _snapshot;

    // Read at a monotonic timestamp, not the service's TimeProvider: this is a cache's age, not a date the law cares about.
    private sealed record Snapshot(IReadOnlyDictionary<string, ApiKey> ByHash, long ReadAt);

    /// <summary>True while the store has no key in force: the service is then open to anonymous callers it allows.</summary>
    public bool IsEmpty => Current().ByHash.Count == 0;

    /// <summary>The key whose secret was presented, or null for an unknown or revoked one.</summary>
    public ApiKey? Find(string secret) => Current().ByHash.GetValueOrDefault(KeyStore.Hash(secret));

    /// <summary>Forgets the snapshot, so that this replica sees its own change at once.</summary>
    public void Invalidate() => _snapshot = null;

    private Snapshot Current()
    {
        var snapshot = _snapshot;
        if (snapshot is null || Stopwatch.GetElapsedTime(snapshot.ReadAt) >= RefreshAfter)
        {
            snapshot = new Snapshot(store.Active(), Stopwatch.GetTimestamp());
            _snapshot = snapshot;
        }
        return snapshot;
    }
}
