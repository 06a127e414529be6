using Compliance.Api.Telemetry;
using Compliance.Rules.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Http;

/// <summary>RFC 7807 answers for bad input: one entry per bad field, keyed by its JSON Pointer.</summary>
public static class Problems
{
    public static ProblemHttpResult From(InvalidInputException e)
    {
        var status = e.Kind switch
        {
            InputProblem.Malformed => StatusCodes.Status400BadRequest,
            InputProblem.TooLarge => StatusCodes.Status413PayloadTooLarge,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(
            title: e.Title,
            statusCode: status,
            detail: string.Join("; ", e.Errors),
            type: "https://compliance.example/problems/" + e.Kind.ToString().ToLowerInvariant(),
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = e.Errors.Select(x => new { pointer = x.Pointer, detail = x.Message }).ToList(),
            });
    }

    public static ProblemHttpResult NotFound(string what, string id) =>
        TypedResults.Problem(title: $"No such {what}", statusCode: StatusCodes.Status404NotFound, detail: $"no {what} with id '{id}'",
            type: "https://compliance.example/problems/not-found");
}

/// <summary>Turns the engine's input errors into problem responses for every endpoint at once, and counts each refusal.</summary>
public sealed class InvalidInputFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InvalidInputException e)
        {
            var problem = Problems.From(e);
            context.HttpContext.Rejected(problem.StatusCode);
            return problem;
        }
    }
}
