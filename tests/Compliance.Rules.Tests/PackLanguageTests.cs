using System.Text.Json.Nodes;
using Compliance.Rules.Checking;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Units, texts that name parameters, and what a variant inherits: the pack language as it loads.</summary>
public sealed class PackLanguageTests
{
    private static InputError LoadError(string body) =>
        Assert.Throws<InvalidInputException>(() => TestPacks.Load(body)).Errors[0];

    [Fact]
    public void Comparing_a_cost_with_a_compute_threshold_is_refused_at_the_pointer()
    {
        var error = LoadError("""
            parameters:
              big: { value: 1e26, unit: FLOP, citation: "§ 1" }
            definitions:
              costly: { title: Costly, citation: "§ 1", when: { fact: training.costUsd, gt: $big } }
            """);
        Assert.Equal("/definitions/costly/when/gt", error.Pointer);
        Assert.Contains("$big is in FLOP but training.costUsd is in USD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_number_is_compared_with_a_fact_of_any_unit()
    {
        var pack = TestPacks.Load("""
            definitions:
              costly: { title: Costly, citation: "§ 1", when: { fact: training.costUsd, gt: 1e8 } }
            """);
        Assert.Single(pack.Definitions);
    }

    [Fact]
    public void A_parameter_needs_a_unit_from_the_vocabulary()
    {
        Assert.Equal("/parameters/big/unit", LoadError("""
            parameters:
              big: { value: 1e26, citation: "§ 1" }
            """).Pointer);
        var schema = Assert.Throws<InvalidInputException>(() => TestPacks.Load("""
            parameters:
              big: { value: 1e26, unit: flops, citation: "§ 1" }
            """));
        Assert.Equal("/parameters/big/unit", schema.Errors[0].Pointer);
    }

    [Fact]
    public void Every_number_fact_declares_a_unit_from_the_vocabulary()
    {
        var numbers = FactCatalog.All.Values.Where(f => f.Kind == FactKind.Number).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, f => Assert.True(f.Unit is { } unit && Unit.IsUnit(unit), $"{f.Path} declares no unit of the vocabulary"));
        Assert.All(FactCatalog.All.Values.Where(f => f.Kind != FactKind.Number), f => Assert.Null(f.Unit));
    }

    [Fact]
    public void Every_bundled_parameter_has_a_unit_and_a_citation()
    {
        foreach (var pack in BillCatalog.Bundled.Packs)
        {
            Assert.All(pack.Parameters, p => Assert.True(p.Unit is not null && p.Citation.Length > 0, $"{pack.Key} ${p.Name}"));
        }
    }

    [Theory]
    [InlineData("role", typeof(Role))]
    [InlineData("unit", typeof(Unit))]
    [InlineData("certainty", typeof(Certainty))]
    public void The_closed_vocabularies_of_the_engine_are_the_schemas(string definition, Type vocabulary)
    {
        var schema = JsonNode.Parse(SchemaValidator.Text("rulepack")!)!;
        var listed = schema["definitions"]![definition]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        IEnumerable<string> engine = vocabulary == typeof(Role) ? Role.Names
            : vocabulary == typeof(Unit) ? Unit.Names
            : Enum.GetValues<Certainty>().Select(CertaintyName.Of);
        Assert.Equal(listed, engine);
    }

    [Theory]
    [InlineData(1e26, "FLOP", "10^26")]
    [InlineData(3e25, "FLOP", "3 × 10^25")]
    [InlineData(3.3333333333333333e24, "FLOP", "3.33 × 10^24")]
    [InlineData(1e20, "OP/s", "10^20")]
    [InlineData(100_000_000, "USD", "$100,000,000")]
    [InlineData(15_000_000, "EUR", "EUR 15,000,000")]
    [InlineData(0.3333333333333333, "ratio", "1/3")]
    [InlineData(0.5, "ratio", "1/2")]
    [InlineData(0.07, "ratio", "0.07")]
    [InlineData(1_000_000, "count", "1,000,000")]
    [InlineData(100, "Gbit/s", "100")]
    [InlineData(30, "days", "30")]
    public void A_value_is_written_as_a_statute_writes_it(double value, string unit, string written)
    {
        Assert.Equal(written, Unit.Format(value, unit));
    }

    private const string Base = """
        parameters:
          big:
            value: 1e26
            unit: FLOP
            citation: "§ 1"
            certainty: secondary
            description: "more than {big} operations"
            values: [{ from: 2030-01-01, value: 2e26, citation: "§ 1 as indexed" }]
        definitions:
          covered: { title: "Covered above {big}", citation: "§ 1", description: "a model trained with more than {big} operations", when: { fact: training.computeFlop, gt: $big } }
        obligations:
          - { id: report, title: Report, citation: "§ 2", description: "report a model above {big} operations", phase: training, holder: developer, when: { definition: covered } }
        """;

    [Fact]
    public void A_text_names_a_parameter_and_states_its_value()
    {
        var pack = TestPacks.Load(Base);
        Assert.Equal("a model trained with more than 10^26 operations", pack.DefinitionsByName["covered"].Description);
        Assert.Equal("Covered above 10^26", pack.DefinitionsByName["covered"].Title);
        Assert.Equal("more than 10^26 operations", pack.ParametersByName["big"].Description);
        Assert.Equal("report a model above 10^26 operations", pack.Obligations[0].Description);
    }

    [Fact]
    public void A_text_naming_no_parameter_of_the_pack_is_refused_at_its_pointer()
    {
        var error = LoadError(Base.Replace("report a model above {big}", "report a model above {huge}", StringComparison.Ordinal));
        Assert.Equal("/obligations/0/description", error.Pointer);
        Assert.Contains("{huge}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_states_the_value_it_used_an_override_or_the_dated_value_in_force()
    {
        var pack = TestPacks.Load(Base);
        const string manifest = """{ "schemaVersion": "1", "id": "t/m", "training": { "status": "planned", "computeFlop": 5e26 } }""";
        Assert.Equal("report a model above 10^26 operations", TestPacks.Evaluate(pack, manifest).Bills[0].Obligations[0].Description);
        Assert.Equal("report a model above 2 × 10^26 operations", TestPacks.Evaluate(pack, manifest, asOf: "2030-06-01").Bills[0].Obligations[0].Description);
        var overridden = Evaluation.Evaluator.Evaluate(Lineage.LineageResolver.Resolve(TestPacks.Manifest(manifest), _ => null), [pack], new Evaluation.EvaluationOptions
        {
            AsOf = new DateOnly(2026, 1, 1),
            Overrides = new Dictionary<string, IReadOnlyDictionary<string, double>> { [pack.Id] = new Dictionary<string, double> { ["big"] = 1e25 } },
        });
        Assert.Equal("report a model above 10^25 operations", overridden.Bills[0].Obligations[0].Description);
    }

    private static BillPack Variant(BillPack basePack, string body) => PackLoader.Load($$"""
        id: test-variant
        version: "1"
        extends: {{basePack.Key}}
        title: Variant
        jurisdiction: US
        status: hypothetical
        source: https://example.test/variant
        {{body}}
        """, findBase: key => key == basePack.Key ? basePack : null);

    [Fact]
    public void A_variant_inherits_effective_and_the_texts_state_its_own_threshold()
    {
        var basePack = TestPacks.Load(Base);
        var variant = Variant(basePack, "parameters: { big: { value: 1e25 } }");
        Assert.Equal(basePack.Effective, variant.Effective);
        Assert.Equal("a model trained with more than 10^25 operations", variant.DefinitionsByName["covered"].Description);
        Assert.Equal("report a model above 10^25 operations", variant.Obligations[0].Description);
    }

    [Fact]
    public void A_variants_override_keeps_the_unit_citation_and_certainty_it_does_not_replace_and_its_value_holds_at_every_date()
    {
        var big = Variant(TestPacks.Load(Base), "parameters: { big: { value: 1e25 } }").ParametersByName["big"];
        Assert.Equal((1e25, "FLOP", "§ 1", Certainty.Secondary), (big.Value, big.Unit, big.Citation, big.Certainty));
        Assert.Empty(big.Values);
        var cited = Variant(TestPacks.Load(Base), "parameters: { big: { value: 1e25, citation: \"analyst memo\", certainty: primary } }").ParametersByName["big"];
        Assert.Equal(("FLOP", "analyst memo", Certainty.Primary), (cited.Unit, cited.Citation, cited.Certainty));
    }

    [Fact]
    public void A_variant_may_still_give_effective_dates_of_its_own()
    {
        var variant = Variant(TestPacks.Load(Base), "effective: { note: never in force }");
        Assert.Equal((null, "never in force"), (variant.Effective.From, variant.Effective.Note));
    }

    [Fact]
    public void A_bill_that_is_not_a_variant_still_needs_effective()
    {
        var error = Assert.Throws<InvalidInputException>(() => PackLoader.Load(TestPacks.Header.Replace("effective: { from: 2025-01-01 }", "", StringComparison.Ordinal)));
        Assert.Contains(error.Errors, e => e.Pointer == "/effective");
    }

    [Fact]
    public void A_test_case_whose_expect_is_empty_is_refused()
    {
        var error = Assert.Throws<InvalidInputException>(() => TestPacks.Load(Base + """

            tests:
              - { name: says nothing, asOf: 2026-01-01, manifest: { schemaVersion: "1", id: t/m }, expect: {} }
            """));
        Assert.Equal("/tests/0/expect", error.Errors[0].Pointer);
    }

    /// <summary>The check CI runs: every shipped pack, errors fail the build (warnings are printed by compliance check).</summary>
    [Fact]
    public void Every_bundled_pack_passes_its_static_checks()
    {
        var errors = BillCatalog.Bundled.Packs.Select(PackChecker.Check)
            .SelectMany(r => r.Errors.Select(e => $"{r.Pack} {e.Pointer} {e.Rule}: {e.Message}")).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
