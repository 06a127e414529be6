using System.Text.Json;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Figures each within a double can add up past it: the result must still compare and still be written.</summary>
public sealed class SaturatedFactsTests
{
    [Fact]
    public void A_lineage_whose_compute_adds_up_past_a_double_is_covered_and_its_decision_can_be_written()
    {
        var manifest = ManifestJson.ReadText("""
            {
              "schemaVersion": "1", "id": "x/tune", "developer": { "name": "X" },
              "lineage": { "relation": "continued-pretraining", "computeFlop": 1.7e308, "costUsd": 1.7e308,
                "base": { "schemaVersion": "1", "id": "x/base", "developer": { "name": "X" }, "training": { "computeFlop": 1.7e308, "costUsd": 1.7e308 } } },
              "training": { "status": "completed" },
              "release": { "weights": "open", "date": "2026-06-01" }
            }
            """);

        var result = Evaluator.Evaluate(LineageResolver.Resolve(manifest, _ => null), BillCatalog.Bundled.Defaults.ToList(),
            new EvaluationOptions { AsOf = new DateOnly(2026, 7, 1), Trace = true });

        var json = JsonSerializer.Serialize(result);
        Assert.Contains("1.7976931348623157E+308", json, StringComparison.Ordinal);
        Assert.Equal(Tri.True, result.Bills.Single(b => b.Bill == "us-ca-sb53").Definitions["frontier_model"].Value);
    }
}
