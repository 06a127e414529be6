using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Tests;

public sealed class TraceTests
{
    private static readonly Packs.BillPack Pack = TestPacks.Load("""
        parameters:
          big: { value: 1e26, citation: "§ 1(a)" }
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
