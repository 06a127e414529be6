using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Manifests;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>Stored decisions. A decision is committed (and so durable) before the request that made it is answered.</summary>
public sealed class EvaluationStore(Database database)
{
    private const string InsertSql = """
        INSERT INTO evaluations (id, kind, created_at, as_of, manifest_id, manifest_digest, manifest, packs, result)
        VALUES (@Id, @Kind, @CreatedAt, @AsOf, @ManifestId, @ManifestDigest, @Manifest, @Packs, @Result)
        """;
    private const string AuditSql = "INSERT INTO audit_log (at, action, subject, digest) VALUES (@at, @action, @subject, @digest)";
    private const string FindSql = "SELECT result FROM evaluations WHERE id = @id";

    public void Save(EvaluationResult result, Manifest manifest, string kind, string json)
    {
        var row = new
        {
            result.Id,
            Kind = kind,
            CreatedAt = result.CreatedAt!.Value.ToString("O"),
            result.AsOf,
            result.ManifestId,
            result.ManifestDigest,
            Manifest = ManifestJson.Serialize(manifest),
            Packs = JsonSerializer.Serialize(result.Bills.ToDictionary(b => $"{b.Bill}@{b.Version}", b => b.Digest)),
            Result = json,
        };
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute(InsertSql, row, transaction);
        connection.Execute(AuditSql, new { at = row.CreatedAt, action = kind + ".decided", subject = result.Id, digest = result.ManifestDigest }, transaction);
        transaction.Commit();
    }

    public string? Find(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>(FindSql, new { id });
    }
}
