using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Compliance.Rules.Checking;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;
using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Bills;

/// <summary>
/// The bills the service knows: the bundled ones for everyone, and each tenant's uploaded drafts for that tenant
/// alone. Each tenant's catalog is immutable and replaced (never edited) when a draft is added, so a request sees
/// one consistent set of bills throughout. An upload is checked against the whole catalog it would join before
/// anything is written; a stored draft that no longer fits (written by an older version) is skipped at start with
/// its reason logged, never an abort. Replicas over one database see each other's uploads: the library looks for
/// rows it has not loaded at most twice a second (<see cref="RefreshAfter"/>), as the key ring does for keys.
/// </summary>
public sealed partial class BillLibrary
{
    private const string AllSql = "SELECT seq, tenant, id, version, document FROM bills ORDER BY seq";
    // Rows are never deleted, so a row committed by another replica changes the count even when an earlier sequence
    // number commits after a later one.
    private const string StateSql = "SELECT count(*) AS Count, coalesce(max(seq), 0) AS Last FROM bills";
    private const string FindSql = "SELECT digest FROM bills WHERE tenant = @tenant AND id = @id AND version = @version";
    private const string InsertSql = "INSERT INTO bills (tenant, id, version, digest, document, created_at) VALUES (@Tenant, @Id, @Version, @Digest, @Document, @At)";
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@At, 'bill.uploaded', @Subject, @Digest)";

    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly ILogger<BillLibrary> _logger;
    private readonly Lock _writeLock = new();
    private readonly HashSet<long> _loaded = [];
    private (long Count, long Last) _state = (-1, -1);
    private long _checkedAt;

    /// <summary>
    /// How stale a replica's view of the other replicas' uploads may be: half a second, so that with the request that
    /// asks, a draft counts everywhere within a second. The look is one count over the bills table.
    /// </summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMilliseconds(500);
    private volatile ImmutableDictionary<string, BillCatalog> _byTenant = ImmutableDictionary.Create<string, BillCatalog>(StringComparer.Ordinal);

    /// <summary>Draft versions one tenant may keep (default 1,000): every draft stays in memory while the service runs.</summary>
    public const string MaxDraftsSetting = "COMPLIANCE_MAX_DRAFTS_PER_TENANT";

    private readonly int _maxDrafts;

    public BillLibrary(Database database, TimeProvider clock, ILogger<BillLibrary> logger, IConfiguration configuration)
    {
        _database = database;
        _clock = clock;
        _maxDrafts = int.TryParse(configuration[MaxDraftsSetting], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) ? max : 1_000;
        _logger = logger;
        lock (_writeLock)
        {
            Refresh();
        }
    }

    /// <summary>The bills a tenant sees: the bundled ones and its own drafts. A caller with no tenant sees the bundled ones.</summary>
    public BillCatalog For(string? tenant)
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _checkedAt)) >= RefreshAfter)
        {
            // One reader at a time; the others go on with the catalogs they have, at most half a second old.
            if (_writeLock.TryEnter())
            {
                try
                {
                    Refresh();
                }
                catch (System.Data.Common.DbException e)
                {
                    // The database is away for a moment: answer with the drafts known, and look again after RefreshAfter.
                    RefreshFailed(_logger, e);
                }
                finally
                {
                    _writeLock.Exit();
                }
            }
        }
        return Loaded(tenant);
    }

    private BillCatalog Loaded(string? tenant) => tenant is not null && _byTenant.TryGetValue(tenant, out var catalog) ? catalog : BillCatalog.Bundled;

    /// <summary>Takes in the rows written since the last look, by this process or another; called under the write lock.</summary>
    private void Refresh()
    {
        Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        using var connection = _database.Open();
        var state = connection.QuerySingle<(long Count, long Last)>(StateSql);
        if (state == _state)
        {
            return;
        }
        foreach (var row in connection.Query<(long Seq, string Tenant, string Id, string Version, string Document)>(AllSql))
        {
            if (!_loaded.Add(row.Seq))
            {
                continue;
            }
            try
            {
                var catalog = Loaded(row.Tenant);
                var pack = PackLoader.Load(JsonDocuments.ParseJson(row.Document), catalog.Find);
                // A row this process uploaded itself is in the catalog already.
                if (catalog.Find(pack.Key)?.Digest != pack.Digest)
                {
                    _byTenant = _byTenant.SetItem(row.Tenant, catalog.Join(pack));
                }
            }
            catch (InvalidInputException e)
            {
                SkippedBill(_logger, row.Id, row.Version, row.Tenant, $"{e.Title}: {string.Join("; ", e.Errors)}");
            }
        }
        _state = state;
    }

    /// <summary>
    /// Validates a draft against the tenant's catalog, checks it (<see cref="PackChecker"/>: an error refuses it) and
    /// stores it. Created: a new version; not: the same version with the same digest. A dry run goes through every
    /// step but the writing, and returns the check's report even when it has errors.
    /// </summary>
    public (BillPack Pack, bool Created, CheckReport Check) Upload(string tenant, JsonNode document, bool dryRun = false)
    {
        lock (_writeLock)
        {
            // Checked against what every replica has stored, not only this one.
            Refresh();
            var catalog = Loaded(tenant);
            var pack = PackLoader.Load(document, catalog.Find);
            if (BillCatalog.Bundled.Find(pack.Key) is not null)
            {
                throw new InvalidInputException("The bill version exists", "/version", $"{pack.Key} ships with the service; upload a new version or a variant that extends it", InputProblem.Invalid);
            }
            var check = PackChecker.Check(pack);
            if (!check.Passed && !dryRun)
            {
                throw new InvalidInputException("The bill pack fails its checks", [.. check.Errors.Select(e => new InputError(e.Pointer, $"{e.Rule}: {e.Message}"))]);
            }
            using var connection = _database.Open();
            if (connection.QuerySingleOrDefault<string>(FindSql, new { tenant, id = pack.Id, version = pack.Version }) is { } digest)
            {
                if (digest != pack.Digest)
                {
                    throw new InvalidInputException("The bill version exists", "/version", $"{pack.Key} is already stored with other rules ({digest}); versions are immutable: upload a new version");
                }
                if (catalog.Find(pack.Key) is { } loaded)
                {
                    return (loaded, false, check);
                }
                // Stored, but skipped at start: joining now either says why it cannot, or takes it in.
                var rejoined = catalog.Join(pack);
                if (!dryRun)
                {
                    _byTenant = _byTenant.SetItem(tenant, rejoined);
                }
                return (pack, false, check);
            }
            // Every draft stays in memory for the life of the process: a tenant's library is bounded like any request.
            if (catalog.Packs.Count - BillCatalog.Bundled.Packs.Count >= _maxDrafts)
            {
                throw new InvalidInputException("Too many drafts", "", $"a tenant keeps at most {_maxDrafts} draft versions (limit: {MaxDraftsSetting})", InputProblem.TooLarge);
            }
            // Built before the row is written: a pack that cannot join the catalog is refused with nothing stored.
            var joined = catalog.Join(pack);
            if (dryRun)
            {
                return (pack, false, check);
            }
            var at = _clock.GetUtcNow().ToString("O");
            using (var transaction = connection.BeginTransaction())
            {
                connection.Execute(InsertSql, new { Tenant = tenant, pack.Id, pack.Version, pack.Digest, Document = pack.Document.ToJsonString(), At = at }, transaction);
                connection.Execute(AuditSql, new { At = at, Subject = $"{tenant}:{pack.Key}", pack.Digest }, transaction);
                transaction.Commit();
            }
            _byTenant = _byTenant.SetItem(tenant, joined);
            return (pack, true, check);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for draft bills other replicas stored failed; the drafts already loaded still apply")]
    private static partial void RefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the stored bill {Id}@{Version} of tenant {Tenant}: {Reason}")]
    private static partial void SkippedBill(ILogger logger, string id, string version, string tenant, string reason);
}
