using System.Text.Json.Nodes;
using Compliance.Api.Storage;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;
using Dapper;

namespace Compliance.Api.Bills;

/// <summary>
/// The bills the service knows: the bundled ones and the drafts analysts uploaded, as one immutable catalog that is
/// replaced (never edited) when a draft is added, so a request sees one consistent set of bills throughout.
/// </summary>
public sealed class BillLibrary
{
    private const string AllSql = "SELECT document FROM bills ORDER BY seq";
    private const string FindSql = "SELECT digest FROM bills WHERE id = @id AND version = @version";
    private const string InsertSql = "INSERT INTO bills (id, version, digest, document, created_at) VALUES (@Id, @Version, @Digest, @Document, @At)";
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@At, 'bill.uploaded', @Key, @Digest)";

    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly Lock _writeLock = new();
    private volatile BillCatalog _current;

    public BillLibrary(Database database, TimeProvider clock)
    {
        _database = database;
        _clock = clock;
        var packs = BillCatalog.Bundled.Packs.ToList();
        using var connection = database.Open();
        foreach (var document in connection.Query<string>(AllSql))
        {
            packs.Add(PackLoader.Load(JsonDocuments.ParseJson(document), key => new BillCatalog(packs).Find(key)));
        }
        _current = new BillCatalog(packs);
    }

    public BillCatalog Current => _current;

    /// <summary>Validates and stores a draft. Created: a new version; Unchanged: the same version with the same digest.</summary>
    public (BillPack Pack, bool Created) Upload(JsonNode document)
    {
        lock (_writeLock)
        {
            var catalog = _current;
            var pack = PackLoader.Load(document, catalog.Find);
            if (BillCatalog.Bundled.Find(pack.Key) is not null)
            {
                throw new InvalidInputException("The bill version exists", "/version", $"{pack.Key} ships with the service; upload a new version or a variant that extends it", InputProblem.Invalid);
            }
            using var connection = _database.Open();
            if (connection.QuerySingleOrDefault<string>(FindSql, new { id = pack.Id, version = pack.Version }) is { } digest)
            {
                return digest == pack.Digest
                    ? (catalog.Find(pack.Key)!, false)
                    : throw new InvalidInputException("The bill version exists", "/version", $"{pack.Key} is already stored with other rules ({digest}); versions are immutable: upload a new version");
            }
            var at = _clock.GetUtcNow().ToString("O");
            using (var transaction = connection.BeginTransaction())
            {
                connection.Execute(InsertSql, new { pack.Id, pack.Version, pack.Digest, Document = pack.Document.ToJsonString(), At = at }, transaction);
                connection.Execute(AuditSql, new { At = at, pack.Key, pack.Digest }, transaction);
                transaction.Commit();
            }
            _current = new BillCatalog([.. catalog.Packs, pack]);
            return (pack, true);
        }
    }
}
