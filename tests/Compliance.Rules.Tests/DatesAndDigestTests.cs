using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class DatesAndDigestTests
{
    private static readonly BillPack Dated = TestPacks.Load("""
        parameters:
          threshold:
            value: 1e26
            unit: FLOP
            citation: "§ 1"
            values:
              - { from: 2027-01-01, value: 1e25, citation: "§ 1 as amended" }
        definitions:
          covered: { title: Covered, citation: "§ 2", when: { fact: training.computeFlop, gt: $threshold } }
        obligations:
          - { id: report, title: Report, citation: "§ 3", phase: training, holder: developer, when: { definition: covered } }
          - { id: audit, title: Audit, citation: "§ 4", phase: periodic, holder: developer, appliesFrom: 2026-01-01, when: { definition: covered } }
        """);

    private const string Model = """{ "schemaVersion": "1", "id": "d/m", "training": { "status": "planned", "computeFlop": 5e25 } }""";

    [Fact]
    public void A_dated_parameter_value_applies_from_its_date()
    {
        Assert.Equal(Evaluation.Tri.False, TestPacks.Evaluate(Dated, Model, "2026-12-31").Bills[0].Definitions["covered"].Value);
        var after = TestPacks.Evaluate(Dated, Model, "2027-01-01").Bills[0].Definitions["covered"];
        Assert.Equal(Evaluation.Tri.True, after.Value);
        Assert.Equal("§ 1 as amended", after.Trace!.Citation);
    }

    [Fact]
    public void A_duty_that_applies_from_a_later_date_is_upcoming_until_then()
    {
        var before = TestPacks.Evaluate(Dated, Model, "2027-06-01").Bills[0];
        Assert.Contains(before.Obligations, o => o.Id == "test-bill/audit");
        var early = TestPacks.Evaluate(Dated, """{ "schemaVersion": "1", "id": "d/m", "training": { "status": "planned", "computeFlop": 2e26 } }""", "2025-12-31").Bills[0];
        Assert.DoesNotContain(early.Obligations, o => o.Id == "test-bill/audit");
        Assert.Equal("2026-01-01", Assert.Single(early.Upcoming).AppliesFrom);
    }

    [Fact]
    public void A_transitional_provision_defers_a_duty_for_the_artifacts_it_covers()
    {
        var pack = TestPacks.Load("""
            obligations:
              - id: document
                title: Document
                citation: "§ 1"
                phase: release
                holder: provider
                appliesFrom: 2025-08-02
                transitions:
                  - { appliesFrom: 2027-08-02, citation: "§ 9", when: { fact: release.date, lt: 2025-08-02 } }
            """);
        const string Old = """{ "schemaVersion": "1", "id": "t/old", "release": { "weights": "open", "date": "2025-03-01" } }""";
        const string New = """{ "schemaVersion": "1", "id": "t/new", "release": { "weights": "open", "date": "2025-09-01" } }""";

        Assert.Equal("2027-08-02", Assert.Single(TestPacks.Evaluate(pack, Old, "2026-01-01").Bills[0].Upcoming).AppliesFrom);
        Assert.Single(TestPacks.Evaluate(pack, Old, "2027-08-02").Bills[0].Obligations);
        Assert.Single(TestPacks.Evaluate(pack, New, "2026-01-01").Bills[0].Obligations);
    }

    [Theory]
    [InlineData("enacted", "2025-01-01", null, "2024-12-31", false)]
    [InlineData("enacted", "2025-01-01", null, "2025-01-01", true)]
    [InlineData("revoked", "2023-10-30", "2025-01-20", "2025-01-19", true)]
    [InlineData("revoked", "2023-10-30", "2025-01-20", "2025-01-20", false)]
    [InlineData("vetoed", "2025-01-01", null, "2026-01-01", false)]
    [InlineData("proposed", "2025-01-01", null, "2026-01-01", false)]
    public void A_bill_is_in_force_only_when_enacted_and_within_its_dates(string status, string from, string? until, string asOf, bool inForce)
    {
        var effective = until is null ? $"{{ from: {from} }}" : $"{{ from: {from}, until: {until} }}";
        var pack = PackLoader.Load($"""
            id: dated
            version: "1"
            title: Dated
            jurisdiction: US
            status: {status}
            source: https://example.test
            effective: {effective}
            """);
        Assert.Equal(inForce, pack.InForceOn(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_manifest_digest_ignores_key_order_and_number_spelling()
    {
        var a = ManifestJson.ReadText("""{ "schemaVersion": "1", "id": "x/m", "training": { "computeFlop": 1e26, "costUsd": 100000000 } }""");
        var b = ManifestJson.ReadText("""{ "training": { "costUsd": 1E8, "computeFlop": 100000000000000000000000000 }, "id": "x/m", "schemaVersion": "1" }""");
        var c = ManifestJson.ReadText("""{ "schemaVersion": "1", "id": "x/m", "training": { "computeFlop": 1.1e26, "costUsd": 1e8 } }""");
        Assert.Equal(ManifestJson.Digest(a), ManifestJson.Digest(b));
        Assert.NotEqual(ManifestJson.Digest(a), ManifestJson.Digest(c));
    }

    [Fact]
    public void The_pack_digest_covers_the_rules_but_not_the_tests()
    {
        const string rules = """
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
            """;
        var plain = TestPacks.Load(rules);
        var withTests = TestPacks.Load(rules + "\n" + """
            tests:
              - { name: one, asOf: 2026-01-01, manifest: { schemaVersion: "1", id: t/m }, expect: { obligations: [] } }
            """);
        var changed = TestPacks.Load(rules.Replace("1e26", "1e25", StringComparison.Ordinal));
        Assert.Equal(plain.Digest, withTests.Digest);
        Assert.NotEqual(plain.Digest, changed.Digest);
        Assert.Equal(plain.Digest, CanonicalJson.Digest(JsonDocuments.ParseJson(plain.Document.ToJsonString())));
    }
}
