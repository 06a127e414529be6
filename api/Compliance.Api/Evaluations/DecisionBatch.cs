using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>
/// How one batch of decisions is written in one transaction: the one store whose SQL differs between the two
/// databases, so both forms are here, side by side. The writer acknowledges the batch only after <see cref="Write"/>
/// returns, that is after the commit.
/// </summary>
internal abstract partial class DecisionBatch
{
    private const string AuditColumns = "audit_log (at, action, subject, digest)";

    public static DecisionBatch For(Database database, ILogger logger) =>
        database.Dialect == Dialect.PostgreSql ? new PostgreSql(database) : new Sqlite(database, logger);

    /// <summary>Writes the rows, their manifests (once per digest) and their audit entries; returns once committed.</summary>
    public abstract void Write(IReadOnlyList<DecisionRow> rows);

    /// <summary>Work that may wait until the batch's callers are answered.</summary>
    public virtual void AfterAcknowledged(int count)
    {
    }

    /// <summary>
    /// One statement per table, each carrying the whole batch as arrays: one round trip each instead of one per row,
    /// the difference between a group commit and a row-at-a-time one over a network.
    /// </summary>
    private sealed class PostgreSql(Database database) : DecisionBatch
    {
        private const string ManifestSql = """
            INSERT INTO decision_manifests (digest, body) SELECT * FROM unnest(@Digests, @Bodies) ON CONFLICT (digest) DO NOTHING
            """;
        private const string InsertSql = $"""
            INSERT INTO evaluations (id, tenant, kind, created_at, as_of, manifest_id, manifest_digest, packs, result, result_encoding)
            SELECT id, tenant, kind, created_at, as_of, manifest_id, manifest_digest, packs, result, '{StoredResult.Deflate}'
            FROM unnest(@Ids, @Tenants, @Kinds, @CreatedAts, @AsOfs, @ManifestIds, @ManifestDigests, @Packs, @Results)
                AS row (id, tenant, kind, created_at, as_of, manifest_id, manifest_digest, packs, result)
            """;
        private const string AuditSql = $"INSERT INTO {AuditColumns} SELECT * FROM unnest(@At, @Actions, @Ids, @Digests)";

        public override void Write(IReadOnlyList<DecisionRow> rows)
        {
            // One row per digest: the same manifest decided twice in a batch is kept once.
            var manifests = rows.DistinctBy(row => row.ManifestDigest, StringComparer.Ordinal).ToList();
            using var connection = database.Open();
            using var transaction = connection.BeginTransaction();
            connection.Execute(ManifestSql, new ManifestColumns([.. manifests.Select(r => r.ManifestDigest)], [.. manifests.Select(r => r.Manifest)]), transaction);
            connection.Execute(InsertSql, new DecisionColumns(
                [.. rows.Select(r => r.Id)], [.. rows.Select(r => r.Tenant)], [.. rows.Select(r => r.Kind)], [.. rows.Select(r => r.CreatedAt)],
                [.. rows.Select(r => r.AsOf)], [.. rows.Select(r => r.ManifestId)], [.. rows.Select(r => r.ManifestDigest)], [.. rows.Select(r => r.Packs)],
                [.. rows.Select(r => r.Result)]), transaction);
            connection.Execute(AuditSql, new AuditArrays(
                [.. rows.Select(r => r.CreatedAt)], [.. rows.Select(r => r.Kind + ".decided")], [.. rows.Select(r => r.Id)], [.. rows.Select(r => r.ManifestDigest)]), transaction);
            transaction.Commit();
        }

        // Named records, not anonymous objects: the OpenAPI document names the service's anonymous types by number.
        private sealed record ManifestColumns(string[] Digests, string[] Bodies);

        private sealed record DecisionColumns(string[] Ids, string[] Tenants, string[] Kinds, string[] CreatedAts, string[] AsOfs,
            string[] ManifestIds, string[] ManifestDigests, string[] Packs, byte[][] Results);

        private sealed record AuditArrays(string[] At, string[] Actions, string[] Ids, string[] Digests);
    }

    /// <summary>One prepared statement per table, rebound per row; the log checkpointed by the writer itself.</summary>
    private sealed partial class Sqlite(Database database, ILogger logger) : DecisionBatch
    {
        private const string ManifestSql = "INSERT OR IGNORE INTO decision_manifests (digest, body) VALUES (@ManifestDigest, @Manifest)";
        private const string InsertSql = $"""
            INSERT INTO evaluations (id, tenant, kind, created_at, as_of, manifest_id, manifest_digest, packs, result, result_encoding)
            VALUES (@Id, @Tenant, @Kind, @CreatedAt, @AsOf, @ManifestId, @ManifestDigest, @Packs, @Result, '{StoredResult.Deflate}')
            """;
        private const string AuditSql = $"INSERT INTO {AuditColumns} VALUES (@CreatedAt, @Action, @Id, @ManifestDigest)";

        // SQLite checkpoints the log inside the commit that crosses 1,000 pages, and every request waiting on that commit
        // waits for the copy too. This writer turns that off, acknowledges the batch, and then checkpoints about as often
        // itself: only requests that arrive during the copy wait for it.
        private const long CheckpointPages = 1_000;
        private const string AutomaticCheckpointOff = "PRAGMA wal_autocheckpoint=0";
        private const string AutomaticCheckpointOn = "PRAGMA wal_autocheckpoint=1000";
        private int _checkpointEvery = 64;
        private int _sinceCheckpoint;

        public override void Write(IReadOnlyList<DecisionRow> rows)
        {
            using var connection = database.Open();
            connection.Execute(AutomaticCheckpointOff);
            try
            {
                using var transaction = connection.BeginTransaction();
                // One statement over the whole batch each: Dapper prepares it once and rebinds it per row.
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

        public override void AfterAcknowledged(int count)
        {
            _sinceCheckpoint += count;
            if (_sinceCheckpoint >= _checkpointEvery)
            {
                Checkpoint();
            }
        }

        /// <summary>The connection goes back to the pool: whoever writes with it next checkpoints as SQLite does.</summary>
        private void RestoreAutomaticCheckpoint(System.Data.Common.DbConnection connection)
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
}
