using Compliance.Api.Auth;
using Compliance.Rules.Manifests;
using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Manifests;

/// <summary>
/// The caller's tenant's registered manifests: plain SQL over one short-lived connection per call. Registration never
/// replaces: a changed manifest is a new version, found by its digest (<c>id@sha256:…</c>) for as long as the store
/// lives, and a bare id names the latest. Another tenant's artifacts are invisible, as if they did not exist.
/// </summary>
public sealed class ManifestStore(Database database, TimeProvider clock, Caller caller)
{
    private const string LatestSql = "SELECT body FROM manifests WHERE tenant = @tenant AND id = @id ORDER BY seq DESC LIMIT 1";
    private const string VersionSql = "SELECT body FROM manifests WHERE tenant = @tenant AND id = @id AND digest = @digest ORDER BY seq DESC LIMIT 1";
    private const string VersionsSql = "SELECT digest, created_at AS CreatedAt FROM manifests WHERE tenant = @tenant AND id = @id ORDER BY seq";
    private const string LatestDigestSql = "SELECT digest FROM manifests WHERE tenant = @tenant AND id = @id ORDER BY seq DESC LIMIT 1";
    private const string InsertSql = "INSERT INTO manifests (tenant, id, digest, body, created_at) VALUES (@tenant, @id, @digest, @body, @at)";
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@at, @action, @subject, @digest)";

    private const string DigestMark = "@sha256:";

    public Manifest? Find(string reference) => FindBody(reference) is { } body ? ManifestJson.ReadText(body) : null;

    /// <summary>The stored text of <c>id</c> (its latest version) or <c>id@sha256:…</c> (that version), or null.</summary>
    public string? FindBody(string reference)
    {
        if (caller.Tenant is not { } tenant)
        {
            return null;
        }
        using var connection = database.Open();
        var at = reference.IndexOf(DigestMark, StringComparison.Ordinal);
        return at < 0
            ? connection.QuerySingleOrDefault<string>(LatestSql, new { tenant, id = reference })
            : connection.QuerySingleOrDefault<string>(VersionSql, new { tenant, id = reference[..at], digest = reference[(at + 1)..] });
    }

    /// <summary>Every version of an artifact, oldest first.</summary>
    public IReadOnlyList<ManifestVersion> Versions(string id)
    {
        using var connection = database.Open();
        return caller.Tenant is { } tenant ? connection.Query<ManifestVersion>(VersionsSql, new { tenant, id }).ToList() : [];
    }

    /// <summary>Stores the manifest as a new version unless the latest already has the same digest. True when a version was written.</summary>
    public bool Register(Manifest manifest, string digest)
    {
        var tenant = caller.Tenant ?? throw new InvalidOperationException("registration needs a tenant: the endpoint requires the register scope");
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.QuerySingleOrDefault<string>(LatestDigestSql, new { tenant, id = manifest.Id }, transaction) == digest)
        {
            return false;
        }
        var at = clock.GetUtcNow().ToString("O");
        connection.Execute(InsertSql, new { tenant, id = manifest.Id, digest, body = ManifestJson.Serialize(manifest), at }, transaction);
        connection.Execute(AuditSql, new { at, action = "manifest.registered", subject = $"{tenant}:{manifest.Id}", digest }, transaction);
        transaction.Commit();
        return true;
    }
}

/// <summary>One registered version of an artifact.</summary>
public sealed record ManifestVersion(string Digest, string CreatedAt);
