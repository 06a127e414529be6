using System.Diagnostics;

namespace Compliance.Api.Auth;

/// <summary>
/// What the service says about who calls it: at start, who may; then one line per request, the only one a request
/// writes (the framework's own per-request lines are turned down to warnings, Telemetry/Operations).
/// </summary>
internal static partial class AccessLog
{
    /// <summary>The category of the per-request lines, for a filter: <c>Logging__LogLevel__Compliance.Api.AccessLog=Warning</c> silences them.</summary>
    public const string Category = "Compliance.Api.AccessLog";

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: the store has no API keys, and {Urls} is not loopback only, so anyone who reaches it could use it. "
        + "Create a key first (compliance keys create --tenant NAME --scope admin --db {Db}), bind to loopback, or start with {Flag}.")]
    public static partial void RefusingOpenExposure(ILogger logger, string urls, string db, string flag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store has no API keys: callers without a key are the tenant '{Tenant}' with every scope but admin, {Where}. "
        + "Create one with: compliance keys create --tenant NAME --scope admin --db {Db}")]
    public static partial void AnsweringWithoutKeys(ILogger logger, string tenant, string where, string db);

    /// <summary>
    /// The request's line: method, path (never the query string, where a careless client may put a secret), status,
    /// milliseconds, tenant and key id (never the key: only its id, <c>key_…</c>), and the W3C trace id, which a
    /// <c>traceparent</c> header from a proxy or client carries in.
    /// </summary>
    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Path} {Status} {DurationMs:0.0} ms tenant={Tenant} key={KeyId} trace={TraceId}")]
    private static partial void Request(ILogger logger, string method, string path, int status, double durationMs, string tenant, string keyId, string traceId);

    /// <summary>First in the pipeline, so that its status is the one sent, after the exception handler and status pages.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    // Authentication ran inside: the principal it set is still the request's.
                    var caller = Caller.Of(context.User);
                    var path = (context.Request.PathBase + context.Request.Path).Value ?? "/";
                    var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var trace = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
                    Request(logger, context.Request.Method, path, context.Response.StatusCode, milliseconds, caller.Tenant ?? "-", caller.KeyId ?? "-", trace);
                }
            }
        });
        return app;
    }
}
