using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class VariantTests
{
    private static readonly BillPack Base = TestPacks.Load("""
        parameters:
          big: { value: 1e26, unit: FLOP, citation: "§ 1" }
        definitions:
          covered: { title: Covered, citation: "§ 2", when: { fact: training.computeFlop, gt: $big } }
        obligations:
          - { id: plan, title: Plan, citation: "§ 3", phase: training, holder: developer, when: { definition: covered } }
          - { id: assess, title: Assess, citation: "§ 4", phase: [release, deployment], holder: developer, when: { definition: covered } }
          - { id: publish, title: Publish, citation: "§ 5", phase: release, holder: developer, when: { definition: covered } }
          - { id: report, title: Report, citation: "§ 6", phase: incident, holder: developer, when: { definition: covered } }
        """);

    private static BillPack Variant(string body) => PackLoader.Load($$"""
        id: test-variant
        version: "1"
        extends: test-bill@1
        title: Variant
        jurisdiction: US
        status: hypothetical
        source: https://example.test/variant
        effective: {}
        {{body}}
        """, findBase: key => key == Base.Key ? Base : null);

    private static string[] Phases(BillPack pack, string id) => pack.Obligations.Single(o => o.LocalId == id).PhaseNames.ToArray();

    [Fact]
    public void Deployment_only_drops_release_duties_and_the_release_half_of_mixed_ones()
    {
        var pack = Variant("transform: deployment-only");
        Assert.Equal(["plan", "assess", "report"], pack.Obligations.Select(o => o.LocalId));
        Assert.Equal(["deployment"], Phases(pack, "assess"));
        Assert.Equal("test-variant/assess", pack.Obligations[1].Id);
    }

    [Fact]
    public void Release_only_and_training_only_keep_their_own_phase()
    {
        Assert.Equal(["assess", "publish"], Variant("transform: release-only").Obligations.Select(o => o.LocalId));
        Assert.Equal(["release"], Phases(Variant("transform: release-only"), "assess"));
        Assert.Equal(["plan"], Variant("transform: training-only").Obligations.Select(o => o.LocalId));
    }

    [Fact]
    public void A_deployment_only_bill_owes_nothing_for_a_release_not_even_incident_duties()
    {
        var pack = Variant("transform: deployment-only");
        var released = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "v/m", "training": { "computeFlop": 2e26 }, "release": { "weights": "open" } }""").Bills[0];
        var deployed = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "v/m", "training": { "computeFlop": 2e26 }, "deployments": [ { "id": "d", "channel": "api" } ] }""").Bills[0];
        Assert.Empty(released.Obligations);
        Assert.Equal(["test-variant/assess", "test-variant/report"], deployed.Obligations.Select(o => o.Id));
    }

    [Fact]
    public void A_variant_overrides_parameters_removes_and_adds_obligations()
    {
        var pack = Variant("""
            parameters:
              big: { value: 1e25, citation: "variant" }
            removeObligations: [publish]
            obligations:
              - { id: notify, title: Notify, citation: "§ 9", phase: training, holder: developer, when: { definition: covered } }
            """);
        Assert.Equal(1e25, pack.ParametersByName["big"].Value);
        Assert.Equal(["plan", "assess", "report", "notify"], pack.Obligations.Select(o => o.LocalId));
        Assert.NotEqual(Base.Digest, pack.Digest);
        var covered = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "v/m", "training": { "status": "planned", "computeFlop": 5e25 } }""").Bills[0];
        Assert.Equal(Tri.True, covered.Definitions["covered"].Value);
    }

    [Fact]
    public void An_unknown_base_or_an_unknown_removed_obligation_is_an_error_at_its_pointer()
    {
        var unknownBase = Assert.Throws<InvalidInputException>(() => PackLoader.Load("""
            id: orphan
            version: "1"
            extends: nothing@1
            title: Orphan
            jurisdiction: US
            status: hypothetical
            source: https://example.test
            effective: {}
            """, findBase: _ => null));
        Assert.Equal("/extends", unknownBase.Errors[0].Pointer);
        var unknownDuty = Assert.Throws<InvalidInputException>(() => Variant("removeObligations: [ghost]"));
        Assert.Equal("/removeObligations", unknownDuty.Errors[0].Pointer);
    }

    [Fact]
    public void A_request_override_replaces_a_parameter_and_is_recorded_in_the_result()
    {
        var manifest = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "o/m", "training": { "status": "planned", "computeFlop": 5e25 } }""");
        var options = new EvaluationOptions
        {
            AsOf = new DateOnly(2026, 1, 1),
            Overrides = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["test-bill"] = new Dictionary<string, double> { ["big"] = 1e25 } },
        };
        var bill = Evaluator.Evaluate(Lineage.LineageResolver.Resolve(manifest, _ => null), [Base], options).Bills[0];
        Assert.Equal(Tri.True, bill.Definitions["covered"].Value);
        Assert.Equal(1e25, bill.Overrides!["big"]);
        Assert.Equal(Base.Digest, bill.Digest);
        Assert.Equal("override in the request", bill.Definitions["covered"].Trace!.Citation);
    }

    [Fact]
    public void The_bundled_deployment_only_proposal_is_sb1047_without_its_release_half()
    {
        var proposal = BillCatalog.Bundled.Find("proposal-deployment-only")!;
        var sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047")!;
        Assert.Equal(sb1047.Parameters.Select(p => (p.Name, p.Value)), proposal.Parameters.Select(p => (p.Name, p.Value)));
        Assert.DoesNotContain(proposal.Obligations, o => o.Phases.Contains(Phase.Release));
        Assert.Equal(["deployment"], proposal.Obligations.Single(o => o.LocalId == "critical-harm-assessment").PhaseNames);
        Assert.Equal(sb1047.Obligations.Count, proposal.Obligations.Count);
    }

    [Fact]
    public void A_variant_inherits_the_jurisdiction_territory_source_and_effective_dates_it_does_not_restate()
    {
        var enacted = PackLoader.Load("""
            id: territorial
            version: "1"
            title: Territorial
            jurisdiction: US-CA
            territory: [US-CA]
            status: enacted
            source: https://example.test/territorial
            effective: { from: 2026-01-01, citation: "§ 99" }
            obligations:
              - { id: plan, title: Plan, citation: "§ 3", phase: release, holder: developer }
            """);
        var draft = PackLoader.Load("""
            id: territorial-draft
            version: lower
            extends: territorial@1
            title: A draft that changes nothing else
            status: proposed
            """, findBase: key => key == enacted.Key ? enacted : null);

        Assert.Equal("US-CA", draft.Jurisdiction);
        Assert.Equal(["US-CA"], draft.Territory);
        Assert.Equal(enacted.Source, draft.Source);
        Assert.Equal(new DateOnly(2026, 1, 1), draft.Effective.From);
        Assert.Equal("§ 99", draft.Effective.Citation);
        Assert.Equal(BillStatus.Proposed, draft.Status);
    }

    [Fact]
    public void A_bill_that_extends_none_must_state_its_jurisdiction_source_and_effective_dates()
    {
        var error = Assert.Throws<InvalidInputException>(() => PackLoader.Load("""
            id: bare
            version: "1"
            title: Bare
            status: proposed
            """));

        Assert.Contains(error.Errors, e => e.Message == "'jurisdiction' is required");
        Assert.Contains(error.Errors, e => e.Message == "'effective' is required");
    }
}
