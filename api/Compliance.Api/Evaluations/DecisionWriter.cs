using System.Threading.Channels;
using Compliance.Api.Telemetry;
using Compliance.Storage;

namespace Compliance.Api.Evaluations;

/// <summary>A decision as it is written: the row of the evaluations table, its manifest, and its result deflated.</summary>
public sealed record DecisionRow(string Id, string Tenant, string Kind, string CreatedAt, string AsOf, string ManifestId, string ManifestDigest, string Manifest, string Packs, byte[] Result);

/// <summary>
/// Group commit: one background writer drains the decisions waiting and writes them in one transaction, then
/// acknowledges each. A request is answered only after the transaction holding its decision has committed, so an
/// acknowledged decision is durable; under load many decisions share one fsync instead of paying one each. The SQL of
/// each database is in <see cref="DecisionBatch"/>.
/// On shutdown the web server stops first (it was registered last) and waits for the requests in flight; then this
/// writer commits every decision still queued before it returns.
/// </summary>
public sealed partial class DecisionWriter(Database database, ILogger<DecisionWriter> logger, ComplianceMetrics metrics) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly DecisionBatch _batch = DecisionBatch.For(database, logger);

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

    private void Commit(List<(DecisionRow Row, TaskCompletionSource Done)> batch)
    {
        try
        {
            _batch.Write(batch.ConvertAll(item => item.Row));
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
        _batch.AfterAcknowledged(batch.Count);
    }
}
