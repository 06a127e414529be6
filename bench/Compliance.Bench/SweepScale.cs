using System.Diagnostics;
using System.Globalization;
using Compliance.Rules.Analysis;
using Compliance.Rules.Packs;

namespace Compliance.Bench;

/// <summary>
/// The sweep at scale, outside BenchmarkDotNet, for what it cannot measure: the peak memory of the whole process. One
/// portfolio size per process (bench/sweep-scale.sh runs 100,000 and 1,000,000 in turn): the portfolio is generated,
/// one untimed sweep warms the JIT, then <c>runs</c> timed sweeps of SB 1047's covered_compute_flop over 20 log-spaced
/// values; the process's peak resident set (VmHWM) is read at the end.
/// </summary>
internal static class SweepScale
{
    public static int Run(int artifacts, int runs, bool estimates)
    {
        var clock = Stopwatch.StartNew();
        var portfolio = SweepBenchmarks.GeneratedPortfolio(artifacts);
        var generated = clock.Elapsed;
        var sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047")!;
        var values = Sweep.Range(1e23, 1e27, 20, log: true);
        var options = new AnalysisOptions { Estimates = estimates ? CloudPrices.Bundled : null };
        var asOf = new DateOnly(2026, 7, 1);
        Sweep.Run(portfolio, sb1047, "covered_compute_flop", values, asOf, options);
        var times = new List<double>();
        long allocated = 0;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            clock.Restart();
            var result = Sweep.Run(portfolio, sb1047, "covered_compute_flop", values, asOf, options);
            times.Add(clock.Elapsed.TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            GC.KeepAlive(result);
        }
        var peak = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var perEvaluation = (double)allocated / artifacts / values.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {artifacts:N0} | {(estimates ? "yes" : "no")} | {generated.TotalSeconds:0.0} s | {string.Join(" / ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture)))} s | {times.Order().ElementAt(times.Count / 2):0.00} s | {allocated / 1e6:N0} MB ({perEvaluation:N0} B per artifact and value) | {peak.Split(':')[1].Trim()} |"));
        return 0;
    }
}
