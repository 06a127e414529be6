using Compliance.Api.Http;
using Compliance.Api.Limits;
using Compliance.Api.Manifests;
using Compliance.Rules.Analysis;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using Compliance.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Analysis;

/// <summary>The analysts' questions: what changes between two bills, and what a threshold does over a portfolio.</summary>
public static class AnalysisApi
{
    public static RouteGroupBuilder MapAnalysis(this RouteGroupBuilder v1)
    {
        v1.MapPost("/compare", Compare)
            .RequireAuthorization(Scopes.Analyst)
            .WithTags("Analysis")
            .WithName("Compare")
            .WithSummary("Two bills (versions, variants, or a bill with overrides) over a portfolio: per artifact, the definitions and duties that differ; totals by phase")
            .Accepts<CompareRequest>("application/json")
            .Produces<ComparisonResult>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithAnalysisLimits();
        v1.MapPost("/sweep", Sweep)
            .RequireAuthorization(Scopes.Analyst)
            .WithTags("Analysis")
            .WithName("Sweep")
            .WithSummary("One parameter over a range: per value, how many artifacts each definition covers and which flip; ?format=csv or ?format=svg")
            .Accepts<SweepRequest>("application/json")
            .Produces<SweepResult>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithAnalysisLimits();
        return v1;
    }

    private static async Task<Ok<ComparisonResult>> Compare(HttpRequest request, BillCatalog catalog, ManifestStore store, TimeProvider clock,
        AnalysisBudget budget, AnalysisMeter meter, CancellationToken cancellationToken)
    {
        var body = await AnalysisBody.ReadAsync(request, Portfolio.MaxBodyBytes, cancellationToken);
        var compare = body.Bind<CompareRequest>();
        var asOf = compare.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var a = Portfolio.Bill(compare.Bills[0], catalog, "/bills/0");
        var b = Portfolio.Bill(compare.Bills[1], catalog, "/bills/1");
        var portfolio = Portfolio.Resolve(body, store, cancellationToken);
        budget.CheckCompare(portfolio.Count, compare.Bills.Count);
        return TypedResults.Ok(Comparison.Compare(portfolio, a, b, asOf, meter.Compare(), cancellationToken));
    }

    private static async Task<IResult> Sweep(HttpRequest request, BillCatalog catalog, ManifestStore store, TimeProvider clock,
        AnalysisBudget budget, AnalysisMeter meter, string? format, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv" or "svg"))
        {
            throw new InvalidInputException("Unknown format", "?format", $"'{format}' is not one of json, csv, svg");
        }
        var body = await AnalysisBody.ReadAsync(request, Portfolio.MaxBodyBytes, cancellationToken);
        var sweep = body.Bind<SweepRequest>();
        var asOf = sweep.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pack = catalog.Find(sweep.Bill) ?? throw new InvalidInputException("Unknown bill", "/bill", $"unknown bill '{sweep.Bill}'");
        var values = SweepValues.Read(sweep.Values);
        var portfolio = Portfolio.Resolve(body, store, cancellationToken);
        budget.CheckSweep(portfolio.Count, values.Count);
        var result = Rules.Analysis.Sweep.Run(portfolio, pack, sweep.Parameter, values, asOf, meter.Sweep(), cancellationToken);
        return format switch
        {
            "csv" => TypedResults.Text(SweepReports.Csv(result), "text/csv"),
            "svg" => TypedResults.Text(SweepReports.Svg(result), "image/svg+xml"),
            _ => TypedResults.Ok(result),
        };
    }
}
