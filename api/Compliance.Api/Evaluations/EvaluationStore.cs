using System.Text;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>Stored decisions: written through the group-commit writer, read with plain SQL.</summary>
public sealed class EvaluationStore(Database database, DecisionWriter writer)
{
    private const string FindSql = "SELECT result, result_encoding FROM evaluations WHERE id = @id";

    /// <summary>Completes once the decision is durable: the caller acknowledges it only then.</summary>
    public Task SaveAsync(EvaluationResult result, ResolvedArtifact artifact, string kind, ReadOnlySpan<byte> json, CancellationToken cancellationToken) =>
        writer.WriteAsync(new DecisionRow(
            result.Id!,
            kind,
            result.CreatedAt!.Value.ToString("O"),
            result.AsOf,
            result.ManifestId,
            result.ManifestDigest,
            Encoding.UTF8.GetString(artifact.Canonical),
            JsonSerializer.Serialize(result.Bills.ToDictionary(b => $"{b.Bill}@{b.Version}", b => b.Digest)),
            StoredResult.Encode(json)), cancellationToken);

    /// <summary>The decision's JSON exactly as it was returned, or null if there is no such decision.</summary>
    public byte[]? Find(string id)
    {
        using var connection = database.Open();
        // result is NOT NULL, so a null one means there is no such row.
        var stored = connection.QuerySingleOrDefault<(object? Result, string Encoding)>(FindSql, new { id });
        return stored.Result is null ? null : StoredResult.Decode(stored.Result, stored.Encoding);
    }
}
