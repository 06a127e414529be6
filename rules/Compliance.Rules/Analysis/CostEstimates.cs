using System.Text.Json.Serialization;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Analysis;

/// <summary>A fact the manifest left out, filled by the estimate: its value and the arithmetic that gave it.</summary>
public sealed record EstimatedFact(string Artifact, string Fact, double Value, string Basis);

/// <summary>A fact the estimate could have filled and did not, and why (no date to price it by, a year no source prices).</summary>
public sealed record UnestimatedFact(string Artifact, string Fact, string Reason);

/// <summary>What an analysis with estimates filled: every fact, with the assumption it rests on and that assumption's certainty.</summary>
public sealed record EstimateReport(
    string Assumption, string Title,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Certainty>))] Certainty Certainty,
    int Count, IReadOnlyList<EstimatedFact> Estimated, IReadOnlyList<UnestimatedFact> NotEstimated, IReadOnlyList<PriceSource> Sources);

/// <summary>The portfolio with its estimated facts in place, the report, and for each artifact the facts of its own manifest that were estimated.</summary>
public sealed record EstimatedPortfolio(IReadOnlyList<ResolvedArtifact> Artifacts, EstimateReport Report, IReadOnlyList<IReadOnlyList<string>> OwnFacts);

/// <summary>
/// The <c>estimates</c> reading: a training cost (or a fine-tuning step's cost) that a manifest leaves out while giving the
/// compute is filled as compute x the cloud price of a FLOP in the training year (<see cref="CloudPrices"/>). Applied to
/// the facts before evaluation, so the evaluator reads an estimated cost exactly as a given one; never applied unless a
/// request asks, and every fact filled is reported. A cost the manifest gives is never replaced.
/// </summary>
public static class CostEstimates
{
    public const string TrainingCost = "training.costUsd";
    public const string StepCost = "lineage.costUsd";

    private static readonly IReadOnlyList<string> None = [];

    public static EstimatedPortfolio Apply(IReadOnlyList<ResolvedArtifact> portfolio, CloudPrices prices, CancellationToken cancellationToken = default)
    {
        var filling = new Filling(prices);
        var artifacts = new ResolvedArtifact[portfolio.Count];
        var own = new IReadOnlyList<string>[portfolio.Count];
        for (var i = 0; i < portfolio.Count; i++)
        {
            if (i % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            artifacts[i] = filling.Artifact(portfolio[i]);
            own[i] = filling.FactsOf(portfolio[i].Manifest);
        }
        var report = new EstimateReport(prices.Id, prices.Title, prices.Certainty, filling.Estimated.Count, filling.Estimated, filling.Skipped,
            [.. prices.Sources.Values]);
        return new EstimatedPortfolio(artifacts, report, own);
    }

    /// <summary>
    /// One pass over a portfolio. A base shared by many artifacts (a corpus model under a thousand fine-tunes) is filled
    /// and reported once: artifacts and manifests are memoised by reference.
    /// </summary>
    private sealed class Filling(CloudPrices prices)
    {
        private readonly Dictionary<ResolvedArtifact, ResolvedArtifact> _artifacts = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<Manifest, (Manifest Filled, IReadOnlyList<string> Facts)> _manifests = new(ReferenceEqualityComparer.Instance);

        public List<EstimatedFact> Estimated { get; } = [];
        public List<UnestimatedFact> Skipped { get; } = [];

        public IReadOnlyList<string> FactsOf(Manifest manifest) => _manifests.TryGetValue(manifest, out var done) ? done.Facts : None;

        // Lineages are at most LineageResolver.MaxDepth deep, so the recursion is bounded.
        public ResolvedArtifact Artifact(ResolvedArtifact artifact)
        {
            if (_artifacts.TryGetValue(artifact, out var done))
            {
                return done;
            }
            var bases = new ResolvedArtifact[artifact.Bases.Count];
            var changed = false;
            for (var i = 0; i < bases.Length; i++)
            {
                bases[i] = Artifact(artifact.Bases[i]);
                changed |= !ReferenceEquals(bases[i], artifact.Bases[i]);
            }
            var manifest = Manifest(artifact.Manifest);
            var result = changed || !ReferenceEquals(manifest, artifact.Manifest) ? new ResolvedArtifact(manifest, bases) : artifact;
            _artifacts[artifact] = result;
            return result;
        }

        private Manifest Manifest(Manifest manifest)
        {
            if (_manifests.TryGetValue(manifest, out var done))
            {
                return done.Filled;
            }
            var facts = new List<string>(2);
            var training = manifest.Training is { ComputeFlop: { } compute, CostUsd: null } t
                && Estimate(manifest, compute, "training.computeFlop", TrainingCost) is { } cost
                ? t with { CostUsd = cost } : manifest.Training;
            var lineage = manifest.Lineage is { ComputeFlop: { } step, CostUsd: null } l
                && Estimate(manifest, step, "lineage.computeFlop", StepCost) is { } stepCost
                ? l with { CostUsd = stepCost } : manifest.Lineage;
            if (!ReferenceEquals(training, manifest.Training))
            {
                facts.Add(TrainingCost);
            }
            if (!ReferenceEquals(lineage, manifest.Lineage))
            {
                facts.Add(StepCost);
            }
            var filled = facts.Count == 0 ? manifest : manifest with { Training = training, Lineage = lineage };
            _manifests[manifest] = (filled, facts.Count == 0 ? None : facts);
            return filled;
        }

        private double? Estimate(Manifest manifest, double compute, string computeFact, string fact)
        {
            if (!(compute >= 0) || double.IsInfinity(compute))
            {
                return null;
            }
            if (YearOf(manifest) is not { } dated)
            {
                Skipped.Add(new UnestimatedFact(manifest.Id, fact, "no training start, release or deployment date to price the compute by"));
                return null;
            }
            if (prices.In(dated.Year) is not { } price)
            {
                Skipped.Add(new UnestimatedFact(manifest.Id, fact, $"no cited price for {dated.Year} (the first is for {prices.Observations.Min(o => o.Year)})"));
                return null;
            }
            var value = compute * price.DollarsPerFlop;
            Estimated.Add(new EstimatedFact(manifest.Id, fact, value,
                $"{ShortNumber.Of(compute)} FLOP ({computeFact}) x ${ShortNumber.Of(price.DollarsPerFlop)} per FLOP, the price for {dated.Year} ({dated.From}): {price.Basis}"));
            return value;
        }
    }

    /// <summary>The year the compute is priced in: the training's start where the manifest gives it, else the year the model was first released or deployed.</summary>
    private static (int Year, string From)? YearOf(Manifest manifest)
    {
        if (manifest.Training?.StartDate is { } start)
        {
            return (start.Year, "training.startDate");
        }
        (DateOnly Date, string From)? first = manifest.Release?.Date is { } released ? (released, "release.date") : null;
        foreach (var deployment in manifest.Deployments ?? [])
        {
            if (deployment.Date is { } deployed && (first is null || deployed < first.Value.Date))
            {
                first = (deployed, "deployments[].date");
            }
        }
        return first is { } f ? (f.Date.Year, f.From) : null;
    }
}
