using CommunityToolkit.HighPerformance.Buffers;
using Compliance.Api.Http;
using Compliance.Api.Manifests;
using Compliance.Api.Telemetry;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Api.Evaluations;

/// <summary>
/// Runs an evaluation or gate request, bound and validated by <see cref="RequestEnvelope"/>, and stores the decision.
/// The request names a manifest inline or by id, optionally the bills (id or id@version) and the date to evaluate as of
/// (default: today); what needs the bill library (unknown bills, their parameters) is checked here.
/// </summary>
public sealed class Decisions(BillCatalog catalog, ManifestStore manifests, EvaluationStore store, TimeProvider clock, ComplianceMetrics metrics)
{
    private static readonly Dictionary<string, ActivityKind> Activities = new(StringComparer.Ordinal)
    {
        ["training"] = ActivityKind.Training, ["release"] = ActivityKind.Release, ["deployment"] = ActivityKind.Deployment,
    };

    /// <summary>The decision and its JSON, stored, and the manifest it judged; the caller disposes the JSON once it has sent it.</summary>
    public Task<(EvaluationResult Result, ArrayPoolBufferWriter<byte> Json, Manifest Manifest)> EvaluateAsync(EvaluationRequest request, CancellationToken cancellationToken) =>
        DecideAsync(request, gate: null, cancellationToken);

    public async Task<EvaluationResult> GateAsync(GateRequest request, CancellationToken cancellationToken)
    {
        var (result, json, _) = await DecideAsync(request, request, cancellationToken);
        json.Dispose();
        return result;
    }

    /// <summary>Checks <c>overrides: { bill: { parameter: number } }</c>: each bill must be evaluated and each parameter its own.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Overrides(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? byBill, IReadOnlyList<BillPack> bills)
    {
        if (byBill is null)
        {
            return null;
        }
        var errors = new List<InputError>();
        foreach (var (billId, parameters) in byBill)
        {
            var at = JsonPointer.Append("/overrides", billId);
            if (bills.FirstOrDefault(b => b.Id == billId) is not { } pack)
            {
                errors.Add(new InputError(at, $"'{billId}' is not among the bills evaluated ({string.Join(", ", bills.Select(b => b.Id))})"));
                continue;
            }
            errors.AddRange(ParameterOverrides.Unknown(parameters.Keys, pack, at));
        }
        return errors.Count > 0 ? throw new InvalidInputException("The overrides are invalid", errors) : byBill;
    }

    /// <summary>
    /// The evaluation without storing it: a stored decision's reasoning asked for again (the pages' full trace), from its
    /// manifest, its bills by version, its date and its overrides.
    /// </summary>
    public EvaluationResult Explain(EvaluationRequest request) => Decide(request, gate: null).Result;

    private async Task<(EvaluationResult, ArrayPoolBufferWriter<byte>, Manifest)> DecideAsync(DecisionRequest request, GateRequest? gate, CancellationToken cancellationToken)
    {
        var (result, artifact) = Decide(request, gate);
        var json = DecisionJson.Write(result);
        try
        {
            await store.SaveAsync(result, artifact, gate is not null ? "gate" : "evaluation", json.WrittenSpan, cancellationToken);
        }
        catch
        {
            json.Dispose();
            throw;
        }
        return (result, json, artifact.Manifest);
    }

    private (EvaluationResult Result, ResolvedArtifact Artifact) Decide(DecisionRequest request, GateRequest? gate)
    {
        var asOf = request.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var manifest = request.Manifest
            ?? manifests.Find(request.ManifestId!) ?? throw new InvalidInputException("Unknown manifest", "/manifestId", $"no registered manifest with id '{request.ManifestId}'");
        var artifact = LineageResolver.Resolve(manifest, LineageBases.Of(manifests), request.Manifest is not null ? InlineManifestConverter.Pointer : "/manifestId");
        // A tenant's drafts are evaluated only when the tenant names them: the bills nobody names are the bundled ones.
        var selection = BillSelection.For(request.Bills, asOf, BillCatalog.Bundled, catalog, "/bills");
        var bills = selection.Bills;
        var overrides = Overrides(request.Overrides, bills);
        if (request.Readings is { } readings && ReadingChoices.Check(readings, bills, "/readings").ToList() is { Count: > 0 } readingErrors)
        {
            throw new InvalidInputException("The readings are invalid", readingErrors);
        }

        var gateOptions = gate is null ? null : new Rules.Evaluation.GateRequest
        {
            Activity = Activities[gate.Activity],
            Enforced = Rules.Evaluation.GateRequest.Enforcing(bills, named: selection.Mode != BillSelection.InForce, asOf),
            AllowUndetermined = gate.AllowUndetermined ?? false,
        };
        var now = clock.GetUtcNow();
        var options = new EvaluationOptions
        {
            AsOf = asOf,
            Trace = request.Trace ?? false,
            Gate = gateOptions,
            Overrides = overrides,
            Readings = request.Readings,
            Selection = selection.Mode,
            UpcomingBills = selection.Upcoming,
        };
        // Measured on the stopwatch, not the injected clock: tests fix the clock, and the engine's time is real.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var evaluated = Evaluator.Evaluate(artifact, bills, options);
        metrics.Evaluated(gate is not null ? "gate" : "evaluation", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var result = evaluated with
        {
            Id = "ev_" + Guid.CreateVersion7(now).ToString("N"),
            CreatedAt = now,
        };
        return (result, artifact);
    }
}
