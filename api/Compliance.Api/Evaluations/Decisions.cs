using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityToolkit.HighPerformance.Buffers;
using Compliance.Api.Http;
using Compliance.Api.Manifests;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Api.Evaluations;

/// <summary>
/// Reads an evaluation or gate request, runs the engine and stores the decision. The request names a manifest
/// inline or by id, optionally the bills (id or id@version) and the date to evaluate as of (default: today).
/// </summary>
public sealed class Decisions(BillCatalog catalog, ManifestStore manifests, EvaluationStore store, TimeProvider clock)
{
    private static readonly string[] EvaluationFields = ["manifest", "manifestId", "bills", "asOf", "trace", "overrides"];
    private static readonly string[] GateFields = [.. EvaluationFields, "activity", "allowUndetermined"];
    private static readonly Dictionary<string, ActivityKind> Activities = new(StringComparer.Ordinal)
    {
        ["training"] = ActivityKind.Training, ["release"] = ActivityKind.Release, ["deployment"] = ActivityKind.Deployment,
    };

    /// <summary>The decision and its JSON, stored; the caller disposes the JSON once it has sent it.</summary>
    public Task<(EvaluationResult Result, ArrayPoolBufferWriter<byte> Json)> EvaluateAsync(JsonObject body, CancellationToken cancellationToken) =>
        DecideAsync(new RequestFields(body, EvaluationFields), gate: false, cancellationToken);

    public async Task<EvaluationResult> GateAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var (result, json) = await DecideAsync(new RequestFields(body, GateFields), gate: true, cancellationToken);
        json.Dispose();
        return result;
    }

    /// <summary>Reads <c>overrides: { bill: { parameter: number } }</c>; each bill must be evaluated and each parameter its own.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, double>>? Overrides(JsonNode? node, IReadOnlyList<BillPack> bills)
    {
        if (node is null)
        {
            return null;
        }
        var errors = new List<InputError>();
        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        if (node is not JsonObject byBill)
        {
            throw new InvalidInputException("The overrides are invalid", "/overrides", "must be an object: { \"bill-id\": { \"parameter\": number } }");
        }
        foreach (var (billId, parameters) in byBill)
        {
            var at = JsonPointer.Append("/overrides", billId);
            if (bills.FirstOrDefault(b => b.Id == billId) is not { } pack)
            {
                errors.Add(new InputError(at, $"'{billId}' is not among the bills evaluated ({string.Join(", ", bills.Select(b => b.Id))})"));
                continue;
            }
            result[billId] = ParameterOverrides.Read(parameters, pack, at, errors);
        }
        return errors.Count > 0 ? throw new InvalidInputException("The overrides are invalid", errors) : result;
    }

    private async Task<(EvaluationResult, ArrayPoolBufferWriter<byte>)> DecideAsync(RequestFields fields, bool gate, CancellationToken cancellationToken)
    {
        var manifestId = fields.String("manifestId");
        var billNames = fields.Strings("bills");
        var asOf = fields.Date("asOf") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var trace = fields.Boolean("trace") ?? true;
        var activity = gate ? fields.OneOf("activity", Activities.Keys, required: true) : null;
        var allowUndetermined = gate && (fields.Boolean("allowUndetermined") ?? false);
        var inline = fields.Body["manifest"];
        if ((inline is null) == (fields.Body["manifestId"] is null))
        {
            fields.Error("", "give exactly one of 'manifest' (inline) and 'manifestId' (registered)");
        }
        fields.ThrowIfInvalid(gate ? "The gate request is invalid" : "The evaluation request is invalid");

        var manifest = inline is not null
            ? ManifestJson.Read(inline, "/manifest")
            : manifests.Find(manifestId!) ?? throw new InvalidInputException("Unknown manifest", "/manifestId", $"no registered manifest with id '{manifestId}'");
        var artifact = LineageResolver.Resolve(manifest, manifests.Find, inline is not null ? "/manifest" : "/manifestId");
        // A tenant's drafts are evaluated only when the tenant names them: the bills nobody names are the bundled ones.
        var bills = billNames is null ? BillCatalog.Bundled.Defaults.ToList() : catalog.Resolve(billNames, "/bills");
        var overrides = Overrides(fields.Body["overrides"], bills);

        GateRequest? gateRequest = null;
        if (activity is not null)
        {
            gateRequest = new GateRequest
            {
                Activity = Activities[activity],
                Enforced = GateRequest.Enforcing(bills, named: billNames is not null, asOf),
                AllowUndetermined = allowUndetermined,
            };
        }
        var now = clock.GetUtcNow();
        var result = Evaluator.Evaluate(artifact, bills, new EvaluationOptions { AsOf = asOf, Trace = trace, Gate = gateRequest, Overrides = overrides }) with
        {
            Id = "ev_" + Guid.CreateVersion7(now).ToString("N"),
            CreatedAt = now,
        };
        var json = DecisionJson.Write(result);
        try
        {
            await store.SaveAsync(result, artifact, gate ? "gate" : "evaluation", json.WrittenSpan, cancellationToken);
        }
        catch
        {
            json.Dispose();
            throw;
        }
        return (result, json);
    }
}
