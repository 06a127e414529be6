using System.Diagnostics.Metrics;

namespace Compliance.Api.Analysis;

/// <summary>
/// Work done by sweeps and comparisons, as it happens: what an operator watches to see that a cancelled or timed-out
/// request stopped, rather than finished unseen.
/// </summary>
public sealed class AnalysisMeter
{
    public const string Name = "Compliance.Analysis";

    private readonly Counter<long> _sweepValues;
    private readonly Counter<long> _comparedArtifacts;

    public AnalysisMeter(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _sweepValues = meter.CreateCounter<long>("compliance.analysis.sweep_values", description: "Values a sweep has evaluated over its whole portfolio");
        _comparedArtifacts = meter.CreateCounter<long>("compliance.analysis.compared_artifacts", description: "Artifacts a comparison has evaluated under both bills");
    }

    /// <summary>Counts each value as the engine reports it done (the engine reports a running total).</summary>
    public IProgress<int> Sweep() => new Increments(_sweepValues);

    public IProgress<int> Compare() => new Increments(_comparedArtifacts);

    /// <summary>The engine reports on its own thread, and the count must be current when it is read: no synchronisation context.</summary>
    private sealed class Increments(Counter<long> counter) : IProgress<int>
    {
        private int _last;

        public void Report(int value)
        {
            counter.Add(value - _last);
            _last = value;
        }
    }
}
