using System.Globalization;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Analysis;

/// <summary>
/// One parameter of one bill over a range of values: at each value, how many artifacts each definition covers, and
/// which artifacts changed classification since the previous value. Only definitions are evaluated, in parallel.
/// </summary>
public static class Sweep
{
    public const int MaxSteps = 200;

    /// <param name="options">Estimates to fill missing costs with, and whether to keep every artifact's answer for a CSV.</param>
    /// <param name="progress">Told how many values are done, after each one.</param>
    /// <param name="cancellationToken">
    /// Stops the sweep between artifacts (an <see cref="OperationCanceledException"/>): a caller that left, or ran out of
    /// time, should not keep two cores busy for the rest of a portfolio.
    /// </param>
    public static SweepResult Run(IReadOnlyList<ResolvedArtifact> portfolio, BillPack pack, string parameter, IReadOnlyList<double> values, DateOnly asOf,
        AnalysisOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Run(portfolio, new BillVariant(pack), parameter, values, asOf, options, progress, cancellationToken);

    /// <param name="bill">The bill, with the overrides of its other parameters, held over every value swept.</param>
    public static SweepResult Run(IReadOnlyList<ResolvedArtifact> portfolio, BillVariant bill, string parameter, IReadOnlyList<double> values, DateOnly asOf,
        AnalysisOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= AnalysisOptions.Default;
        var pack = bill.Pack;
        if (!pack.ParametersByName.TryGetValue(parameter, out var swept))
        {
            throw new InvalidInputException("Unknown parameter", "/parameter", pack.NoSuchParameter(parameter));
        }
        if (bill.Overrides?.ContainsKey(parameter) == true)
        {
            throw new InvalidInputException("Overridden parameter", "/parameter", $"'{parameter}' is the parameter swept; it cannot also be overridden");
        }
        var estimated = options.Estimates is { } prices ? CostEstimates.Apply(portfolio, prices, cancellationToken) : null;
        portfolio = estimated?.Artifacts ?? portfolio;
        var names = pack.Definitions.Select(d => d.Name).ToArray();
        Tri[]? previous = null;
        var grids = options.KeepRows ? new List<Tri[]>(values.Count) : null;
        var points = new List<SweepPoint>(values.Count);
        // Parallel.For checks the token between iterations and throws it unwrapped; a throw inside the body would
        // arrive wrapped in an AggregateException.
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var overrides = new Dictionary<string, double>(bill.Overrides ?? new Dictionary<string, double>()) { [parameter] = value };
            var grid = new Tri[portfolio.Count * names.Length];
            Parallel.For(0, portfolio.Count, parallel, i =>
            {
                var conditions = ConditionEvaluator.For(portfolio[i], pack, trace: false, asOf, overrides);
                for (var d = 0; d < names.Length; d++)
                {
                    grid[i * names.Length + d] = conditions.Definition(portfolio[i], names[d]).Value;
                }
            });
            var counts = new Dictionary<string, TriCounts>(StringComparer.Ordinal);
            for (var d = 0; d < names.Length; d++)
            {
                int t = 0, f = 0, u = 0;
                for (var i = 0; i < portfolio.Count; i++)
                {
                    switch (grid[i * names.Length + d])
                    {
                        case Tri.True: t++; break;
                        case Tri.False: f++; break;
                        default: u++; break;
                    }
                }
                counts[names[d]] = new TriCounts(t, f, u);
            }
            var (flipped, models) = previous is null ? ([], []) : Flips(portfolio, names, previous, grid);
            points.Add(new SweepPoint(value, counts, flipped, models));
            previous = grid;
            grids?.Add(grid);
            progress?.Report(points.Count);
        }
        return new SweepResult(bill.Label, parameter, swept.At(asOf).Value, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), portfolio.Count, points)
        {
            BillTitle = pack.Title,
            Definitions = [.. pack.Definitions.Select(d => new SweptDefinition(d.Name, d.Title))],
            ParameterDescription = AxisWords(pack, swept, asOf),
            Unit = swept.Unit,
            Estimates = estimated?.Report,
            Grid = grids is null ? null : new SweepGrid([.. portfolio.Select(a => a.Id)], [.. portfolio.Select(a => a.Manifest.Name ?? a.Id)],
                estimated?.OwnFacts ?? [.. portfolio.Select(_ => (IReadOnlyList<string>)[])], grids),
        };
    }

    /// <summary>
    /// What the swept parameter is, for the axis: its description with its own value written as x, the axis's
    /// variable ("training compute greater than x operations"), and any other parameter it names at its value.
    /// </summary>
    private static string? AxisWords(BillPack pack, Parameter swept, DateOnly asOf) =>
        swept.DescriptionText is { } text
            ? text.Render(name => name == swept.Name ? "x"
                : pack.ParametersByName.TryGetValue(name, out var other) ? Unit.Format(other.At(asOf).Value, other.Unit) : null)
            : swept.Description;

    /// <summary>Each (artifact, definition) whose value differs from the previous value's, and the models that flip, by name, each once.</summary>
    private static (List<Flip> Flips, List<string> Models) Flips(IReadOnlyList<ResolvedArtifact> portfolio, string[] names, Tri[] previous, Tri[] grid)
    {
        var flips = new List<Flip>();
        var models = new List<string>();
        for (var i = 0; i < portfolio.Count; i++)
        {
            var flipsBefore = flips.Count;
            for (var d = 0; d < names.Length; d++)
            {
                var at = i * names.Length + d;
                if (grid[at] != previous[at])
                {
                    flips.Add(new Flip(portfolio[i].Id, portfolio[i].Manifest.Name ?? portfolio[i].Id, names[d], previous[at], grid[at]));
                }
            }
            if (flips.Count > flipsBefore)
            {
                models.Add(flips[^1].Name);
            }
        }
        return (flips, models);
    }

    /// <summary>Values from <paramref name="from"/> to <paramref name="to"/> in <paramref name="steps"/> points, evenly or on a log scale.</summary>
    public static IReadOnlyList<double> Range(double from, double to, int steps, bool log)
    {
        if (steps < 2 || steps > MaxSteps)
        {
            throw new InvalidInputException("Too many or too few steps", "/values/steps", $"steps must be between 2 and {MaxSteps} (limit)", steps > MaxSteps ? InputProblem.TooLarge : InputProblem.Invalid);
        }
        if (!double.IsFinite(from) || !double.IsFinite(to))
        {
            throw new InvalidInputException("Bad range", double.IsFinite(from) ? "/values/to" : "/values/from", "must be a finite number");
        }
        if (log && (from <= 0 || to <= 0))
        {
            throw new InvalidInputException("Bad range", from <= 0 ? "/values/from" : "/values/to", "a log scale needs positive bounds");
        }
        return Enumerable.Range(0, steps).Select(i =>
        {
            var t = (double)i / (steps - 1);
            // Weighted as from·(1-t) + to·t, not from + t·(to-from): the difference of ±1.7e308 overflows to infinity,
            // each weighted bound cannot.
            var value = log ? Math.Pow(10, Math.Log10(from) * (1 - t) + Math.Log10(to) * t) : from * (1 - t) + to * t;
            // 10^26 computed as a power lands a hair off 1e26; at a "greater than" threshold that hair decides.
            // (double.MaxValue rounds down at 12 digits, so no finite value rounds to infinity.)
            return double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }).ToList();
    }
}
