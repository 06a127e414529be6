using System.Text.Json;
using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>
/// The evaluator reuses its scratch (memo table, lists) per thread. Whatever ran on a thread before, a result must be
/// exactly what a thread that never evaluated anything gives.
/// </summary>
public sealed class EvaluatorReuseTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private static readonly IReadOnlyList<BillPack> Bills = BillCatalog.Bundled.Packs;

    private static string Json(EvaluationResult result) => JsonSerializer.Serialize(result);

    private static string OnFreshThread(Func<string> evaluate)
    {
        string? json = null;
        var thread = new Thread(() => json = evaluate());
        thread.Start();
        thread.Join();
        return json!;
    }

    private static string Evaluate(ResolvedArtifact artifact, IReadOnlyList<BillPack> bills, bool trace) =>
        Json(Evaluator.Evaluate(artifact, bills, new EvaluationOptions { AsOf = AsOf, Trace = trace }));

    [Fact]
    public void Every_real_model_evaluates_the_same_after_others_on_the_same_thread_as_on_a_fresh_one()
    {
        var artifacts = ReferenceCorpus.Bundled.Artifacts;
        var fresh = artifacts.Select(a => OnFreshThread(() => Evaluate(a, Bills, trace: true))).ToList();

        // One thread, every model in turn, a bill at a time and all at once, traced and not, backwards and forwards.
        var reused = OnFreshThread(() =>
        {
            foreach (var artifact in artifacts.Reverse())
            {
                foreach (var bill in Bills)
                {
                    Evaluate(artifact, [bill], trace: false);
                }
            }
            return string.Join("\n", artifacts.Select(a => Evaluate(a, Bills, trace: true)));
        });

        Assert.Equal(string.Join("\n", fresh), reused);
    }

    [Fact]
    public void Evaluations_running_in_parallel_give_what_each_gives_alone()
    {
        var artifacts = ReferenceCorpus.Bundled.Artifacts;
        var alone = artifacts.Select(a => OnFreshThread(() => Evaluate(a, Bills, trace: false))).ToList();

        var together = new string[artifacts.Count * 4];
        Parallel.For(0, together.Length, i => together[i] = Evaluate(artifacts[i % artifacts.Count], Bills, trace: false));

        for (var i = 0; i < together.Length; i++)
        {
            Assert.Equal(alone[i % artifacts.Count], together[i]);
        }
    }
}
