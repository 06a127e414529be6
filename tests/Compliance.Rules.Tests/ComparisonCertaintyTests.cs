using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Tests;

public sealed class ComparisonCertaintyTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;
    private static readonly BillPack DeploymentOnly = BillCatalog.Bundled.Find("proposal-deployment-only")!;

    private static ResolvedArtifact Model(string id, double? compute, double? cost) => LineageResolver.Resolve(new Manifest
    {
        SchemaVersion = "1",
        Id = id,
        Name = "Model " + id,
        Training = new Training { Status = "completed", ComputeFlop = compute, CostUsd = cost },
        Release = new Release { Weights = "open", Date = new DateOnly(2025, 1, 1) },
    }, _ => null);

    // Covered (compute and cost above the thresholds), undetermined (no cost given), and not covered.
    private static readonly IReadOnlyList<ResolvedArtifact> Portfolio = [Model("covered", 3e26, 5e8), Model("no-cost", 3e26, null), Model("small", 1e24, 1e6)];

    [Fact]
    public void A_duty_only_undetermined_under_a_is_counted_as_undetermined_lost_not_as_an_owed_duty_lost()
    {
        var result = Comparison.Compare(Portfolio, new BillVariant(Sb1047), new BillVariant(DeploymentOnly), AsOf);

        var covered = result.Differences.Single(d => d.Artifact == "covered");
        var noCost = result.Differences.Single(d => d.Artifact == "no-cost");
        Assert.NotEmpty(covered.Lost.Outstanding);
        Assert.Empty(covered.Lost.Undetermined);
        Assert.Empty(noCost.Lost.Outstanding);
        Assert.Equal(covered.Lost.Outstanding, noCost.Lost.Undetermined);
        Assert.Equal("Model no-cost", noCost.Name);
        Assert.Equal(covered.Lost.Outstanding.Count, result.Totals.Lost.Total.Outstanding);
        Assert.Equal(noCost.Lost.Undetermined.Count, result.Totals.Lost.Total.Undetermined);
        Assert.Equal(result.Totals.Lost.Total.Outstanding, result.Totals.Lost.ByPhase.Values.Sum(p => p.Outstanding));
        Assert.Equal(1, result.Totals.WithOutstandingUnderA);
        Assert.Equal(2, result.Totals.WithObligationsUnderA);
        Assert.DoesNotContain(result.Differences, d => d.Artifact == "small");
    }

    [Fact]
    public void With_estimates_the_model_without_a_cost_is_compared_on_its_estimated_cost_and_says_so()
    {
        var result = Comparison.Compare(Portfolio, new BillVariant(Sb1047), new BillVariant(DeploymentOnly), AsOf, new AnalysisOptions { Estimates = CloudPrices.Bundled });

        var noCost = result.Differences.Single(d => d.Artifact == "no-cost");
        Assert.Equal([CostEstimates.TrainingCost], noCost.Estimated);
        Assert.NotEmpty(noCost.Lost.Outstanding);
        Assert.Empty(noCost.Lost.Undetermined);
        Assert.Equal(1, result.Estimates!.Count);
        Assert.Null(result.Differences.Single(d => d.Artifact == "covered").Estimated);
    }

    [Fact]
    public void The_csv_has_one_row_per_artifact_and_bill_with_each_definition_and_the_duties_by_status()
    {
        var result = Comparison.Compare(Portfolio, new BillVariant(Sb1047), new BillVariant(DeploymentOnly), AsOf, new AnalysisOptions { KeepRows = true });

        var lines = ComparisonReports.CsvLines(result).ToList();
        var header = lines[0].Split(',');
        Assert.Equal(1 + 2 * Portfolio.Count, lines.Count);
        Assert.Equal(["side", "bill", "artifact", "name"], header[..4]);
        Assert.Contains("covered_model", header);
        var noCostA = lines.Single(l => l.StartsWith("A,", StringComparison.Ordinal) && l.Contains(",no-cost,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("unknown", noCostA[Array.IndexOf(header, "covered_model")]);
        Assert.Equal("0", noCostA[Array.IndexOf(header, "outstanding")]);
        Assert.Equal(result.Rows!.Single(r => r.Artifact == "no-cost").A.Duties.Undetermined.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            noCostA[Array.IndexOf(header, "undetermined")]);
        Assert.Null(Comparison.Compare(Portfolio, new BillVariant(Sb1047), new BillVariant(DeploymentOnly), AsOf).Rows);
    }
}
