using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Tests;

public sealed class ThreeValuedLogicTests
{
    private static readonly Packs.BillPack Pack = TestPacks.Load("""
        parameters:
          big: { value: 1e26, unit: FLOP, citation: "§ 1(a)" }
          costly: { value: 1e8, unit: USD, citation: "§ 1(b)" }
        definitions:
          both:
            title: Both
            citation: "§ 1"
            when:
              all:
                - { fact: training.computeFlop, gt: $big }
                - { fact: training.costUsd, gt: $costly }
          either:
            title: Either
            citation: "§ 2"
            when:
              any:
                - { fact: training.computeFlop, gt: $big }
                - { fact: training.costUsd, gt: $costly }
          neither:
            title: Not both
            citation: "§ 3"
            when: { not: { definition: both } }
        """);

    private static Tri Value(string definition, string training) =>
        TestPacks.Evaluate(Pack, $$"""{ "schemaVersion": "1", "id": "t/m", "training": {{training}} }""").Bills[0].Definitions[definition].Value;

    [Theory]
    [InlineData("""{ "computeFlop": 2e26, "costUsd": 2e8 }""", Tri.True, Tri.True, Tri.False)]
    [InlineData("""{ "computeFlop": 2e26, "costUsd": 5e7 }""", Tri.False, Tri.True, Tri.True)]
    [InlineData("""{ "computeFlop": 2e26 }""", Tri.Unknown, Tri.True, Tri.Unknown)]
    [InlineData("""{ "computeFlop": 5e25 }""", Tri.False, Tri.Unknown, Tri.True)]
    [InlineData("""{ "costUsd": 5e7 }""", Tri.False, Tri.Unknown, Tri.True)]
    [InlineData("""{ }""", Tri.Unknown, Tri.Unknown, Tri.Unknown)]
    public void All_is_false_if_any_part_is_false_any_is_true_if_any_part_is_true_and_not_keeps_unknown(string training, Tri both, Tri either, Tri neither)
    {
        Assert.Equal(both, Value("both", training));
        Assert.Equal(either, Value("either", training));
        Assert.Equal(neither, Value("neither", training));
    }

    [Fact]
    public void An_unknown_result_names_exactly_the_facts_that_would_settle_it()
    {
        var bill = TestPacks.Evaluate(Pack, """{ "schemaVersion": "1", "id": "t/m", "training": { "computeFlop": 2e26 } }""").Bills[0];
        Assert.Equal(["training.costUsd"], bill.Definitions["both"].Needs);
        Assert.Empty(bill.Definitions["either"].Needs);
        var empty = TestPacks.Evaluate(Pack, """{ "schemaVersion": "1", "id": "t/m" }""").Bills[0];
        Assert.Equal(["training.computeFlop", "training.costUsd"], empty.Definitions["both"].Needs);
    }

    [Fact]
    public void A_settled_result_names_no_facts_even_when_some_were_unknown()
    {
        var bill = TestPacks.Evaluate(Pack, """{ "schemaVersion": "1", "id": "t/m", "training": { "computeFlop": 1e20 } }""").Bills[0];
        Assert.Equal(Tri.False, bill.Definitions["both"].Value);
        Assert.Empty(bill.Definitions["both"].Needs);
    }

    [Fact]
    public void Greater_than_and_greater_or_equal_differ_exactly_at_the_threshold()
    {
        var pack = TestPacks.Load("""
            definitions:
              over: { title: Over, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
              at_least: { title: At least, citation: "§ 2", when: { fact: training.computeFlop, gte: 1e26 } }
            """);
        var at = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "t/m", "training": { "computeFlop": 1e26 } }""").Bills[0];
        Assert.Equal(Tri.False, at.Definitions["over"].Value);
        Assert.Equal(Tri.True, at.Definitions["at_least"].Value);
        var written = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "t/m", "training": { "computeFlop": 100000000000000000000000000 } }""").Bills[0];
        Assert.Equal(Tri.False, written.Definitions["over"].Value);
        Assert.Equal(Tri.True, written.Definitions["at_least"].Value);
    }

    [Fact]
    public void A_comparison_on_something_that_does_not_exist_is_false_not_unknown()
    {
        var pack = TestPacks.Load("""
            definitions:
              big_tune: { title: Big tune, citation: "§ 1", when: { fact: lineage.computeFlop, gte: 3e25 } }
            """);
        var baseModel = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "t/base" }""").Bills[0].Definitions["big_tune"];
        Assert.Equal(Tri.False, baseModel.Value);
        Assert.Contains("no lineage", baseModel.Trace!.Note, StringComparison.Ordinal);
        var tune = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "t/tune", "lineage": { "base": { "schemaVersion": "1", "id": "t/base" } } }""").Bills[0].Definitions["big_tune"];
        Assert.Equal(Tri.Unknown, tune.Value);
    }
}
