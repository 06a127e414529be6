using System.Globalization;
using System.Threading.RateLimiting;
using Compliance.Api.Analysis;
using Compliance.Api.Auth;
using Compliance.Api.Telemetry;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace Compliance.Api.Limits;

/// <summary>
/// Bounds on what one caller can make the service do: seconds per request (request timeouts), requests per minute per
/// caller (rate limits), evaluations per analysis request (<see cref="AnalysisBudget"/>), and bytes per body (Kestrel).
/// Every refusal is a problem+json naming the limit and the setting that changes it.
/// </summary>
public static class RequestLimits
{
    public const string RequestTimeoutKey = "COMPLIANCE_REQUEST_TIMEOUT_SECONDS";
    public const string AnalysisTimeoutKey = "COMPLIANCE_ANALYSIS_TIMEOUT_SECONDS";
    public const string RateLimitKey = "COMPLIANCE_RATE_LIMIT_PER_MINUTE";
    public const string AnalysisRateLimitKey = "COMPLIANCE_ANALYSIS_RATE_LIMIT_PER_MINUTE";

    private const string AnalysisPolicy = "analysis";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(AnalysisBudget.From(configuration));
        services.AddSingleton<AnalysisMeter>();
        services.AddRequestTimeouts(options =>
        {
            options.DefaultPolicy = Timeout(Number(configuration, RequestTimeoutKey, 30), RequestTimeoutKey);
            options.AddPolicy(AnalysisPolicy, Timeout(Number(configuration, AnalysisTimeoutKey, 120), AnalysisTimeoutKey));
        });
        var perMinute = (int)Number(configuration, RateLimitKey, 6000);
        var analysisPerMinute = (int)Number(configuration, AnalysisRateLimitKey, 60);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PerCaller(context, perMinute, RateLimitKey));
            options.AddPolicy(AnalysisPolicy, context => PerCaller(context, analysisPerMinute, AnalysisRateLimitKey));
            options.OnRejected = Rejected;
        });
        // Kestrel's own refusals (a chunked body past MaxRequestBodySize, a body trickled below MinRequestBodyDataRate)
        // arrive as BadHttpRequestException; its message names the limit and holds nothing of the caller's.
        services.Configure<ProblemDetailsOptions>(options =>
        {
            var earlier = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                if (context.Exception is BadHttpRequestException refused)
                {
                    context.HttpContext.Rejected(refused.StatusCode);
                    context.ProblemDetails.Title = "The request was refused";
                    context.ProblemDetails.Detail = refused.Message;
                    context.ProblemDetails.Type = "https://compliance.example/problems/bad-request";
                    context.ProblemDetails.Extensions["errors"] = new[] { new { pointer = "", detail = refused.Message } };
                }
            };
        });
        return services;
    }

    /// <summary>The exception handler with Kestrel's refusals at their own status (413, 408, 400) rather than 500, and problem bodies for bare status codes.</summary>
    public static WebApplication UseRefusalsAsProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError,
            // A client's slow or oversized body is the client's fault, not an error of ours to log with a stack trace.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>The rate limiter and the timeouts. Both look at the caller and the endpoint, so they run after routing and authentication.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>Compare and sweep: the longer timeout and their own, lower, rate limit on top of the global one.</summary>
    public static RouteHandlerBuilder WithAnalysisLimits(this RouteHandlerBuilder endpoint)
    {
        endpoint.WithRequestTimeout(AnalysisPolicy);
        return endpoint.RequireRateLimiting(AnalysisPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);
    }

    /// <summary>
    /// The caller: the API key's id once authentication names one (claim "key"), else the remote address. Loopback is
    /// not exempt: behind a reverse proxy on the same host every caller is loopback. A limit of 0 turns it off (the
    /// load benchmark sets COMPLIANCE_RATE_LIMIT_PER_MINUTE=0).
    /// </summary>
    private static RateLimitPartition<string> PerCaller(HttpContext context, double perMinute, string key)
    {
        if (perMinute <= 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var caller = context.User.FindFirst(Caller.KeyClaim)?.Value is { } id ? "key:" + id : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = (int)perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask Rejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Rejected(StatusCodes.Status429TooManyRequests);
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var setting = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == AnalysisPolicy ? AnalysisRateLimitKey : RateLimitKey;
        await Problem(StatusCodes.Status429TooManyRequests, "Too many requests", "rate-limit",
            $"this caller has used its requests for this minute; the limit is set by {setting}; retry after {seconds} s").ExecuteAsync(context);
    }

    /// <summary>A timeout of <paramref name="seconds"/>; 0 turns it off.</summary>
    private static RequestTimeoutPolicy Timeout(double seconds, string key) => new()
    {
        Timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null,
        TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        WriteTimeoutResponse = context =>
        {
            context.Rejected(StatusCodes.Status504GatewayTimeout);
            return Problem(StatusCodes.Status504GatewayTimeout, "The request took too long", "timeout",
                $"the limit is {seconds.ToString(CultureInfo.InvariantCulture)} s for this endpoint ({key}); the work was stopped").ExecuteAsync(context);
        },
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string type, string detail) =>
        TypedResults.Problem(title: title, statusCode: status, detail: detail, type: "https://compliance.example/problems/" + type,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { pointer = "", detail } } });

    private static double Number(IConfiguration configuration, string key, double fallback) =>
        configuration[key] is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
                ? value
                : throw new InvalidOperationException($"{key} must be a number of zero or more, not '{text}'")
            : fallback;
}
