using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Compliance.Storage;

/// <summary>A key as the store lists it: never the key itself, which only its creator sees, once.</summary>
public sealed record ApiKey(string Id, string Tenant, IReadOnlyList<string> Scopes, string CreatedAt, string? RevokedAt);

/// <summary>A key just created: <see cref="Secret"/> is what the client sends, and is not kept anywhere.</summary>
public sealed record NewKey(ApiKey Key, string Secret);

/// <summary>
/// API keys in the database the service reads, so that a key created or revoked by the CLI or the admin endpoint
/// takes effect while the service runs. Plain SQL over one short-lived connection per call.
/// </summary>
public sealed class KeyStore(Database database, TimeProvider clock)
{
    private const string InsertSql = "INSERT INTO api_keys (id, tenant, scopes, hash, created_at) VALUES (@Id, @Tenant, @Scopes, @Hash, @At)";
    private const string ListSql = "SELECT id, tenant, scopes, created_at AS CreatedAt, revoked_at AS RevokedAt FROM api_keys ORDER BY created_at, id";
    private const string ActiveSql = "SELECT id, tenant, scopes, hash, created_at AS CreatedAt FROM api_keys WHERE revoked_at IS NULL";
    private const string RevokeSql = "UPDATE api_keys SET revoked_at = @At WHERE id = @Id AND revoked_at IS NULL";
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@At, @Action, @Subject, NULL)";

    /// <summary>What is wrong with a key request, field by field; empty when it can be created.</summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(string? tenant, IReadOnlyList<string>? scopes)
    {
        var problems = new List<(string, string)>();
        if (tenant is null || !Tenants.IsValid(tenant))
        {
            problems.Add(("tenant", $"'{tenant}' is not a tenant name: 1 to 64 of a-z, 0-9, '-', '_', '.'"));
        }
        if (scopes is null || scopes.Count == 0)
        {
            problems.Add(("scopes", $"give at least one scope: {string.Join(", ", Scopes.All)}"));
        }
        else
        {
            for (var i = 0; i < scopes.Count; i++)
            {
                if (!Scopes.All.Contains(scopes[i]))
                {
                    problems.Add(($"scopes/{i}", $"'{scopes[i]}' is not a scope: {string.Join(", ", Scopes.All)}"));
                }
            }
        }
        return problems;
    }

    public NewKey Create(string tenant, IReadOnlyList<string> scopes)
    {
        if (Problems(tenant, scopes) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")));
        }
        var secret = "cpk_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey("key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), tenant, [.. scopes.Distinct().Order(StringComparer.Ordinal)],
            clock.GetUtcNow().ToString("O"), null);
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(InsertSql, new { key.Id, key.Tenant, Scopes = string.Join(' ', key.Scopes), Hash = Hash(secret), At = key.CreatedAt }, transaction);
        connection.Execute(AuditSql, new { At = key.CreatedAt, Action = "key.created", Subject = $"{key.Id} tenant={tenant} scopes={string.Join(',', key.Scopes)}" }, transaction);
        transaction.Commit();
        return new NewKey(key, secret);
    }

    public IReadOnlyList<ApiKey> List()
    {
        using var connection = database.Open();
        return connection.Query<(string Id, string Tenant, string Scopes, string CreatedAt, string? RevokedAt)>(ListSql)
            .Select(r => new ApiKey(r.Id, r.Tenant, r.Scopes.Split(' '), r.CreatedAt, r.RevokedAt)).ToList();
    }

    /// <summary>Revokes the key; false when there is no such key or it was already revoked.</summary>
    public bool Revoke(string id)
    {
        var at = clock.GetUtcNow().ToString("O");
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        if (connection.Execute(RevokeSql, new { Id = id, At = at }, transaction) == 0)
        {
            return false;
        }
        connection.Execute(AuditSql, new { At = at, Action = "key.revoked", Subject = id }, transaction);
        transaction.Commit();
        return true;
    }

    /// <summary>The keys in force, by the hash of their secret.</summary>
    public IReadOnlyDictionary<string, ApiKey> Active()
    {
        using var connection = database.Open();
        return connection.Query<(string Id, string Tenant, string Scopes, string Hash, string CreatedAt)>(ActiveSql)
            .ToDictionary(r => r.Hash, r => new ApiKey(r.Id, r.Tenant, r.Scopes.Split(' '), r.CreatedAt, null), StringComparer.Ordinal);
    }

    /// <summary>The SHA-256 of a secret, hex. A key has 256 random bits: no slow hash is needed against guessing.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
