using Compliance.Api.Bills;
using Compliance.Storage;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Health;

/// <summary>
/// Probes for whoever runs the service: live (the process answers) and ready (the database answers with every
/// migration applied, and the bills are loaded). Probes are not callers: no key, no rate limit.
/// </summary>
public static class HealthApi
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }))
            .WithTags("Health").WithName("Health").WithSummary("The process answers (the same as /health/live)").DisableRateLimiting();
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "ok" }))
            .WithTags("Health").WithName("Live").WithSummary("The process answers").DisableRateLimiting();
        app.MapGet("/health/ready", Ready)
            .WithTags("Health").WithName("Ready").WithSummary("Ready for traffic: the database answers with every migration applied, and the bills are loaded; 503 naming what is not").DisableRateLimiting();
        return app;
    }

    private static Results<Ok<Readiness>, JsonHttpResult<Readiness>> Ready(Database database, BillLibrary bills)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var connection = database.Open();
            var applied = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations");
            checks["database"] = applied == database.MigrationCount ? "ok" : $"{applied} of {database.MigrationCount} migrations applied";
        }
        catch (System.Data.Common.DbException e)
        {
            checks["database"] = "unreachable: " + e.Message.Split('\n')[0];
        }
        var packs = bills.For(null).Packs.Count;
        checks["bills"] = packs > 0 ? $"ok ({packs} bundled)" : "no bills loaded";
        var ready = checks.Values.All(v => v.StartsWith("ok", StringComparison.Ordinal));
        var answer = new Readiness(ready ? "ready" : "not ready", checks);
        return ready ? TypedResults.Ok(answer) : TypedResults.Json(answer, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Whether the service is ready, and each check's word.</summary>
public sealed record Readiness(string Status, IReadOnlyDictionary<string, string> Checks);
