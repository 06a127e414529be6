using Compliance.Api.Http;
using Compliance.Api.Limits;
using Compliance.Api.Manifests;
using Compliance.Rules.Analysis;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using Compliance.Storage;

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
            .WithSummary("Two bills (versions, variants, or a bill with overrides) over a portfolio: per artifact, the definitions and duties that differ (outstanding and undetermined apart); totals by phase; ?format=csv for one row per artifact and bill")
            .Accepts<CompareRequest>("application/json")
            .Produces<ComparisonResult>()
            .WithMetadata(new AnswerFormats("json (default): the comparison; csv: one row per artifact and bill (side A, then B), for pandas or R", ("csv", Csv)))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithAnalysisLimits();
        v1.MapPost("/sweep", Sweep)
            .RequireAuthorization(Scopes.Analyst)
            .WithTags("Analysis")
            .WithName("Sweep")
            .WithSummary("One parameter over a range: per value, how many artifacts each definition covers and which flip, from what to what; ?format=csv (one row per value and artifact), svg or png (the plot)")
            .Accepts<SweepRequest>("application/json")
            .Produces<SweepResult>()
            .WithMetadata(new AnswerFormats("json (default): the counts and flips per value; csv: one row per value and artifact, for pandas or R; svg or png: the plot",
                ("csv", Csv), ("svg", "image/svg+xml"), ("png", "image/png")))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithAnalysisLimits();
        return v1;
    }

    private const string Csv = "text/csv";

    private static async Task<IResult> Compare(HttpRequest request, BillCatalog catalog, ManifestStore store, TimeProvider clock,
        AnalysisBudget budget, AnalysisMeter meter, string? format, CancellationToken cancellationToken)
    {
        Formats(format, "json", "csv");
        var body = await AnalysisBody.ReadAsync(request, Portfolio.MaxBodyBytes, cancellationToken);
        var compare = body.Bind<CompareRequest>();
        var asOf = compare.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var a = Portfolio.Bill(compare.Bills[0], catalog, "/bills/0");
        var b = Portfolio.Bill(compare.Bills[1], catalog, "/bills/1");
        var portfolio = Portfolio.Resolve(body, store, cancellationToken);
        budget.CheckCompare(portfolio.Count, compare.Bills.Count);
        var options = Options(compare.Estimates, keepRows: format == "csv");
        var result = Comparison.Compare(portfolio, a, b, asOf, options, meter.Compare(), cancellationToken);
        return format == "csv" ? CsvResult.Of(ComparisonReports.CsvLines(result), "compare.csv") : TypedResults.Ok(result);
    }

    private static async Task<IResult> Sweep(HttpRequest request, BillCatalog catalog, ManifestStore store, TimeProvider clock,
        AnalysisBudget budget, AnalysisMeter meter, string? format, CancellationToken cancellationToken)
    {
        Formats(format, "json", "csv", "svg", "png");
        var body = await AnalysisBody.ReadAsync(request, Portfolio.MaxBodyBytes, cancellationToken);
        var sweep = body.Bind<SweepRequest>();
        var asOf = sweep.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pack = catalog.Find(sweep.Bill) ?? throw new InvalidInputException("Unknown bill", "/bill", $"unknown bill '{sweep.Bill}'");
        var values = SweepValues.Read(sweep.Values);
        var portfolio = Portfolio.Resolve(body, store, cancellationToken);
        budget.CheckSweep(portfolio.Count, values.Count);
        var options = Options(sweep.Estimates, keepRows: format == "csv");
        var result = Rules.Analysis.Sweep.Run(portfolio, pack, sweep.Parameter, values, asOf, options, meter.Sweep(), cancellationToken);
        return format switch
        {
            "csv" => CsvResult.Of(SweepReports.CsvLines(result), "sweep.csv"),
            "svg" => TypedResults.Text(SweepReports.Svg(result), "image/svg+xml"),
            "png" => TypedResults.File(SweepReports.Png(result), "image/png"),
            _ => TypedResults.Ok(result),
        };
    }

    private static void Formats(string? format, params string[] known)
    {
        if (format is not null && !known.Contains(format, StringComparer.Ordinal))
        {
            throw new InvalidInputException("Unknown format", "?format", $"'{format}' is not one of {string.Join(", ", known)}");
        }
    }

    private static AnalysisOptions Options(bool? estimates, bool keepRows) =>
        new() { Estimates = estimates == true ? CloudPrices.Bundled : null, KeepRows = keepRows };
}
