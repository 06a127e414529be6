using Compliance.Api.Storage;
using Compliance.Rules.Manifests;
using Dapper;

namespace Compliance.Api.Manifests;

/// <summary>Registered manifests: plain SQL over one short-lived connection per call.</summary>
public sealed class ManifestStore(Database database, TimeProvider clock)
{
    private const string LatestSql = "SELECT body FROM manifests WHERE id = @id ORDER BY seq DESC LIMIT 1";
    private const string LatestDigestSql = "SELECT digest FROM manifests WHERE id = @id ORDER BY seq DESC LIMIT 1";
    private const string InsertSql = "INSERT INTO manifests (id, digest, body, created_at) VALUES (@id, @digest, @body, @at)";
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@at, @action, @subject, @digest)";

    public Manifest? Find(string id) => FindBody(id) is { } body ? ManifestJson.ReadText(body) : null;

    public string? FindBody(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>(LatestSql, new { id });
    }

    /// <summary>Stores the manifest unless the latest registration already has the same digest. True when a new version was written.</summary>
    public bool Register(Manifest manifest, string digest)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.QuerySingleOrDefault<string>(LatestDigestSql, new { id = manifest.Id }, transaction) == digest)
        {
            return false;
        }
        var at = clock.GetUtcNow().ToString("O");
        connection.Execute(InsertSql, new { id = manifest.Id, digest, body = ManifestJson.Serialize(manifest), at }, transaction);
        connection.Execute(AuditSql, new { at, action = "manifest.registered", subject = manifest.Id, digest }, transaction);
        transaction.Commit();
        return true;
    }
}
