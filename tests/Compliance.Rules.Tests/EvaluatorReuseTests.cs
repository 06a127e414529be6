using System.Text.Json;
using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Tests.Shared;

namespace Compliance.Rules.Tests;

/// <summary>
/// An evaluation keeps nothing after it returns or fails. Whatever ran on a thread before, even an evaluation that threw
/// half-way, a result must be exactly what a thread that never evaluated anything gives.
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

    [Fact]
    public void An_evaluation_that_fails_half_way_leaves_the_next_one_on_its_thread_exact()
    {
        var deep = LineageResolver.Resolve(ManifestJson.Read(FineTuneChain.Manifest(3)), _ => null);
        var plain = ReferenceCorpus.Bundled.Artifacts[0];
        var alone = OnFreshThread(() => Evaluate(plain, Bills, trace: true));

        var after = OnFreshThread(() =>
        {
            // The lineage is gathered before the bills are ordered; a null bill then throws with four artifacts in hand.
            Assert.ThrowsAny<Exception>(() => Evaluate(deep, [Bills[0], null!], trace: true));
            return Evaluate(plain, Bills, trace: true);
        });

        Assert.Equal(alone, after);
        Assert.DoesNotContain("chain/", after, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deadline_past_the_calendar_saturates_at_its_last_day_instead_of_failing_the_evaluation()
    {
        var manifest = ManifestJson.Read(FineTuneChain.Manifest(0));
        manifest = manifest with
        {
            Training = manifest.Training! with { StartDate = new DateOnly(9999, 12, 20) },
            Release = new Release { Weights = "open", Date = new DateOnly(9999, 12, 20) },
        };
        var artifact = LineageResolver.Resolve(manifest, _ => null);

        var result = Evaluator.Evaluate(artifact, Bills, new EvaluationOptions { AsOf = AsOf, Trace = false });

        var dueDates = result.Bills.SelectMany(b => b.Obligations).Select(o => o.DueDate).OfType<string>().ToList();
        Assert.Contains("9999-12-31", dueDates);
        Assert.All(dueDates, d => Assert.True(string.CompareOrdinal(d, "9999-12-20") >= 0, d));
    }

    [Fact]
    public void Dates_outside_1900_to_2999_are_refused_by_the_manifest_schema_naming_the_field()
    {
        var e = Assert.Throws<Compliance.Rules.Json.InvalidInputException>(() => ManifestJson.ReadText(
            """{ "schemaVersion": "1", "id": "x/m", "release": { "weights": "open", "date": "9999-12-20" } }"""));

        Assert.Contains(e.Errors, x => x.Pointer == "/release/date");
    }
}
