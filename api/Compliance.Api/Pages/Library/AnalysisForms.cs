using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Analysis;
using Compliance.Api.Http;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Api.Pages.Library;

/// <summary>
/// What was wrong with an analysis form, by the id of the field it belongs to. The messages are the JSON API's (the
/// same engine and request checks throw them); each JSON Pointer is mapped onto the field that holds that value.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public IReadOnlyList<(string Field, string Message)> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add((field, message));

    public IEnumerable<string> For(string field) => _errors.Where(e => e.Field == field).Select(e => e.Message);

    public bool Has(string field) => _errors.Exists(e => e.Field == field);

    /// <summary>Runs one check; its input errors land beside the fields their pointers name.</summary>
    public T? Collect<T>(Func<T> check, Func<string, string> field) where T : class
    {
        try
        {
            return check();
        }
        catch (InvalidInputException e)
        {
            foreach (var error in e.Errors)
            {
                Add(field(error.Pointer), error.Message);
            }
            return null;
        }
    }
}

/// <summary>The compare form: two bills, each with optional parameter overrides written "name=value", over the corpus.</summary>
internal sealed record CompareForm(string? A, string? AOverrides, string? B, string? BOverrides, string? AsOf, bool Estimates = false)
{
    public const string General = "compare";

    public ComparisonResult? Run(BillCatalog catalog, AnalysisBudget budget, AnalysisMeter meter, DateOnly today, FieldErrors errors, CancellationToken cancellationToken)
    {
        var asOf = AnalysisDate.Read(AsOf, today, "compare-asOf", errors);
        var a = Side(A, AOverrides, 0, catalog, errors);
        var b = Side(B, BOverrides, 1, catalog, errors);
        var portfolio = ReferenceCorpus.Bundled.Artifacts;
        errors.Collect(() => { budget.CheckCompare(portfolio.Count, 2); return ""; }, Field);
        if (errors.Any || a is null || b is null || asOf is not { } date)
        {
            return null;
        }
        return Comparison.Compare(portfolio, a, b, date, AnalysisEstimates.Options(Estimates), meter.Compare(), cancellationToken);
    }

    private static BillVariant? Side(string? bill, string? overrides, int index, BillCatalog catalog, FieldErrors errors)
    {
        var side = index == 0 ? "a" : "b";
        var values = ParameterText.Read(overrides, side + "-overrides", errors);
        if (string.IsNullOrWhiteSpace(bill))
        {
            errors.Add(side, "give a bill, by id or id@version");
            return null;
        }
        return values is null ? null : errors.Collect(() => Portfolio.Bill(new BillChoice { Bill = bill.Trim(), Overrides = values }, catalog, $"/bills/{index}"), Field);
    }

    /// <summary>The field of each pointer POST /v1/compare reports.</summary>
    private static string Field(string pointer) => pointer switch
    {
        _ when pointer.StartsWith("/bills/0/overrides", StringComparison.Ordinal) => "a-overrides",
        _ when pointer.StartsWith("/bills/1/overrides", StringComparison.Ordinal) => "b-overrides",
        _ when pointer.StartsWith("/bills/0", StringComparison.Ordinal) => "a",
        _ when pointer.StartsWith("/bills/1", StringComparison.Ordinal) => "b",
        "/asOf" => "compare-asOf",
        _ => General,
    };
}

/// <summary>The sweep form: one parameter of one bill over a range of values, over the corpus.</summary>
internal sealed record SweepForm(string? Bill, string? Parameter, string? From, string? To, string? Steps, string? Scale, string? AsOf, bool Estimates = false)
{
    public const string General = "sweep";

    public SweepResult? Run(BillCatalog catalog, AnalysisBudget budget, AnalysisMeter meter, DateOnly today, FieldErrors errors, CancellationToken cancellationToken)
    {
        var asOf = AnalysisDate.Read(AsOf, today, "sweep-asOf", errors);
        var pack = string.IsNullOrWhiteSpace(Bill) ? null : catalog.Find(Bill.Trim());
        if (pack is null)
        {
            errors.Add("sweep-bill", $"unknown bill '{Bill}'");
        }
        var parameter = Parameter?.Trim() ?? "";
        if (pack is not null)
        {
            // The engine's own check of the parameter, on no artifacts: its message names the bill's parameters.
            errors.Collect(() => Sweep.Run([], pack, parameter, [0], today), Field);
        }
        var range = new JsonObject { ["from"] = Number(From), ["to"] = Number(To), ["steps"] = Number(Steps), ["scale"] = Scale };
        var values = errors.Collect(() => SweepValues.Read(range), Field);
        var portfolio = ReferenceCorpus.Bundled.Artifacts;
        if (values is not null)
        {
            errors.Collect(() => { budget.CheckSweep(portfolio.Count, values.Count); return ""; }, Field);
        }
        if (errors.Any || pack is null || values is null || asOf is not { } date)
        {
            return null;
        }
        return Sweep.Run(portfolio, pack, parameter, values, date, AnalysisEstimates.Options(Estimates), meter.Sweep(), cancellationToken);
    }

    /// <summary>A field's text as the JSON request would carry it: a number when it reads as one, else the text (which the checks refuse).</summary>
    private static JsonNode? Number(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (double.IsFinite(value))
            {
                return JsonValue.Create(value);
            }
            // Past a double (1e400): as a JSON number, so the check answers with the API's range message.
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }
        return JsonValue.Create(text);
    }

    /// <summary>The field of each pointer POST /v1/sweep reports.</summary>
    private static string Field(string pointer) => pointer switch
    {
        "/bill" => "sweep-bill",
        "/parameter" => "sweep-parameter",
        "/values/from" => "sweep-from",
        "/values/to" => "sweep-to",
        "/values/steps" or "/values" => "sweep-steps",
        "/values/scale" => "sweep-scale",
        "/asOf" => "sweep-asOf",
        _ => General,
    };
}

/// <summary>The forms' estimates box: ticked, missing costs are filled from compute at the cited price, and the answer says which.</summary>
internal static class AnalysisEstimates
{
    public static AnalysisOptions Options(bool estimates) => new() { Estimates = estimates ? CloudPrices.Bundled : null };
}

/// <summary>The date an analysis is made as of: the field's date, or today.</summary>
internal static class AnalysisDate
{
    public static DateOnly? Read(string? text, DateOnly today, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return today;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, $"'{text}' is not a date (YYYY-MM-DD)");
            return null;
        }
        var before = errors.All.Count;
        foreach (var error in AsOfRange.Check(date))
        {
            errors.Add(field, error.Message);
        }
        return errors.All.Count == before ? date : null;
    }
}

/// <summary>Parameter overrides as a person types them: "covered_compute_flop=1e25, covered_cost_usd=5e7".</summary>
internal static class ParameterText
{
    public static IReadOnlyDictionary<string, double>? Read(string? text, string field, FieldErrors errors)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return values;
        }
        var ok = true;
        foreach (var pair in text.Split([',', ';', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(field, $"'{pair}' is not parameter=value");
                ok = false;
                continue;
            }
            var name = pair[..equals];
            if (!double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(field, $"{name}: must be a number");
                ok = false;
            }
            else if (!double.IsFinite(value))
            {
                errors.Add(field, $"{name}: must be a number between -1.7976931348623157e308 and 1.7976931348623157e308");
                ok = false;
            }
            else
            {
                values[name] = value;
            }
        }
        return ok ? values : null;
    }

    /// <summary>Overrides written back for a form field or a label.</summary>
    public static string Write(IReadOnlyDictionary<string, double>? values) =>
        values is null ? "" : string.Join(", ", values.Select(v => $"{v.Key}={LibraryText.Plain(v.Value)}"));
}
