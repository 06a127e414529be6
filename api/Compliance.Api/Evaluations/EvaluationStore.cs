using System.Text;
using System.Text.Json;
using Compliance.Api.Auth;
using Compliance.Storage;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Dapper;

namespace Compliance.Api.Evaluations;

/// <summary>The caller's tenant's stored decisions: written through the group-commit writer, read with plain SQL.</summary>
public sealed class EvaluationStore(Database database, DecisionWriter writer, Caller caller)
{
    private const string FindSql = "SELECT result, result_encoding FROM evaluations WHERE id = @id AND tenant = @tenant";
    private const string FindWithManifestSql = """
        SELECT e.result, e.result_encoding, m.body
        FROM evaluations e LEFT JOIN decision_manifests m ON m.digest = e.manifest_digest
        WHERE e.id = @id AND e.tenant = @tenant
        """;

    /// <summary>Completes once the decision is durable: the caller acknowledges it only then.</summary>
    public Task SaveAsync(EvaluationResult result, ResolvedArtifact artifact, string kind, ReadOnlySpan<byte> json, CancellationToken cancellationToken) =>
        writer.WriteAsync(new DecisionRow(
            result.Id!,
            caller.Tenant ?? throw new InvalidOperationException("a decision needs a tenant: the endpoint requires the evaluate scope"),
            kind,
            result.CreatedAt!.Value.ToString("O"),
            result.AsOf,
            result.ManifestId,
            result.ManifestDigest,
            Encoding.UTF8.GetString(artifact.Canonical),
            JsonSerializer.Serialize(result.Bills.ToDictionary(b => $"{b.Bill}@{b.Version}", b => b.Digest)),
            StoredResult.Encode(json)), cancellationToken);

    /// <summary>The manifest a decision of the tenant judged, in its canonical JSON, or null if the tenant has no such decision.</summary>
    public string? FindManifest(string id)
    {
        if (caller.Tenant is not { } tenant)
        {
            return null;
        }
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT m.body FROM evaluations e JOIN decision_manifests m ON m.digest = e.manifest_digest WHERE e.id = @id AND e.tenant = @tenant", new { id, tenant });
    }

    /// <summary>The decision's JSON exactly as it was returned, or null if the tenant has no such decision.</summary>
    public byte[]? Find(string id)
    {
        if (caller.Tenant is not { } tenant)
        {
            return null;
        }
        using var connection = database.Open();
        // result is NOT NULL, so a null one means there is no such row.
        var stored = connection.QuerySingleOrDefault<(object? Result, string Encoding)>(FindSql, new { id, tenant });
        return stored.Result is null ? null : StoredResult.Decode(stored.Result, stored.Encoding);
    }

    /// <summary>
    /// The decision read back as the engine's result, with the manifest it judged (kept once per digest), for a memo;
    /// null if the tenant has no such decision.
    /// </summary>
    public (EvaluationResult Result, Manifest Manifest)? FindDecision(string id)
    {
        if (caller.Tenant is not { } tenant)
        {
            return null;
        }
        using var connection = database.Open();
        var stored = connection.QuerySingleOrDefault<(object? Result, string Encoding, string? Manifest)>(FindWithManifestSql, new { id, tenant });
        if (stored.Result is null)
        {
            return null;
        }
        var result = JsonSerializer.Deserialize<EvaluationResult>(StoredResult.Decode(stored.Result, stored.Encoding), DecisionJson.Options)!;
        // Every decision's manifest is kept; should a row ever lack it, the memo still names the artifact it judged.
        var manifest = stored.Manifest is { } body
            ? JsonSerializer.Deserialize<Manifest>(body, ManifestJson.Options)!
            : new Manifest { SchemaVersion = "1", Id = result.ManifestId };
        return (result, manifest);
    }
}
