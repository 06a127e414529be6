using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Bench;

/// <summary>
/// The analyst's sweep: 20 values of covered_compute_flop over 100,000 manifests generated from the reference corpus:
/// each corpus model repeated with its known compute and cost scaled by a random factor between 0.1x and 10x
/// (deterministic seed); unknown facts stay unknown and derivatives keep their corpus bases. Target: under 5 s on 2 cores.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SweepBenchmarks
{
    private IReadOnlyList<ResolvedArtifact> _portfolio = null!;
    private BillPack _sb1047 = null!;
    private IReadOnlyList<double> _values = null!;

    [GlobalSetup]
    public void Setup()
    {
        _portfolio = GeneratedPortfolio(100_000);
        _sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047")!;
        _values = Sweep.Range(1e23, 1e27, 20, log: true);
    }

    /// <summary>
    /// <paramref name="count"/> manifests from the reference corpus, repeated: each known compute and cost scaled by a random
    /// factor between 0.1x and 10x (fixed seed), unknown facts left unknown, derivatives on their corpus bases.
    /// </summary>
    public static IReadOnlyList<ResolvedArtifact> GeneratedPortfolio(int count)
    {
        var corpus = ReferenceCorpus.Bundled.Entries.Select(e => e.Manifest).ToList();
        var byId = corpus.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var random = new Random(20261123);
        double? Perturb(double? value) => value * Math.Pow(10, random.NextDouble() * 2 - 1);
        return Enumerable.Range(0, count).Select(i =>
        {
            var model = corpus[i % corpus.Count];
            var variant = model with
            {
                Id = $"{model.Id}~{i}",
                Training = model.Training is { } t ? t with { ComputeFlop = Perturb(t.ComputeFlop), CostUsd = Perturb(t.CostUsd) } : null,
                Lineage = model.Lineage is { } l ? l with { ComputeFlop = Perturb(l.ComputeFlop), CostUsd = Perturb(l.CostUsd) } : null,
            };
            return LineageResolver.Resolve(variant, byId.GetValueOrDefault);
        }).ToList();
    }

    /// <summary>The floor: the same 20 x 100,000 threshold comparisons on the compute column alone, no rules.</summary>
    [Benchmark(Baseline = true, Description = "baseline: compare each manifest's compute with 20 values")]
    public int ComputeColumnOnly()
    {
        var above = 0;
        foreach (var value in _values)
        {
            foreach (var artifact in _portfolio)
            {
                above += (artifact.Manifest.Training?.ComputeFlop ?? artifact.Manifest.Lineage?.ComputeFlop) > value ? 1 : 0;
            }
        }
        return above;
    }

    [Benchmark(Description = "sweep: 20 values x 100,000 manifests, SB 1047 covered_compute_flop")]
    public SweepResult Sweep20x100k() => Sweep.Run(_portfolio, _sb1047, "covered_compute_flop", _values, new DateOnly(2026, 7, 1));
}
