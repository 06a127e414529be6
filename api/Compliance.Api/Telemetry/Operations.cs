using System.Globalization;
using Compliance.Api.Analysis;
using Microsoft.Extensions.Configuration.Memory;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Compliance.Api.Telemetry;

/// <summary>
/// What whoever runs the service needs from it beyond the API: metrics for Prometheus at <c>/metrics</c>, one log line
/// per request (text, or JSON when asked), the connection string from a secret file, and a shutdown that lets the
/// requests in flight finish and the decision writer drain.
/// </summary>
public static class Operations
{
    public const string LogFormatKey = "COMPLIANCE_LOG_FORMAT";
    public const string LogFormatArgument = "log-format";
    public const string DatabaseFileKey = "COMPLIANCE_DB_FILE";
    public const string ShutdownTimeoutKey = "COMPLIANCE_SHUTDOWN_TIMEOUT_SECONDS";
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// The default request time limit (30 s) and 5 s for the decision writer's last commit: an evaluation or gate request
    /// in flight at SIGTERM is answered. Compare and sweep (120 s) may be cut off; none of them writes a decision.
    /// </summary>
    public const double DefaultShutdownSeconds = 35;

    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // Defaults under every other source: Logging__LogLevel__… or --Logging:… given by the operator still win.
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = LoggingDefaults(LogFormat(configuration)) });
        if (configuration[DatabaseFileKey] is { Length: > 0 } file)
        {
            configuration.AddInMemoryCollection([new("COMPLIANCE_DB", DatabaseFromFile(file))]);
        }
        var shutdown = Seconds(configuration, ShutdownTimeoutKey, DefaultShutdownSeconds);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdown));

        builder.Services.AddSingleton<ComplianceMetrics>();
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("compliance")).WithMetrics(metrics => metrics
            .AddMeter(ComplianceMetrics.MeterName, AnalysisMeter.Name)
            // http.server.request.duration by http.route (the template, never the path) and status code.
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// <c>/metrics</c> in Prometheus' text format. Like the probes it needs no key and is never rate limited: a scraper is
    /// not a caller, and nothing in it belongs to a tenant (see <see cref="ComplianceMetrics"/>).
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).DisableRateLimiting().ExcludeFromDescription();
        return app;
    }

    /// <summary><c>text</c> (one line per entry) or <c>json</c> (one JSON object per line, the built-in JSON console formatter).</summary>
    private static string LogFormat(ConfigurationManager configuration)
    {
        var format = configuration[LogFormatKey] ?? configuration[LogFormatArgument] ?? "text";
        return format.ToLowerInvariant() switch
        {
            "text" or "simple" => "simple",
            "json" => "json",
            _ => throw new InvalidOperationException($"{LogFormatKey} (or --{LogFormatArgument}) must be text or json, not '{format}'"),
        };
    }

    private static Dictionary<string, string?> LoggingDefaults(string formatter)
    {
        var defaults = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Logging:LogLevel:Default"] = "Information",
            // The framework writes about ten lines a request (request starting, endpoint executing, result written,
            // request finished, …); the access log writes one. Its warnings and errors still show.
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            // The key handler is an AuthenticationHandler: it logs each challenge and refusal as information.
            ["Logging:LogLevel:Compliance.Api.Auth.ApiKeyAuthentication"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging:Console:FormatterName"] = formatter,
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        };
        if (formatter == "json")
        {
            defaults["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ";
        }
        else
        {
            defaults["Logging:Console:FormatterOptions:SingleLine"] = "true";
            defaults["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        }
        return defaults;
    }

    /// <summary>
    /// The connection string or SQLite path from a file: a Docker or Compose secret (<c>/run/secrets/…</c>). It wins
    /// over COMPLIANCE_DB, so that the image's default (a file on /data) never shadows the secret.
    /// </summary>
    private static string DatabaseFromFile(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{DatabaseFileKey} names '{file}', which cannot be read: {e.Message}", e);
        }
    }

    private static double Seconds(ConfigurationManager configuration, string key, double fallback) =>
        configuration[key] is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
                ? value
                : throw new InvalidOperationException($"{key} must be a number of seconds, zero or more, not '{text}'")
            : fallback;
}
