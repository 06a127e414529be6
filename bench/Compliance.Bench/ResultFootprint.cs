using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Bench;

/// <summary>
/// Issue 6 asks that evaluation allocate no more than the result it returns. BenchmarkDotNet measures what an
/// evaluation allocates; this measures what its result keeps alive, in the same process, and prints both.
/// </summary>
public static class ResultFootprint
{
    public static (long Allocated, long Retained) Measure(ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, EvaluationOptions options)
    {
        Evaluator.Evaluate(artifact, bills, options); // first call: static state and caches are not the evaluation's
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = Evaluator.Evaluate(artifact, bills, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(result);
        return (allocated, retained);
    }

    public static void Print(string label, ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, EvaluationOptions options)
    {
        var (allocated, retained) = Measure(artifact, bills, options);
        Console.WriteLine($"// {label}: evaluation allocated {allocated:N0} B; the result it returns retains {retained:N0} B ({(double)allocated / retained:F2}x)");
    }
}
