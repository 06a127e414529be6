using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Analysis;

/// <summary>One published pair: a model's estimated cloud cost of its final training run, and its training compute.</summary>
public sealed record PriceObservation(string Model, int Year, double CostUsd, double ComputeFlop)
{
    public double DollarsPerFlop => CostUsd / ComputeFlop;
}

/// <summary>A source, with the few words a basis names it by.</summary>
public sealed record PriceSource(string Short, string Title, string Uri, string? Note);

/// <summary>The fraction by which the price falls each year after the last observed one, and who says so.</summary>
public sealed record YearlyFall(double Fraction, string Source);

/// <summary>The price of a FLOP in one year, and how it was arrived at, in words.</summary>
public sealed record YearPrice(int Year, double DollarsPerFlop, string Basis);

/// <summary>
/// The cited assumption the <c>estimates</c> option reads (rules/assumptions/cloud-price-per-flop.yaml): what one FLOP
/// of training compute cost at cloud rental prices, by year. The file holds only published figures; the price of a year
/// is computed here, as the median of that year's observed cost / compute, so the arithmetic is the same code everyone
/// runs. Data passed into an analysis, never read by the evaluator.
/// </summary>
public sealed record CloudPrices
{
    private const string Resource = "assumptions/cloud-price-per-flop.yaml";

    public required string Id { get; init; }
    public required string Title { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<Certainty>))]
    public required Certainty Certainty { get; init; }

    public required IReadOnlyDictionary<string, PriceSource> Sources { get; init; }
    public required IReadOnlyList<PriceObservation> Observations { get; init; }
    public required YearlyFall YearlyFall { get; init; }

    private static readonly Lazy<CloudPrices> BundledPrices = new(Load);

    public static CloudPrices Bundled => BundledPrices.Value;

    /// <summary>The price of a FLOP in <paramref name="year"/>; null before the first observed year (no source prices it).</summary>
    public YearPrice? In(int year)
    {
        var first = Observations.Min(o => o.Year);
        var last = Observations.Max(o => o.Year);
        if (year < first)
        {
            return null;
        }
        var observedYear = Math.Min(year, last);
        var observed = Observations.Where(o => o.Year == observedYear).ToList();
        if (observed.Count == 0)
        {
            return null;
        }
        var median = Median(observed.Select(o => o.DollarsPerFlop));
        var models = string.Join(", ", observed.Select(o => o.Model));
        var basis = $"{(observed.Count == 1 ? "" : "median ")}{observedYear} cost / compute of {models} ({Sources[AiIndex].Short} over {Sources[EpochCompute].Short})";
        if (year == observedYear)
        {
            return new YearPrice(year, median, basis);
        }
        var years = year - last;
        var price = median * Math.Pow(1 - YearlyFall.Fraction, years);
        var fall = YearlyFall.Fraction.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal);
        return new YearPrice(year, price, $"{basis}, less {fall} a year for {years} year{(years == 1 ? "" : "s")} ({Sources[YearlyFall.Source].Short})");
    }

    private const string AiIndex = "ai-index-2024";
    private const string EpochCompute = "epoch-compute";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };

    private static CloudPrices Load()
    {
        var assembly = typeof(CloudPrices).Assembly;
        using var stream = assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the bundled assumption {Resource} is missing");
        using var reader = new StreamReader(stream);
        var prices = YamlToJson.Convert(reader.ReadToEnd()).Deserialize<CloudPrices>(Options)
            ?? throw new InvalidOperationException($"the bundled assumption {Resource} is empty");
        return prices.Check();
    }

    /// <summary>A bundled file that names a source it does not list, or prices nothing, is a build defect.</summary>
    internal CloudPrices Check()
    {
        if (Observations.Count == 0 || Observations.Any(o => !(o.CostUsd > 0) || !(o.ComputeFlop > 0)))
        {
            throw new InvalidOperationException($"{Id}: every observation needs a positive cost and compute");
        }
        if (!Sources.ContainsKey(AiIndex) || !Sources.ContainsKey(EpochCompute) || !Sources.ContainsKey(YearlyFall.Source) || YearlyFall.Fraction is < 0 or >= 1)
        {
            throw new InvalidOperationException($"{Id}: the sources must list {AiIndex}, {EpochCompute} and {YearlyFall.Source}, and the yearly fall be a fraction");
        }
        return this;
    }
}
