using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Tests;

public sealed class SweepFlipTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;

    private static ResolvedArtifact Model(string id, string name, double compute, double? cost, int released = 2025) => LineageResolver.Resolve(new Manifest
    {
        SchemaVersion = "1",
        Id = id,
        Name = name,
        Training = new Training { Status = "completed", ComputeFlop = compute, CostUsd = cost },
        Release = new Release { Weights = "open", Date = new DateOnly(released, 1, 1) },
    }, _ => null);

    private static readonly IReadOnlyList<ResolvedArtifact> Portfolio =
        [Model("m/big", "Big", 5e26, 9e8), Model("m/mid", "Mid", 5e25, 2e8), Model("m/open", "Open", 5e25, null, released: 2023)];

    [Fact]
    public void Each_flip_names_the_model_the_definition_and_what_it_was_and_became()
    {
        var sweep = Sweep.Run(Portfolio, Sb1047, "covered_compute_flop", [1e25, 1e26], AsOf);

        var step = sweep.Points[1];
        Assert.Empty(sweep.Points[0].Flips);
        Assert.Contains(new Flip("m/mid", "Mid", "covered_model", Tri.True, Tri.False), step.Flips);
        Assert.Contains(new Flip("m/open", "Open", "covered_model", Tri.Unknown, Tri.False), step.Flips);
        Assert.DoesNotContain(step.Flips, f => f.Artifact == "m/big");
        Assert.Equal(["Mid", "Open"], step.FlippedModels);
        Assert.Equal("Covered model", sweep.Definitions.Single(d => d.Name == "covered_model").Title);
        // The contract's list: the ids of the artifacts that flipped, each once.
        Assert.Equal(["m/mid", "m/open"], step.Flipped);
    }

    [Fact]
    public void The_axis_names_the_swept_value_x_where_the_bill_writes_it_out()
    {
        var sweep = Sweep.Run(Portfolio, Sb1047, "covered_compute_flop", [1e25, 1e26], AsOf);

        Assert.Equal("training compute greater than x integer or floating-point operations makes a model covered (with the cost test)", sweep.ParameterDescription);
        Assert.Contains("greater than 10^26 integer", Sb1047.ParametersByName["covered_compute_flop"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csv_has_one_row_per_value_and_artifact_with_each_definition_and_whether_it_flipped()
    {
        var sweep = Sweep.Run(Portfolio, Sb1047, "covered_compute_flop", [1e25, 1e26], AsOf, new AnalysisOptions { KeepRows = true, Estimates = CloudPrices.Bundled });

        var lines = SweepReports.CsvLines(sweep).Select(l => l.Split(',')).ToList();
        var header = lines[0];
        Assert.Equal(["bill", "parameter", "value", "artifact", "name"], header[..5]);
        Assert.Equal(["flipped", "estimated"], header[^2..]);
        Assert.Equal(1 + 2 * Portfolio.Count, lines.Count);
        var covered = Array.IndexOf(header, "covered_model");
        // With estimates, Open's cost is 5e25 FLOP at the 2023 price, about $190M: covered at 1e25, not at 1e26.
        var open = lines.Single(l => l[2] == "1E+26" && l[3] == "m/open");
        Assert.Equal(["false", "true", CostEstimates.TrainingCost], [open[covered], open[^2], open[^1]]);
        Assert.Equal("true", lines.Single(l => l[2] == "1E+25" && l[3] == "m/open")[covered]);
        Assert.Equal("false", lines.Single(l => l[2] == "1E+26" && l[3] == "m/big")[^2]);
    }
}
