using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Manifests;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>Stored decisions: written through the group-commit writer, read with plain SQL.</summary>
public sealed class EvaluationStore(Database database, DecisionWriter writer)
{
    private const string FindSql = "SELECT result FROM evaluations WHERE id = @id";

    /// <summary>Completes once the decision is durable: the caller acknowledges it only then.</summary>
    public Task SaveAsync(EvaluationResult result, Manifest manifest, string kind, string json, CancellationToken cancellationToken) =>
        writer.WriteAsync(new DecisionRow(
            result.Id!,
            kind,
            result.CreatedAt!.Value.ToString("O"),
            result.AsOf,
            result.ManifestId,
            result.ManifestDigest,
            ManifestJson.Serialize(manifest),
            JsonSerializer.Serialize(result.Bills.ToDictionary(b => $"{b.Bill}@{b.Version}", b => b.Digest)),
            json), cancellationToken);

    public string? Find(string id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>(FindSql, new { id });
    }
}
