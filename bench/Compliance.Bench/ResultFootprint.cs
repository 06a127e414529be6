using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Bench;

/// <summary>
/// Issue 6 asks that evaluation allocate no more than the result it returns. BenchmarkDotNet measures what an
/// evaluation allocates; this measures what its result keeps alive, in the same process, and prints both.
/// One result is smaller than the allocator's per-thread buffer, so the heap is read around a thousand of them
/// held at once: a single result's size would be lost in that buffer's slack.
/// </summary>
public static class ResultFootprint
{
    private const int Results = 1_000;

    public static (long Allocated, long Retained) Measure(ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, EvaluationOptions options)
    {
        Evaluator.Evaluate(artifact, bills, options); // first call: static state and caches are not the evaluation's
        var held = new EvaluationResult[Results];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < held.Length; i++)
        {
            held[i] = Evaluator.Evaluate(artifact, bills, options);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(held);
        return (allocated / Results, retained / Results);
    }

    public static void Print(string label, ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, EvaluationOptions options)
    {
        var (allocated, retained) = Measure(artifact, bills, options);
        Console.WriteLine($"// {label}: evaluation allocated {allocated:N0} B; the result it returns retains {retained:N0} B ({(double)allocated / retained:F2}x)");
    }
}
