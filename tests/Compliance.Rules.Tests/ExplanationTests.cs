using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>The words a lawyer reads: values with their units, only the deciding steps, definitions named once.</summary>
public sealed class ExplanationTests
{
    [Theory]
    [InlineData(2e26, "FLOP", "2.0e26 FLOP")]
    [InlineData(7.9e24, "FLOP", "7.9e24 FLOP")]
    [InlineData(3.14159e25, "FLOP", "3.14e25 FLOP")]
    [InlineData(1.5e8, "USD", "$150M")]
    [InlineData(5e8, "USD", "$500M")]
    [InlineData(1e9, "USD", "$1B")]
    [InlineData(123456789.0, "USD", "$123,456,789")]
    [InlineData(0.33, null, "0.33")]
    public void Values_are_written_as_a_reader_expects_them(double value, string? unit, string expected) =>
        Assert.Equal(expected, Explanation.Format(value, unit));

    [Theory]
    [InlineData("training.computeFlop", "training compute")]
    [InlineData("developer.annualRevenueUsd", "developer annual revenue")]
    [InlineData("deployment.interactsWithNaturalPersons", "deployment interacts with natural persons")]
    public void Fact_paths_are_told_in_words(string path, string expected) => Assert.Equal(expected, Explanation.Label(path));

    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047")!;

    private static EvaluationResult Evaluate(string training, bool trace = false) =>
        Evaluator.Evaluate(
            LineageResolver.Resolve(ManifestJson.ReadText($$"""{ "schemaVersion": "1", "id": "t/m", "developer": { "headquarters": "US-CA" }, "training": {{training}} }"""), _ => null),
            [Sb1047], new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1), Trace = trace });

    [Fact]
    public void A_definition_that_fails_names_the_first_step_that_failed_not_every_step()
    {
        var covered = Evaluate("""{ "computeFlop": 5e25, "costUsd": 2e8 }""").Bills[0].Definitions["covered_model"];

        Assert.Equal(Tri.False, covered.Value);
        Assert.Contains("training compute of 5.0e25 FLOP is not greater than 1.0e26 FLOP", covered.Because, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("training cost", covered.Because, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_unknown_definition_names_what_is_not_given()
    {
        var covered = Evaluate("""{ "computeFlop": 2e26 }""").Bills[0].Definitions["covered_model"];

        Assert.Equal(Tri.Unknown, covered.Value);
        Assert.Contains("training cost is not given", covered.Because, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Words_do_not_depend_on_whether_the_trees_are_kept()
    {
        var compact = Evaluate("""{ "computeFlop": 2e26, "costUsd": 2e8 }""");
        var traced = Evaluate("""{ "computeFlop": 2e26, "costUsd": 2e8 }""", trace: true);

        Assert.Equal(
            traced.Bills[0].Obligations.Select(o => o.Because),
            compact.Bills[0].Obligations.Select(o => o.Because));
        Assert.All(compact.Bills[0].Obligations, o => Assert.Null(o.Trace));
        Assert.All(compact.Bills[0].Definitions.Values, d => Assert.Null(d.Trace));
    }

    [Fact]
    public void Without_explanation_no_words_are_built()
    {
        var result = Evaluator.Evaluate(
            LineageResolver.Resolve(ManifestJson.ReadText("""{ "schemaVersion": "1", "id": "t/m", "training": { "computeFlop": 2e26, "costUsd": 2e8 } }"""), _ => null),
            [Sb1047], new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1), Trace = false, Explain = false });

        Assert.All(result.Bills[0].Definitions.Values, d => Assert.Null(d.Because));
        Assert.All(result.Bills[0].Obligations, o => Assert.Equal("", o.Because));
    }
}
