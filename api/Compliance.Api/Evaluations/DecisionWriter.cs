using System.Threading.Channels;
using Compliance.Storage;

namespace Compliance.Api.Evaluations;

/// <summary>A decision as it is written: the row of the evaluations table, its manifest, and its result deflated.</summary>
public sealed record DecisionRow(string Id, string Tenant, string Kind, string CreatedAt, string AsOf, string ManifestId, string ManifestDigest, string Manifest, string Packs, byte[] Result);

/// <summary>
/// Group commit: one background writer drains the decisions waiting and writes them in one transaction, then
/// acknowledges each. A request is answered only after the transaction holding its decision has committed, so an
/// acknowledged decision is durable; under load many decisions share one fsync instead of paying one each. The SQL of
/// each database is in <see cref="DecisionBatch"/>.
/// </summary>
public sealed partial class DecisionWriter(Database database, ILogger<DecisionWriter> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private readonly DecisionBatch _batch = DecisionBatch.For(database, logger);

    private readonly Channel<(DecisionRow Row, TaskCompletionSource Done)> _queue =
        Channel.CreateBounded<(DecisionRow, TaskCompletionSource)>(new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Completes when the decision is committed to disk; faults if the write failed.</summary>
    public async Task WriteAsync(DecisionRow row, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((row, done), cancellationToken);
        await done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            batch.ForEach(item => item.Done.SetException(e));
            return;
        }
        batch.ForEach(item => item.Done.SetResult());
        _batch.AfterAcknowledged(batch.Count);
    }
}
