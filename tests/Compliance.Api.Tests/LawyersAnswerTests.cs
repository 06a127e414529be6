using System.Net;
using System.Text.Json.Nodes;
using Compliance.Rules.Packs;

namespace Compliance.Api.Tests;

/// <summary>
/// Issue 14: an answer a lawyer can act on. The law in force by default, each bill's standing in words, roles,
/// reasons in words, overdue duties, certainty as data, penalties once, and territory for every kind of duty.
/// The fixed clock says 2026-07-01.
/// </summary>
public sealed class LawyersAnswerTests
{
    private static async Task<JsonObject> Evaluate(ComplianceApp app, JsonObject request)
    {
        var response = await app.CreateClient().PostJsonAsync("/v1/evaluations", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).AsObject();
    }

    private static JsonObject Bill(JsonObject result, string id) =>
        result["bills"]!.AsArray().Single(b => (string)b!["bill"]! == id)!.AsObject();

    private static JsonObject Obligation(JsonObject bill, string id) =>
        bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == id)!.AsObject();

    private static List<string> BillIds(JsonObject result) => result["bills"]!.AsArray().Select(b => (string)b!["bill"]!).ToList();

    [Fact]
    public async Task Without_named_bills_the_bills_in_force_are_evaluated_and_the_enacted_ones_to_come_are_named_with_their_dates()
    {
        await using var app = new ComplianceApp();

        var result = await Evaluate(app, new JsonObject { ["manifest"] = Manifests.CoveredRelease() });

        Assert.Equal("2026-07-01", (string)result["asOf"]!);
        Assert.Equal("in-force", (string)result["selection"]!);
        // The bills in force on 2026-07-01, as many as the catalogue holds: among them the EU AI Act and SB 53, and the
        // laws of 2026 already in force (Utah, Korea, China).
        Assert.Equal(
            BillCatalog.Bundled.Defaults.Where(p => p.InForceOn(new DateOnly(2026, 7, 1))).Select(p => p.Id).Order(StringComparer.Ordinal),
            BillIds(result).Order(StringComparer.Ordinal));
        Assert.Subset(BillIds(result).ToHashSet(), new HashSet<string> { "eu-ai-act", "us-ca-sb53", "us-ut-ai-policy-act", "kr-ai-basic-act", "cn-ai-content-labelling" });
        Assert.All(result["bills"]!.AsArray(), b => Assert.True((bool)b!["inForce"]!));
        Assert.Equal("enacted: in force since 2026-01-01", (string)Bill(result, "us-ca-sb53")["statusText"]!);
        var raise = result["upcoming"]!.AsArray().Single(u => (string)u!["bill"]! == "us-ny-raise")!;
        Assert.Equal("2027-01-01", (string)raise["inForceFrom"]!);
        Assert.Equal("enacted: in force from 2027-01-01", (string)raise["statusText"]!);
        var colorado = result["upcoming"]!.AsArray().Single(u => (string)u!["bill"]! == "us-co-sb26-189")!;
        Assert.Equal("2027-01-01", (string)colorado["inForceFrom"]!);
        var sb942 = result["upcoming"]!.AsArray().Single(u => (string)u!["bill"]! == "us-ca-sb942")!;
        Assert.Equal("2026-08-02", (string)sb942["inForceFrom"]!);
        // Vetoed, revoked, repealed and hypothetical bills are neither evaluated nor announced.
        Assert.DoesNotContain(result["upcoming"]!.AsArray(), u => (string)u!["bill"]! is "us-ca-sb1047" or "us-eo-14110" or "us-co-sb205");
    }

    [Fact]
    public async Task All_evaluates_every_bill_whatever_its_status_and_says_in_words_that_a_vetoed_bill_is_not_law()
    {
        await using var app = new ComplianceApp();

        var result = await Evaluate(app, new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["bills"] = "all" });

        Assert.Equal("all", (string)result["selection"]!);
        Assert.Equal(BillCatalog.Bundled.Defaults.Select(p => p.Id).ToList(), BillIds(result));
        Assert.Equal("vetoed on 2024-09-29: not law", (string)Bill(result, "us-ca-sb1047")["statusText"]!);
        Assert.StartsWith("revoked on 2025-01-20", (string)Bill(result, "us-eo-14110")["statusText"]!, StringComparison.Ordinal);
        Assert.Null(result["upcoming"]);
    }

    [Fact]
    public async Task A_named_bill_is_evaluated_whatever_its_status_and_a_gate_names_each_enforced_bills_status()
    {
        await using var app = new ComplianceApp();
        var request = new JsonObject
        {
            ["manifest"] = Manifests.CoveredRelease(), ["activity"] = "release", ["bills"] = new JsonArray("us-ca-sb1047", "us-ca-sb53"),
        };

        var response = await app.CreateClient().PostJsonAsync("/v1/gate", request);

        var gate = await response.JsonAsync();
        var statuses = gate["enforcedStatus"]!.AsObject();
        Assert.Equal("vetoed on 2024-09-29: not law", (string)statuses["us-ca-sb1047@2024-08-enrolled"]!);
        Assert.Equal("enacted: in force since 2026-01-01", (string)statuses["us-ca-sb53@2025-09-chaptered"]!);
    }

    [Fact]
    public async Task The_default_answer_is_compact_and_explains_each_definition_and_duty_in_words()
    {
        await using var app = new ComplianceApp();

        var result = await Evaluate(app, Manifests.Evaluate(Manifests.CoveredRelease()));

        var bill = Bill(result, "us-ca-sb1047");
        var covered = bill["definitions"]!["covered_model"]!;
        Assert.Null(covered["trace"]);
        Assert.Equal(
            "The artifact has no lineage (a base model); training compute of 2.0e26 FLOP is greater than 1.0e26 FLOP (BPC § 22602(e)(1)(A)(i)) and training cost of $150M is greater than $100M (BPC § 22602(e)(1)(A)(i)).",
            (string)covered["because"]!);
        var assessment = Obligation(bill, "us-ca-sb1047/critical-harm-assessment");
        Assert.Null(assessment["trace"]);
        Assert.Equal("Owed: “a covered model, or a derivative its developer controls” (BPC § 22603(b), (c), (f), (g)) is met.", (string)assessment["because"]!);

        var traced = await Evaluate(app, Manifests.EvaluateTraced(Manifests.CoveredRelease()));
        Assert.NotNull(Bill(traced, "us-ca-sb1047")["definitions"]!["covered_model"]!["trace"]);
    }

    [Fact]
    public async Task Under_a_bill_where_nothing_is_owed_the_result_says_why_in_one_sentence()
    {
        await using var app = new ComplianceApp();
        var small = Manifests.CoveredRelease();
        small["training"]!["computeFlop"] = 2.0e24;

        var bill = Bill(await Evaluate(app, Manifests.Evaluate(small)), "us-ca-sb1047");

        Assert.Empty(bill["obligations"]!.AsArray());
        Assert.StartsWith(
            "Nothing is owed under this bill: training compute of 2.0e24 FLOP is not greater than 1.0e26 FLOP (BPC § 22602(e)(1)(A)(i))",
            (string)bill["because"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duty_past_its_computed_due_date_and_still_outstanding_is_overdue_by_its_days()
    {
        await using var app = new ComplianceApp();

        var bill = Bill(await Evaluate(app, Manifests.Evaluate(Manifests.CoveredRelease())), "us-ca-sb1047");

        // Released 2026-06-01, asked on 2026-07-01: the assessment due at release is 30 days late.
        var assessment = Obligation(bill, "us-ca-sb1047/critical-harm-assessment");
        Assert.Equal("2026-06-01", (string)assessment["dueDate"]!);
        Assert.Equal("2026-06-01", (string)assessment["overdue"]!["since"]!);
        Assert.Equal(30, (int)assessment["overdue"]!["days"]!);
        // Due on the very day asked about: not yet overdue.
        var statement = Obligation(bill, "us-ca-sb1047/compliance-statement-initial");
        Assert.Equal("2026-07-01", (string)statement["dueDate"]!);
        Assert.Null(statement["overdue"]);
    }

    [Fact]
    public async Task Met_duties_are_never_overdue()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.CoveredRelease();
        manifest["evidence"] = new JsonArray(new JsonObject { ["obligation"] = "us-ca-sb1047/critical-harm-assessment", ["uri"] = "https://acme.example/assessment" });

        var assessment = Obligation(Bill(await Evaluate(app, Manifests.Evaluate(manifest)), "us-ca-sb1047"), "us-ca-sb1047/critical-harm-assessment");

        Assert.Equal("satisfied", (string)assessment["status"]!);
        Assert.Null(assessment["overdue"]);
        Assert.StartsWith("Met: the manifest declares evidence (https://acme.example/assessment)", (string)assessment["because"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certainty_is_data_an_answer_resting_on_a_secondary_source_says_so()
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        request["bills"] = new JsonArray("us-ca-sb1047@2024-02-introduced", "us-ca-sb53");

        var result = await Evaluate(app, request);

        var introduced = Bill(result, "us-ca-sb1047");
        Assert.Equal("unsettled", (string)introduced["definitions"]!["covered_model"]!["certainty"]!);
        Assert.NotEmpty(introduced["obligations"]!.AsArray());
        Assert.All(introduced["obligations"]!.AsArray(), o => Assert.NotEqual("primary", (string)o!["certainty"]!));
        Assert.Equal("primary", (string)Obligation(Bill(result, "us-ca-sb53"), "us-ca-sb53/transparency-report")["certainty"]!);
    }

    [Fact]
    public async Task Every_duty_carries_its_role_description_and_address_and_each_penalty_text_comes_once()
    {
        await using var app = new ComplianceApp();
        var request = Manifests.Evaluate(Manifests.CoveredRelease());
        request["bills"] = new JsonArray("us-ca-sb53", "eu-ai-act");

        var result = await Evaluate(app, request);
        var strings = Strings(result).ToList();

        var sb53 = Bill(result, "us-ca-sb53");
        var report = Obligation(sb53, "us-ca-sb53/transparency-report");
        Assert.Equal("frontier-developer", (string)report["holder"]!);
        Assert.Equal("developer", (string)report["role"]!);
        Assert.Equal("https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=BPC&sectionNum=22757.12", (string)report["url"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)report["description"]));
        foreach (var bill in result["bills"]!.AsArray())
        {
            var penalties = bill!["penalties"]!.AsObject();
            foreach (var o in bill["obligations"]!.AsArray())
            {
                Assert.Contains((string)o!["role"]!, Role.Names);
                Assert.StartsWith("https://", (string)o["url"]!, StringComparison.Ordinal);
                if (o["penalty"] is { } key)
                {
                    Assert.True(penalties.ContainsKey((string)key!), $"{o["id"]} names penalty {key}, which the bill does not list");
                }
            }
            foreach (var (_, penalty) in penalties)
            {
                Assert.Single(strings, s => s == (string)penalty!["text"]!);
            }
        }
    }

    /// <summary>Every string value in the answer.</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [Fact]
    public async Task A_model_served_only_in_New_York_owes_no_EU_or_California_duty_of_any_phase()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""
            {
              "schemaVersion": "1", "id": "acme/ny-only", "generalPurpose": true, "outputModalities": ["text"],
              "developer": { "name": "Acme AI", "headquarters": "US-NY", "annualRevenueUsd": 2.0e9 },
              "training": { "status": "completed", "computeFlop": 2.0e26 },
              "release": { "weights": "none" },
              "deployments": [ { "id": "api", "channel": "api", "date": "2026-03-01", "jurisdictions": ["US-NY"] } ]
            }
            """);

        var result = await Evaluate(app, new JsonObject { ["manifest"] = manifest });

        foreach (var id in new[] { "eu-ai-act", "us-ca-sb53" })
        {
            var bill = Bill(result, id);
            Assert.Empty(bill["obligations"]!.AsArray());
            Assert.StartsWith("Nothing is owed under this bill:", (string)bill["because"]!, StringComparison.Ordinal);
        }
        // The training-phase duties used to be listed for a model with no link to the territory at all.
        Assert.Contains("neither the developer (US-NY) nor the model's release or deployments reach US-CA", (string)Bill(result, "us-ca-sb53")["because"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_the_link_to_the_territory_cannot_be_known_a_training_duty_is_undetermined_and_names_the_fact()
    {
        await using var app = new ComplianceApp();
        var manifest = Manifests.Parse("""
            {
              "schemaVersion": "1", "id": "acme/unplaced", "generalPurpose": true,
              "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9 },
              "training": { "status": "in-progress", "computeFlop": 2.0e26 }
            }
            """);

        var sb53 = Bill(await Evaluate(app, new JsonObject { ["manifest"] = manifest, ["bills"] = new JsonArray("us-ca-sb53") }), "us-ca-sb53");

        var framework = Obligation(sb53, "us-ca-sb53/frontier-ai-framework");
        Assert.Equal("undetermined", (string)framework["status"]!);
        Assert.Contains("developer.headquarters", framework["needs"]!.AsArray().Select(n => (string)n!));

        manifest = manifest.DeepClone().AsObject();
        manifest["developer"]!["headquarters"] = "US-CA";
        var placed = Bill(await Evaluate(app, new JsonObject { ["manifest"] = manifest, ["bills"] = new JsonArray("us-ca-sb53") }), "us-ca-sb53");
        Assert.Equal("outstanding", (string)Obligation(placed, "us-ca-sb53/frontier-ai-framework")["status"]!);
    }
}
