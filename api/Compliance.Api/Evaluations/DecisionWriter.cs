using System.Threading.Channels;
using Compliance.Api.Telemetry;
using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>A decision as it is written: the row of the evaluations table, its manifest, and its result deflated.</summary>
public sealed record DecisionRow(string Id, string Tenant, string Kind, string CreatedAt, string AsOf, string ManifestId, string ManifestDigest, string Manifest, string Packs, byte[] Result);

/// <summary>
/// Group commit: one background writer drains the decisions waiting and writes them in one transaction, then
/// acknowledges each. A request is answered only after the transaction holding its decision has committed, so an
/// acknowledged decision is durable; under load many decisions share one fsync instead of paying one each.
/// On shutdown the web server stops first (it was registered last) and waits for the requests in flight; then this
/// writer commits every decision still queued before it returns.
/// </summary>
public sealed partial class DecisionWriter(Database database, ILogger<DecisionWriter> logger, ComplianceMetrics metrics) : BackgroundService
{
    public const int MaxBatch = 256;

    private const string ManifestSql = "INSERT OR IGNORE INTO decision_manifests (digest, body) VALUES (@ManifestDigest, @Manifest)";
    private const string InsertSql = $"""
        INSERT INTO evaluations (id, tenant, kind, created_at, as_of, manifest_id, manifest_digest, packs, result, result_encoding)
        VALUES (@Id, @Tenant, @Kind, @CreatedAt, @AsOf, @ManifestId, @ManifestDigest, @Packs, @Result, '{StoredResult.Deflate}')
        """;
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@CreatedAt, @Action, @Id, @ManifestDigest)";

    private readonly Channel<(DecisionRow Row, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(DecisionRow, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    // Decisions handed over and not yet committed or failed (the queue depth): the channel's own count misses the
    // batch being committed.
    private int _pending;

    /// <summary>Completes when the decision is committed to disk; faults if the write failed.</summary>
    public async Task WriteAsync(DecisionRow row, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _pending);
        try
        {
            await _queue.Writer.WriteAsync((row, done), cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }
        await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveWriterQueue(() => Volatile.Read(ref _pending));
        var batch = new List<(DecisionRow Row, TaskCompletionSource Done)>(MaxBatch);
        // Stopping does not abandon queued decisions: the loop drains the queue after the writer side is completed.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            Commit(batch);
            batch.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "writing {Count} decisions failed; none was acknowledged")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);

    // SQLite checkpoints the log inside the commit that crosses 1,000 pages, and every request waiting on that commit
    // waits for the copy too. This writer turns that off, acknowledges the batch, and then checkpoints about as often
    // itself: only requests that arrive during the copy wait for it.
    private const long CheckpointPages = 1_000;
    private const string AutomaticCheckpointOff = "PRAGMA wal_autocheckpoint=0";
    private const string AutomaticCheckpointOn = "PRAGMA wal_autocheckpoint=1000";
    private int _checkpointEvery = 64;
    private int _sinceCheckpoint;

    private void Commit(List<(DecisionRow Row, TaskCompletionSource Done)> batch)
    {
        try
        {
            using var connection = database.Open();
            connection.Execute(AutomaticCheckpointOff);
            try
            {
                using var transaction = connection.BeginTransaction();
                // One statement over the whole batch each: Dapper prepares it once and rebinds it per row.
                var rows = batch.Select(item => item.Row).ToList();
                connection.Execute(ManifestSql, rows, transaction);
                connection.Execute(InsertSql, rows, transaction);
                connection.Execute(AuditSql, rows.Select(row => new { row.CreatedAt, Action = row.Kind + ".decided", row.Id, row.ManifestDigest }), transaction);
                transaction.Commit();
            }
            finally
            {
                RestoreAutomaticCheckpoint(connection);
            }
        }
        catch (Exception e)
        {
            // Whatever failed, the batch's callers are told and the writer goes on: an exception escaping here would
            // leave them waiting and stop the host.
            LogWriteFailed(logger, e, batch.Count);
            Interlocked.Add(ref _pending, -batch.Count);
            batch.ForEach(item => item.Done.SetException(e));
            return;
        }
        Interlocked.Add(ref _pending, -batch.Count);
        foreach (var kind in batch.GroupBy(item => item.Row.Kind))
        {
            metrics.DecisionsWritten(kind.Key, kind.Count());
        }
        batch.ForEach(item => item.Done.SetResult());
        _sinceCheckpoint += batch.Count;
        if (_sinceCheckpoint >= _checkpointEvery)
        {
            Checkpoint();
        }
    }

    /// <summary>The connection goes back to the pool: whoever writes with it next checkpoints as SQLite does.</summary>
    private void RestoreAutomaticCheckpoint(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        try
        {
            connection.Execute(AutomaticCheckpointOn);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // Never a reason to fail decisions that are committed.
            LogCheckpointFailed(logger, e);
        }
    }

    /// <summary>
    /// Copies the log into the database. The only writer checkpoints between its own commits, so the copy completes
    /// and the next commit starts the log over; the log's length tells how many decisions fill the next 1,000 pages.
    /// </summary>
    private void Checkpoint()
    {
        try
        {
            using var connection = database.Open();
            var (_, log, _) = connection.QuerySingle<(long Busy, long Log, long Copied)>("PRAGMA wal_checkpoint(PASSIVE)");
            _checkpointEvery = (int)Math.Clamp(_sinceCheckpoint * CheckpointPages / Math.Max(log, 1), 16, 4_096);
            _sinceCheckpoint = 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // The decisions are committed and acknowledged; the next batch tries again.
            LogCheckpointFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "checkpointing the write-ahead log failed; the next batch will try again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}
