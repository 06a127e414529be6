using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class AnalysisBoundsTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;

    // The corpus repeated: enough artifacts that a sweep or a comparison has work left when its token is cancelled.
    private static IReadOnlyList<ResolvedArtifact> Portfolio(int copies) =>
        [.. Enumerable.Repeat(ReferenceCorpus.Bundled.Artifacts, copies).SelectMany(a => a)];

    [Fact]
    public void A_sweep_whose_token_is_cancelled_after_its_first_value_evaluates_no_further_value()
    {
        using var cancel = new CancellationTokenSource();
        var done = new List<int>();
        var progress = new SynchronousProgress(n =>
        {
            done.Add(n);
            cancel.Cancel();
        });

        var stopped = Assert.ThrowsAny<OperationCanceledException>(() =>
            Sweep.Run(Portfolio(20), Sb1047, "covered_compute_flop", Sweep.Range(1e23, 1e27, 200, log: true), AsOf, progress: progress, cancellationToken: cancel.Token));

        Assert.Equal(cancel.Token, stopped.CancellationToken);
        Assert.Equal([1], done);
    }

    [Fact]
    public void A_comparison_whose_token_is_cancelled_stops_within_one_check_interval()
    {
        using var cancel = new CancellationTokenSource();
        var last = 0;
        var progress = new SynchronousProgress(n =>
        {
            last = n;
            if (n == 100)
            {
                cancel.Cancel();
            }
        });
        var portfolio = Portfolio(20);

        Assert.ThrowsAny<OperationCanceledException>(() =>
            Comparison.Compare(portfolio, new BillVariant(Sb1047), new BillVariant(Sb1047), AsOf, progress: progress, cancellationToken: cancel.Token));

        // Checked every 64 artifacts: cancelled after reporting 100, noticed before 128, out of 1,040.
        Assert.InRange(last, 100, 128);
        Assert.True(portfolio.Count > 1000);
    }

    [Fact]
    public void A_linear_range_over_the_whole_double_range_stays_finite_and_keeps_its_bounds()
    {
        var values = Sweep.Range(-1.7e308, 1.7e308, 5, log: false);

        Assert.Equal([-1.7e308, -8.5e307, 0, 8.5e307, 1.7e308], values);
    }

    [Fact]
    public void A_range_up_to_the_largest_double_rounds_it_to_twelve_digits_not_to_infinity()
    {
        var values = Sweep.Range(0, double.MaxValue, 3, log: false);

        Assert.Equal([0, 8.98846567431e307, 1.79769313486e308], values);
    }

    [Fact]
    public void A_log_range_from_a_negative_bound_names_that_bound()
    {
        var negativeFrom = Assert.Throws<InvalidInputException>(() => Sweep.Range(-1e23, 1e27, 5, log: true));
        var negativeTo = Assert.Throws<InvalidInputException>(() => Sweep.Range(1e23, -1e27, 5, log: true));

        Assert.Equal("/values/from", negativeFrom.Errors.Single().Pointer);
        Assert.Equal("/values/to", negativeTo.Errors.Single().Pointer);
        Assert.Equal("a log scale needs positive bounds", negativeTo.Errors.Single().Message);
    }

    [Fact]
    public void A_range_with_an_infinite_bound_names_that_bound()
    {
        var error = Assert.Throws<InvalidInputException>(() => Sweep.Range(1, double.PositiveInfinity, 5, log: false));

        Assert.Equal(new InputError("/values/to", "must be a finite number"), error.Errors.Single());
    }

    /// <summary>Reports on the calling thread, at once: <see cref="Progress{T}"/> posts to the thread pool, too late for a test.</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
