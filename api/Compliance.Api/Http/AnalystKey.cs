using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Http;

/// <summary>
/// Requests that change the bill library need an analyst key: `Authorization: Bearer KEY` with KEY among
/// COMPLIANCE_ANALYST_KEYS (comma-separated). With no keys configured, uploads are refused.
/// </summary>
public sealed class AnalystKey(IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var keys = (configuration["COMPLIANCE_ANALYST_KEYS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : null;
        if (given is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "An analyst key is required", "send Authorization: Bearer <key> with a key that has the analyst scope");
        }
        if (keys.Length == 0 || !keys.Any(k => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(k), System.Text.Encoding.UTF8.GetBytes(given))))
        {
            return Problem(StatusCodes.Status403Forbidden, "The key does not have the analyst scope", keys.Length == 0 ? "no analyst keys are configured (COMPLIANCE_ANALYST_KEYS)" : "unknown key");
        }
        return await next(context);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, statusCode: status, detail: detail, type: "https://compliance.example/problems/analyst-key");
}
