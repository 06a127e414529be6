using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class EstimatesTests
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;
    private static readonly AnalysisOptions WithEstimates = new() { Estimates = CloudPrices.Bundled };

    // The 2023 price by hand from the cited figures: the median of GPT-4 ($78.4M / 2.1e25), Gemini Ultra ($191.4M / 5e25)
    // and Llama 2 70B ($3,931,897 / 8.1e23) is Gemini Ultra's.
    private const double Price2023 = 191_400_000 / 5.0e25;

    private static Manifest Model(string id, double? compute, double? cost = null, DateOnly? released = null, DateOnly? started = null) => new()
    {
        SchemaVersion = "1",
        Id = id,
        Name = id.ToUpperInvariant(),
        Training = new Training { Status = "completed", ComputeFlop = compute, CostUsd = cost, StartDate = started },
        Release = new Release { Weights = "open", Date = released },
    };

    private static ResolvedArtifact Resolve(Manifest manifest) => LineageResolver.Resolve(manifest, _ => null);

    [Fact]
    public void A_missing_cost_is_compute_times_the_cited_price_of_its_year_and_is_reported_with_its_arithmetic()
    {
        var estimated = CostEstimates.Apply([Resolve(Model("m/a", 2e26, released: new DateOnly(2023, 5, 1)))], CloudPrices.Bundled);

        var fact = Assert.Single(estimated.Report.Estimated);
        Assert.Equal(("m/a", CostEstimates.TrainingCost), (fact.Artifact, fact.Fact));
        Assert.Equal(2e26 * Price2023, fact.Value, 1e-6 * fact.Value);
        Assert.Equal(fact.Value, estimated.Artifacts[0].Manifest.Training!.CostUsd);
        Assert.Contains("2e26 FLOP (training.computeFlop)", fact.Basis, StringComparison.Ordinal);
        Assert.Contains("GPT-4, Gemini Ultra, Llama 2 70B", fact.Basis, StringComparison.Ordinal);
        Assert.Equal(Certainty.Secondary, estimated.Report.Certainty);
        Assert.Equal([CostEstimates.TrainingCost], estimated.OwnFacts[0]);
    }

    [Fact]
    public void After_the_last_cited_year_the_price_falls_by_the_cited_fraction_each_year()
    {
        var price = CloudPrices.Bundled.In(2026)!;

        Assert.Equal(Price2023 * 0.7 * 0.7 * 0.7, price.DollarsPerFlop, 1e-9 * Price2023);
        Assert.Contains("less 30% a year for 3 years", price.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_training_start_date_prices_the_compute_before_the_release_date_does()
    {
        var estimated = CostEstimates.Apply([Resolve(Model("m/a", 1e25, released: new DateOnly(2026, 1, 1), started: new DateOnly(2023, 2, 1)))], CloudPrices.Bundled);

        Assert.Equal(1e25 * Price2023, estimated.Report.Estimated.Single().Value, 1e-6 * 1e25 * Price2023);
        Assert.Contains("(training.startDate)", estimated.Report.Estimated.Single().Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cost_the_manifest_gives_is_never_replaced_and_an_undated_or_too_early_model_is_left_unknown_with_the_reason()
    {
        var given = Resolve(Model("m/given", 2e26, cost: 5e7, released: new DateOnly(2024, 1, 1)));
        var undated = Resolve(Model("m/undated", 2e26));
        var early = Resolve(Model("m/early", 2e26, released: new DateOnly(2017, 6, 1)));

        var estimated = CostEstimates.Apply([given, undated, early], CloudPrices.Bundled);

        Assert.Empty(estimated.Report.Estimated);
        Assert.Same(given, estimated.Artifacts[0]);
        Assert.Null(estimated.Artifacts[1].Manifest.Training!.CostUsd);
        Assert.Equal(["m/undated", "m/early"], estimated.Report.NotEstimated.Select(n => n.Artifact));
        Assert.Contains("no cited price for 2017", estimated.Report.NotEstimated[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_shared_by_two_fine_tunes_is_estimated_and_reported_once_and_each_fine_tune_sees_it()
    {
        var basis = Model("m/base", 2e26, released: new DateOnly(2023, 1, 1));
        Manifest Tune(string id) => new()
        {
            SchemaVersion = "1",
            Id = id,
            Lineage = new Manifests.Lineage { Base = [new BaseReference { Id = "m/base" }], Relation = "finetune", ComputeFlop = 1e24, CostUsd = 1e6 },
            Release = new Release { Weights = "open", Date = new DateOnly(2024, 1, 1) },
        };
        var lookup = new Dictionary<string, Manifest> { ["m/base"] = basis };
        var tunes = new[] { Tune("m/tune-1"), Tune("m/tune-2") }.Select(t => LineageResolver.Resolve(t, lookup.GetValueOrDefault)).ToList();

        var estimated = CostEstimates.Apply(tunes, CloudPrices.Bundled);

        var fact = Assert.Single(estimated.Report.Estimated);
        Assert.Equal("m/base", fact.Artifact);
        Assert.All(estimated.Artifacts, a => Assert.Equal(fact.Value, a.Bases[0].Manifest.Training!.CostUsd));
        Assert.All(estimated.OwnFacts, Assert.Empty);
    }

    [Fact]
    public void Over_the_corpus_at_1e26_estimates_settle_models_with_compute_and_no_cost_and_leave_models_without_compute_unknown()
    {
        var plain = Sweep.Run(ReferenceCorpus.Bundled.Artifacts, Sb1047, "covered_compute_flop", [1e26], AsOf);
        var estimated = Sweep.Run(ReferenceCorpus.Bundled.Artifacts, Sb1047, "covered_compute_flop", [1e26], AsOf, WithEstimates);

        var before = plain.Points[0].Counts["covered_model"];
        var after = estimated.Points[0].Counts["covered_model"];
        Assert.Null(plain.Estimates);
        Assert.True(estimated.Estimates!.Count > 0);
        Assert.Equal(before.True + before.False + before.Unknown, after.True + after.False + after.Unknown);
        Assert.True(after.Unknown < before.Unknown, $"{after.Unknown} unknown with estimates, {before.Unknown} without");
        // An estimate prices compute a manifest gives; it fills only costs the corpus leaves out, and never invents compute.
        Assert.All(estimated.Estimates.Estimated, fact =>
        {
            var manifest = ReferenceCorpus.Bundled.Find(fact.Artifact)!;
            var (compute, cost) = fact.Fact == CostEstimates.TrainingCost
                ? (manifest.Training?.ComputeFlop, manifest.Training?.CostUsd)
                : (manifest.Lineage?.ComputeFlop, manifest.Lineage?.CostUsd);
            Assert.NotNull(compute);
            Assert.Null(cost);
        });
    }

    [Fact]
    public void The_bundled_price_table_cites_every_source_it_uses_and_prices_no_year_before_its_first()
    {
        var prices = CloudPrices.Bundled;

        Assert.Equal(Certainty.Secondary, prices.Certainty);
        Assert.All(prices.Sources.Values, s => Assert.StartsWith("https://", s.Uri, StringComparison.Ordinal));
        Assert.Null(prices.In(prices.Observations.Min(o => o.Year) - 1));
        Assert.Equal(Price2023, prices.In(2023)!.DollarsPerFlop);
    }
}
