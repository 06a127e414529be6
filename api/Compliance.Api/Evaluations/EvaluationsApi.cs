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
            .Produces(StatusCodes.Status201Created, contentType: "application/json", additionalContentTypes: MemoTypes)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        evaluations.MapGet("/{id}", Get)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetEvaluation")
            .WithSummary("A stored decision of the caller's tenant: the JSON exactly as it was returned, or the memo (?format=markdown or html, or by Accept)")
            .WithDescription(AnswerFilter.Description)
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: MemoTypes)
            .ProducesProblem(StatusCodes.Status404NotFound)
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

    // The memo of a decision, besides its JSON: Markdown to file or paste, HTML to read and print.
    private static readonly string[] MemoTypes = ["text/markdown", "text/html"];

    /// <param name="format">json (default), markdown or html: the decision, or its memo; wins over the Accept header.</param>
    private static async Task<IResult> Evaluate(HttpRequest request, Decisions decisions, string? format, [AsParameters] AnswerFilter filters)
    {
        // Both are checked before anything is evaluated: a bad value stores nothing.
        var answer = DecisionFormat.Choose(format, request);
        var filter = filters.Parse();
        var (result, json, manifest) = await decisions.EvaluateAsync(await RequestEnvelope.ReadAsync<EvaluationRequest>(request), request.HttpContext.RequestAborted);
        var location = $"/v1/evaluations/{result.Id}";
        if (answer == DecisionFormat.Json)
        {
            return AnswerFilter.Answer(result, json, filter, StatusCodes.Status201Created, location);
        }
        json.Dispose();
        request.HttpContext.Response.Headers.Location = location;
        return DecisionFormat.Memo(answer, filter.Apply(result), manifest, StatusCodes.Status201Created);
    }

    /// <param name="format">json (default), markdown or html: the decision, or its memo; wins over the Accept header.</param>
    private static IResult Get(string id, HttpRequest request, EvaluationStore store, string? format, [AsParameters] AnswerFilter filters)
    {
        var answer = DecisionFormat.Choose(format, request);
        var filter = filters.Parse();
        // The answer depends on Accept: a cache must not give the memo to a client that asked for JSON.
        request.HttpContext.Response.Headers.Vary = "Accept";
        if (answer == DecisionFormat.Json)
        {
            return store.Find(id) is { } json ? AnswerFilter.Answer(json, filter) : Problems.NotFound("evaluation", id);
        }
        return store.FindDecision(id) is { } decision ? DecisionFormat.Memo(answer, filter.Apply(decision.Result), decision.Manifest) : Problems.NotFound("evaluation", id);
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
