using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Tests;

public sealed class TraceTests
{
    private static readonly Packs.BillPack Pack = TestPacks.Load("""
        parameters:
          big: { value: 1e26, unit: FLOP, citation: "§ 1(a)" }
        definitions:
          large:
            title: Large
            citation: "§ 1"
            when:
              all:
                - { fact: training.computeFlop, gt: $big }
                - { fact: outputModalities, contains: text }
        obligations:
          - id: report
            title: Report
            citation: "§ 2"
            phase: training
            holder: developer
            when: { definition: large }
        """);

    private const string Manifest = """{ "schemaVersion": "1", "id": "t/m", "training": { "status": "planned", "computeFlop": 2e26 }, "outputModalities": ["text"] }""";

    [Fact]
    public void Each_comparison_records_the_fact_its_value_the_threshold_its_parameter_citation_and_outcome()
    {
        var trace = TestPacks.Evaluate(Pack, Manifest).Bills[0].Definitions["large"].Trace!;

        Assert.Equal("all", trace.Kind);
        Assert.Equal(Tri.True, trace.Outcome);
        var compute = trace.Children![0];
        Assert.Equal("training.computeFlop", compute.Fact);
        Assert.Equal("gt", compute.Operator);
        Assert.Equal(2e26, compute.Value);
        Assert.Equal(1e26, compute.Threshold);
        Assert.Equal("big", compute.Parameter);
        Assert.Equal("§ 1(a)", compute.Citation);
        Assert.Equal(Tri.True, compute.Outcome);
        Assert.Equal("contains", trace.Children[1].Operator);
    }

    [Fact]
    public void An_obligation_trace_refers_to_the_definition_it_rests_on()
    {
        var obligation = Assert.Single(TestPacks.Evaluate(Pack, Manifest).Bills[0].Obligations);
        Assert.Equal("definition", obligation.Trace!.Kind);
        Assert.Equal("large", obligation.Trace.Definition);
        Assert.Equal("§ 1", obligation.Trace.Citation);
    }

    [Fact]
    public void With_tracing_off_the_result_is_the_same_without_traces()
    {
        var traced = TestPacks.Evaluate(Pack, Manifest).Bills[0];
        var bare = TestPacks.Evaluate(Pack, Manifest, trace: false).Bills[0];

        Assert.Null(bare.Definitions["large"].Trace);
        Assert.All(bare.Obligations, o => Assert.Null(o.Trace));
        Assert.Equal(traced.Definitions["large"].Value, bare.Definitions["large"].Value);
        Assert.Equal(traced.Obligations.Select(o => (o.Id, o.Status)), bare.Obligations.Select(o => (o.Id, o.Status)));
    }
}

/// <summary>
/// A definition asked of a base is explained once per bill, under the bill's lineage definitions, and a trace step names
/// it: inlined at every mention, the explanations multiplied with each level of the lineage.
/// </summary>
public sealed class LineageTraceTests
{
    private static Lineage.ResolvedArtifact Chain(int levels) =>
        Lineage.LineageResolver.Resolve(Manifests.ManifestJson.Read(FineTuneChain.Manifest(levels)), _ => null);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { MaxDepth = EvaluationResult.MaxJsonDepth };

    private static int JsonLength(int levels) => System.Text.Json.JsonSerializer.Serialize(
        Evaluator.Evaluate(Chain(levels), Packs.BillCatalog.Bundled.Packs, new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1) }), Json).Length;

    [Fact]
    public void A_trace_step_that_asks_a_base_names_it_and_the_base_is_explained_once_under_lineage_definitions()
    {
        var bill = Evaluator.Evaluate(Chain(2), [Packs.BillCatalog.Bundled.Find("us-ca-sb1047")!], new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1) }).Bills[0];

        var asked = Flatten(bill.Definitions["covered_model_derivative"].Trace!).Where(n => n.Artifact is not null).ToList();
        Assert.NotEmpty(asked);
        Assert.All(asked, step => Assert.Null(step.Children));
        Assert.Equal(["chain/ft1", "chain/base"], bill.LineageDefinitions!.Keys);
        Assert.Equal(Tri.True, bill.LineageDefinitions["chain/base"]["covered_model"].Value);
        Assert.NotNull(bill.LineageDefinitions["chain/ft1"]["covered_model"].Trace);
    }

    [Fact]
    public void Without_a_trace_no_lineage_definitions_are_listed()
    {
        var bill = Evaluator.Evaluate(Chain(2), [Packs.BillCatalog.Bundled.Find("us-ca-sb1047")!], new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1), Trace = false }).Bills[0];

        Assert.Null(bill.LineageDefinitions);
    }

    [Fact]
    public void Under_every_bundled_bill_a_deeper_lineage_adds_to_the_explanation_linearly()
    {
        var (eight, sixteen, thirtyTwo) = (JsonLength(8), JsonLength(16), JsonLength(32));

        // Each level adds about the same: 16 more levels add what 8 did, twice over (geometric growth would not fit in memory).
        Assert.InRange(thirtyTwo - sixteen, 1.5 * (sixteen - eight), 2.5 * (sixteen - eight));
    }

    private static IEnumerable<TraceNode> Flatten(TraceNode node) => [node, .. (node.Children ?? []).SelectMany(Flatten)];
}
