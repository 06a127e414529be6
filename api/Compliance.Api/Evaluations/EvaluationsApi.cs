using Compliance.Api.Http;
using Compliance.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Evaluations;

public static class EvaluationsApi
{
    public static RouteGroupBuilder MapEvaluations(this RouteGroupBuilder v1)
    {
        var evaluations = v1.MapGroup("/evaluations").WithTags("Evaluations");
        evaluations.MapPost("/", Evaluate)
            .RequireAuthorization(Scopes.Evaluate)
            .WithName("Evaluate")
            .WithSummary("Classify a manifest's activities and list what each bill requires; the decision is stored")
            .WithDescription(AnswerFilter.Description)
            .Accepts<EvaluationRequest>("application/json")
            .Produces(StatusCodes.Status201Created, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        evaluations.MapGet("/{id}", Get)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetEvaluation")
            .WithSummary("A stored decision of the caller's tenant, exactly as it was returned")
            .WithDescription(AnswerFilter.Description)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        v1.MapPost("/gate", Gate)
            .RequireAuthorization(Scopes.Evaluate)
            .WithTags("Gate")
            .WithName("Gate")
            .WithSummary("May this act proceed? Blocking duties that are outstanding (or undetermined) under the enforced bills say no")
            .Accepts<GateRequest>("application/json")
            .Produces<GateAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return v1;
    }

    private static async Task<RawJson> Evaluate(HttpRequest request, Decisions decisions, [AsParameters] AnswerFilter filters)
    {
        var filter = filters.Parse();
        var (result, json) = await decisions.EvaluateAsync(await RequestEnvelope.ReadAsync<EvaluationRequest>(request), request.HttpContext.RequestAborted);
        return AnswerFilter.Answer(result, json, filter, StatusCodes.Status201Created, $"/v1/evaluations/{result.Id}");
    }

    private static IResult Get(string id, EvaluationStore store, [AsParameters] AnswerFilter filters)
    {
        var filter = filters.Parse();
        return store.Find(id) is { } json ? AnswerFilter.Answer(json, filter) : Problems.NotFound("evaluation", id);
    }

    private static async Task<Ok<GateAnswer>> Gate(HttpRequest request, Decisions decisions)
    {
        var result = await decisions.GateAsync(await RequestEnvelope.ReadAsync<GateRequest>(request), request.HttpContext.RequestAborted);
        var gate = result.Gate!;
        return TypedResults.Ok(new GateAnswer(gate.Activity, gate.Allowed, gate.Blocking, gate.Undetermined, result.Id!, gate.Enforced, gate.Reason, result.ManifestDigest)
        {
            EnforcedStatus = gate.EnforcedStatus,
        });
    }
}

/// <summary>The CI answer: whether the act may proceed, what blocks it, the stored decision behind it and the digest of the manifest it judged.</summary>
public sealed record GateAnswer(string Activity, bool Allowed, IReadOnlyList<string> Blocking, IReadOnlyList<string> Undetermined, string EvaluationId, IReadOnlyList<string> Enforced, string Reason, string ManifestDigest)
{
    /// <summary>Each enforced bill's status in words, by id@version: a named bill is enforced even when it is not law.</summary>
    public IReadOnlyDictionary<string, string>? EnforcedStatus { get; init; }
}
