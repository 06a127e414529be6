using System.Diagnostics.Metrics;

namespace Compliance.Api.Telemetry;

/// <summary>
/// The service's own instruments, on one meter named <see cref="MeterName"/>; the HTTP requests themselves are
/// ASP.NET Core's <c>http.server.request.duration</c> (by route template and status). Every tag here is a word of a
/// closed set (a decision's kind, a refusal's reason, a status code): no tenant, key, artifact or bill id is ever a
/// tag, so <c>/metrics</c> holds nothing of any caller's and its series stay few.
/// </summary>
public sealed class ComplianceMetrics
{
    public const string MeterName = "Compliance";

    /// <summary>The closed set of reasons a request is refused, the tag of <c>compliance.requests.rejected</c>.</summary>
    public static class Reasons
    {
        public const string RateLimit = "rate_limit";
        public const string TooLarge = "too_large";
        public const string Timeout = "timeout";
        public const string TooSlow = "too_slow";
        public const string Invalid = "invalid";
    }

    // From half a millisecond (one bill, no lineage) to ten seconds (every bill over a deep lineage, traced).
    private static readonly IReadOnlyList<double> SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter;
    private readonly Histogram<double> _evaluationDuration;
    private readonly Counter<long> _decisionsWritten;
    private readonly Counter<long> _rejected;

    public ComplianceMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _evaluationDuration = _meter.CreateHistogram("compliance.evaluation.duration", "s",
            "Time the engine took to evaluate one manifest for an evaluation or gate request (not the storing of the decision)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _decisionsWritten = _meter.CreateCounter<long>("compliance.decisions.written", "{decision}",
            "Decisions committed to the database (and then acknowledged) by the decision writer");
        _rejected = _meter.CreateCounter<long>("compliance.requests.rejected", "{request}",
            "Requests refused before or instead of their work: rate_limit (429), too_large (413), timeout (504), too_slow (408), invalid (400, 422)");
    }

    /// <summary>One evaluation by the engine; <paramref name="kind"/> is <c>evaluation</c> or <c>gate</c>.</summary>
    public void Evaluated(string kind, TimeSpan elapsed) =>
        _evaluationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("compliance.decision.kind", kind));

    public void DecisionsWritten(string kind, int count) =>
        _decisionsWritten.Add(count, new KeyValuePair<string, object?>("compliance.decision.kind", kind));

    public void Rejected(string reason, int status) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("compliance.reason", reason), new KeyValuePair<string, object?>("http.response.status_code", status));

    /// <summary>The decision writer's backlog: decisions handed to it and not yet committed. Called once, by the writer.</summary>
    public void ObserveWriterQueue(Func<int> depth) =>
        _meter.CreateObservableGauge("compliance.decision_writer.queue_depth", depth, "{decision}",
            "Decisions waiting for the writer's next commit, their requests not yet answered");

    /// <summary>The reason a bad-input status stands for.</summary>
    public static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => Reasons.TooLarge,
        StatusCodes.Status408RequestTimeout => Reasons.TooSlow,
        StatusCodes.Status429TooManyRequests => Reasons.RateLimit,
        StatusCodes.Status504GatewayTimeout => Reasons.Timeout,
        _ => Reasons.Invalid,
    };
}

/// <summary>Where code with no constructor to inject into (a filter, a limiter callback) finds the metrics.</summary>
internal static class HttpContextMetrics
{
    public static void Rejected(this HttpContext context, int status) =>
        context.RequestServices.GetService<ComplianceMetrics>()?.Rejected(ComplianceMetrics.ReasonFor(status), status);
}
