using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Named readings of unsettled text: declared by a pack, chosen per request, recorded in every result.</summary>
public sealed class ReadingTests
{
    private const string Body = """
        readings:
          counting:
            question: Does the base's compute count?
            citation: "§ 9"
            why: the text says "the person has used"
            default: own
            options:
              own: only the person's own compute
              lineage: the whole lineage's compute
        parameters:
          line: { value: 1e26, unit: FLOP, citation: "§ 1" }
        definitions:
          big:
            title: Big
            citation: "§ 1"
            when:
              any:
                - all: [ { reading: counting, is: own }, { fact: training.computeFlop, gt: $line } ]
                - all: [ { reading: counting, is: lineage }, { fact: training.cumulativeComputeFlop, gt: $line } ]
        """;

    private const string Tuned = """
        { "schemaVersion": "1", "id": "b/tuned", "training": { "computeFlop": 1e22 }, "lineage": { "base": "a/base", "relation": "finetune", "computeFlop": 1e22 } }
        """;

    private static EvaluationResult Evaluate(BillPack pack, IReadOnlyDictionary<string, string>? chosen)
    {
        var registry = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "a/base", "training": { "computeFlop": 2e26 } }""");
        var artifact = LineageResolver.Resolve(TestPacks.Manifest(Tuned), id => id == "a/base" ? registry : null);
        return Evaluator.Evaluate(artifact, [pack], new EvaluationOptions
        {
            AsOf = new DateOnly(2026, 1, 1),
            Readings = chosen is null ? null : new Dictionary<string, IReadOnlyDictionary<string, string>> { [pack.Id] = chosen },
        });
    }

    [Fact]
    public void Without_a_choice_the_default_reading_applies_and_the_result_records_it()
    {
        var bill = Evaluate(TestPacks.Load(Body), null).Bills[0];

        Assert.Equal(Tri.False, bill.Definitions["big"].Value);
        Assert.Equal(new AppliedReading("own", Default: true), bill.Readings!["counting"]);
    }

    [Fact]
    public void A_request_that_chooses_the_other_reading_gets_its_answer_and_the_result_says_it_chose()
    {
        var bill = Evaluate(TestPacks.Load(Body), new Dictionary<string, string> { ["counting"] = "lineage" }).Bills[0];

        Assert.Equal(Tri.True, bill.Definitions["big"].Value);
        Assert.Equal(new AppliedReading("lineage", Default: false), bill.Readings!["counting"]);
        Assert.Contains("the whole lineage's compute", bill.Definitions["big"].Because, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pack_without_readings_records_none()
    {
        var pack = TestPacks.Load("""
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
            """);
        Assert.Null(Evaluate(pack, null).Bills[0].Readings);
    }

    [Theory]
    [InlineData("{ reading: missing, is: own }", "/definitions/odd/when/reading", "no reading named 'missing'")]
    [InlineData("{ reading: counting, is: sometimes }", "/definitions/odd/when/is", "'sometimes' is not an option of the reading 'counting': own, lineage")]
    [InlineData("{ reading: counting }", "/definitions/odd/when", "names the option")]
    [InlineData("{ reading: counting, is: own, fact: training.computeFlop }", "/definitions/odd/when", "exactly one of")]
    public void A_condition_on_a_reading_the_pack_does_not_declare_is_an_error_at_its_pointer(string condition, string pointer, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => TestPacks.Load(Body + $"\n  odd: {{ title: Odd, citation: \"§ 2\", when: {condition} }}\n")).Errors[0];
        Assert.Equal(pointer, error.Pointer);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_that_is_not_one_of_the_options_is_an_error()
    {
        var error = Assert.Throws<InvalidInputException>(() => TestPacks.Load(Body.Replace("default: own", "default: both", StringComparison.Ordinal))).Errors[0];
        Assert.Equal("/readings/counting/default", error.Pointer);
    }

    [Fact]
    public void Choices_are_checked_against_the_bills_evaluated_naming_what_exists()
    {
        var pack = TestPacks.Load(Body);
        var choices = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["test-bill"] = new Dictionary<string, string> { ["counting"] = "neither", ["other"] = "x" },
            ["elsewhere"] = new Dictionary<string, string> { ["counting"] = "own" },
        };

        var errors = ReadingChoices.Check(choices, [pack], "/readings").ToList();

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Pointer == "/readings/test-bill/counting" && e.Message.Contains("own, lineage", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Pointer == "/readings/test-bill/other" && e.Message.Contains("it has counting", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Pointer == "/readings/elsewhere" && e.Message.Contains("not among the bills evaluated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_variant_may_restate_one_reading_with_another_default_and_keeps_the_rest()
    {
        var basePack = TestPacks.Load(Body.Replace("readings:\n", "readings:\n  spare:\n    question: Spare?\n    citation: \"§ 3\"\n    default: keep\n    options: { keep: keep it, drop: drop it }\n", StringComparison.Ordinal));
        var variant = PackLoader.Load("""
            id: test-variant
            version: "1"
            extends: test-bill@1
            title: The test bill read the other way
            jurisdiction: US
            status: hypothetical
            source: https://example.test
            effective: {}
            readings:
              counting:
                question: Does the base's compute count?
                citation: "§ 9"
                default: lineage
                options: { own: only the person's own compute, lineage: the whole lineage's compute }
            """, findBase: key => key == basePack.Key ? basePack : null);

        Assert.Equal(["counting", "spare"], variant.Readings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("lineage", variant.Readings["counting"].Default);
        Assert.Equal(Tri.True, Evaluate(variant, null).Bills[0].Definitions["big"].Value);
    }
}
