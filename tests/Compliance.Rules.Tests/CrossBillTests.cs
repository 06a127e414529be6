using System.Globalization;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>One frontier model under every bundled bill: the whole answer a legal team gets, obligation by obligation.</summary>
public sealed class CrossBillTests
{
    private const string Frontier = """
        {
          "schemaVersion": "1",
          "id": "acme/frontier-1",
          "generalPurpose": true,
          "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9, "headquarters": "US-CA" },
          "capabilities": { "comparableToFrontierBenchmarks": true },
          "training": { "status": "completed", "computeFlop": 2.0e26, "costUsd": 3.0e8, "startDate": "2026-01-10", "dataModalities": ["text", "code"] },
          "outputModalities": ["text"],
          "release": { "weights": "open", "license": "Apache-2.0", "date": "2026-06-01" },
          "deployments": [
            { "id": "acme-chat", "channel": "api", "date": "2026-06-01", "jurisdictions": ["EU", "US-CA"],
              "interactsWithNaturalPersons": true, "generatesSyntheticContent": ["text"], "domains": [], "practices": [],
              "consequentialDecisions": false }
          ]
        }
        """;

    private static EvaluationResult Evaluate(string asOf) => Evaluator.Evaluate(
        LineageResolver.Resolve(TestPacks.Manifest(Frontier), _ => null),
        BillCatalog.Bundled.Packs,
        new EvaluationOptions { AsOf = DateOnly.Parse(asOf, CultureInfo.InvariantCulture), Trace = false });

    private static string[] Ids(EvaluationResult result, string key) =>
        result.Bills.Single(b => $"{b.Bill}@{b.Version}" == key).Obligations.Select(o => o.Id[(o.Id.IndexOf('/', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_frontier_model_released_openly_and_served_in_the_EU_and_California_owes_exactly_these_duties()
    {
        var result = Evaluate("2026-09-01");

        Assert.Equal(
            ["annual-compliance-statement", "annual-reevaluation", "attribution", "compliance-statement-initial", "consider-guidance", "critical-harm-assessment",
             "cybersecurity-protections", "full-shutdown", "incident-report", "no-unreasonable-risk", "other-measures", "safeguards", "safety-protocol",
             "safety-protocol-implement", "safety-protocol-publish", "safety-protocol-retain", "safety-protocol-review", "safety-protocol-update", "test-records",
             "third-party-audit", "whistleblower-internal-process", "whistleblower-notice", "whistleblower-protection"],
            Ids(result, "us-ca-sb1047@2024-08-enrolled"));
        Assert.Equal(
            ["annual-certification", "cybersecurity-protections", "full-shutdown", "incident-report", "limited-duty-exemption-or-safety-determination",
             "positive-safety-determination", "safety-protocol"],
            Ids(result, "us-ca-sb1047@2024-02-introduced"));
        Assert.Equal(
            ["critical-safety-incident-report", "framework-modification", "framework-review", "frontier-ai-framework", "imminent-danger-disclosure", "internal-use-summary",
             "no-false-statements", "redaction-record", "transparency-report", "transparency-risk-summary", "whistleblower-internal-process", "whistleblower-notice",
             "whistleblower-protection"],
            Ids(result, "us-ca-sb53@2025-09-chaptered"));
        // Art. 4 AI literacy applies to the deployed system; Art. 50(2) marking is not yet owed: the system was placed on
        // the market (2026-06-01) before 2026-08-02, so the Digital Omnibus [S] gives it until 2026-12-02.
        Assert.Equal(
            ["ai-literacy", "chatbot-disclosure", "gpai-authorised-representative", "gpai-copyright-policy", "gpai-downstream-information", "gpai-serious-incident-report",
             "gpai-systemic-risk-cybersecurity", "gpai-systemic-risk-evaluation", "gpai-systemic-risk-mitigation", "gpai-systemic-risk-notification",
             "gpai-technical-documentation", "gpai-training-content-summary"],
            Ids(result, "eu-ai-act@2024-1689"));
        Assert.Equal(["model-report", "model-report-ongoing"], Ids(result, "us-eo-14110@2023-10-30"));
        Assert.Equal(
            // GBL § 1421(4) (false statements) and § 1428(1) (no developing, deploying or operating without a current disclosure statement).
            ["critical-safety-incident-report", "disclosure-statement", "framework-modification", "framework-review", "frontier-ai-framework", "imminent-danger-disclosure",
             "internal-use-summary", "no-false-statements", "no-operation-without-disclosure-statement", "transparency-report"],
            Ids(result, "us-ny-raise@2026-amended"));
        Assert.Empty(Ids(result, "us-co-sb205@2024-05-enacted"));
        Assert.Equal(["classify-incidents-against-spec", "publish-model-spec", "update-model-spec"], Ids(result, "proposal-model-spec@2024-09"));
        // The laws of 2026. A text model released openly in 2026 owes AB 2013's training-data documentation; it emits no
        // image, video or audio, so SB 942 lists nothing; an API chat service that may be a companion chatbot leaves
        // SB 243 undetermined (the report of § 22603(a) is upcoming); it reaches neither Texas nor Illinois.
        Assert.Equal(["training-data-documentation"], Ids(result, "us-ca-ab2013@2024-chaptered"));
        Assert.Empty(Ids(result, "us-ca-sb942@2025-10-amended"));
        Assert.Equal(
            ["ai-notification", "evidence-based-measurement", "known-minor-ai-disclosure", "known-minor-break-reminder", "known-minor-sexual-content",
             "minor-suitability-notice", "publish-protocol", "suicide-prevention-protocol"],
            Ids(result, "us-ca-sb243@2025-10-chaptered"));
        Assert.All(result.Bills.Single(b => b.Bill == "us-ca-sb243").Obligations, o => Assert.Equal(ObligationStatus.Undetermined, o.Status));
        Assert.Empty(Ids(result, "us-tx-traiga@2025-enrolled"));
        Assert.Empty(Ids(result, "us-il-hb3773@pa-103-0804"));
    }

    [Fact]
    public void Which_bills_are_in_force_follows_each_bills_status_and_dates()
    {
        string[] InForce(string asOf) => Evaluate(asOf).Bills.Where(b => b.InForce).Select(b => b.Bill).ToArray();

        var now = InForce("2026-09-01");
        Assert.Subset(now.ToHashSet(), new HashSet<string> { "eu-ai-act", "us-ca-sb53", "us-ut-ai-policy-act", "kr-ai-basic-act", "cn-ai-content-labelling", "us-ca-ab2013", "us-ca-sb243", "us-ca-sb942", "us-il-hb3773", "us-tx-traiga" });
        Assert.Empty(now.Intersect(["us-ny-raise", "us-co-sb26-189", "us-co-sb205", "us-eo-14110", "us-ca-sb1047"]));
        var later = InForce("2027-01-01");
        Assert.Subset(later.ToHashSet(), new HashSet<string> { "eu-ai-act", "us-ca-sb53", "us-ny-raise", "us-co-sb26-189", "us-ca-ab2013", "us-ca-sb243", "us-ca-sb942", "us-il-hb3773", "us-tx-traiga" });
        Assert.DoesNotContain("us-co-sb205", later);
        var earlier = InForce("2024-06-01");
        Assert.Subset(earlier.ToHashSet(), new HashSet<string> { "us-eo-14110", "us-ut-ai-policy-act" });
        Assert.Empty(earlier.Intersect(["eu-ai-act", "us-ca-sb53", "kr-ai-basic-act", "cn-ai-content-labelling", "us-tx-traiga", "us-ca-ab2013", "us-ca-sb942", "us-ca-sb243", "us-il-hb3773"]));
        // Every bill's answer agrees with its pack's own dates.
        Assert.All(Evaluate("2026-09-01").Bills, b => Assert.Equal(BillCatalog.Bundled.Find($"{b.Bill}@{b.Version}")!.InForceOn(new DateOnly(2026, 9, 1)), b.InForce));
    }
}
