using System.Net;
using Compliance.Rules.Packs;

namespace Compliance.Api.Tests;

public sealed class ObligationsCatalogueTests
{
    [Fact]
    public async Task A_lawyer_can_list_what_a_deployer_must_do_under_the_EU_AI_Act_without_a_manifest()
    {
        await using var app = new ComplianceApp();
        var entries = (await app.CreateClient().GetNodeAsync("/v1/obligations?bill=eu-ai-act&holder=deployer&phase=deployment")).AsArray();

        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Equal("eu-ai-act", (string)e!["bill"]!);
            Assert.Equal("deployer", (string)e["obligation"]!["holder"]!);
            Assert.Contains("deployment", e["obligation"]!["phases"]!.AsArray().Select(p => (string)p!));
            Assert.False(string.IsNullOrEmpty((string?)e["obligation"]!["citation"]));
        });
        Assert.Contains(entries, e => (string)e!["obligation"]!["id"]! == "eu-ai-act/high-risk-logs" && (string)e["obligation"]!["penalty"]! != "");
    }

    [Fact]
    public async Task In_force_on_a_date_keeps_only_bills_in_force_and_duties_that_already_apply()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var early = (await client.GetNodeAsync("/v1/obligations?bill=eu-ai-act&inForceOn=2026-01-01")).AsArray().Select(e => (string)e!["obligation"]!["id"]!).ToList();
        var late = (await client.GetNodeAsync("/v1/obligations?bill=eu-ai-act&inForceOn=2028-01-01")).AsArray().Select(e => (string)e!["obligation"]!["id"]!).ToList();
        var vetoed = (await client.GetNodeAsync("/v1/obligations?bill=us-ca-sb1047&inForceOn=2026-01-01")).AsArray();

        Assert.Contains("eu-ai-act/gpai-training-content-summary", early);
        Assert.DoesNotContain("eu-ai-act/chatbot-disclosure", early);
        Assert.Contains("eu-ai-act/chatbot-disclosure", late);
        Assert.Contains("eu-ai-act/high-risk-logs", late);
        Assert.Empty(vetoed);
    }

    [Fact]
    public async Task Bad_filters_are_422_problems_naming_the_parameter()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().GetAsync("/v1/obligations?phase=launch&inForceOn=soon&bill=nope");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var pointers = (await response.JsonAsync())["errors"]!.AsArray().Select(e => (string)e!["pointer"]!).ToList();
        Assert.Equal(["?bill", "?phase", "?inForceOn"], pointers);
    }

    [Fact]
    public async Task A_bill_shows_its_parameters_with_citations_and_its_territory()
    {
        await using var app = new ComplianceApp();
        var bill = await app.CreateClient().GetNodeAsync("/v1/bills/eu-ai-act");
        Assert.Equal(["EU"], bill["territory"]!.AsArray().Select(t => (string)t!));
        var systemic = bill["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "systemic_risk_compute_flop")!;
        Assert.Equal(1e25, (double)systemic["value"]!);
        Assert.Equal("Art. 51(2)", (string)systemic["citation"]!);
    }

    [Fact]
    public async Task A_role_filter_finds_sb53s_frontier_developer_duties_that_the_statutes_holder_word_misses()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var byHolder = (await client.GetNodeAsync("/v1/obligations?bill=us-ca-sb53&holder=developer")).AsArray();
        var byRole = (await client.GetNodeAsync("/v1/obligations?bill=us-ca-sb53&role=developer")).AsArray();

        Assert.Empty(byHolder);
        Assert.Equal(13, byRole.Count);
        Assert.Contains(byRole, e => (string)e!["obligation"]!["holder"]! == "large-frontier-developer");
        Assert.Contains(byRole, e => (string)e!["obligation"]!["holder"]! == "frontier-developer");
        Assert.All(byRole, e => Assert.Contains("developer", e!["obligation"]!["roles"]!.AsArray().Select(r => (string)r!)));
    }

    [Fact]
    public async Task Roles_statuses_and_jurisdictions_filter_the_catalogue_and_may_repeat()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var vetoed = (await client.GetNodeAsync("/v1/obligations?status=vetoed")).AsArray();
        var colorado = (await client.GetNodeAsync("/v1/obligations?jurisdiction=US-CO")).AsArray();
        var us = (await client.GetNodeAsync("/v1/obligations?jurisdiction=US&status=enacted&status=revoked")).AsArray();
        var deployersOrProviders = (await client.GetNodeAsync("/v1/obligations?bill=eu-ai-act&role=deployer&role=provider")).AsArray();

        Assert.NotEmpty(vetoed);
        Assert.All(vetoed, e =>
        {
            Assert.Equal("us-ca-sb1047", (string)e!["bill"]!);
            Assert.Equal("vetoed on 2024-09-29: not law", (string)e["statusText"]!);
        });
        // Colorado's law: its own bills and the federal ones, never another state's.
        Assert.Contains(colorado, e => (string)e!["bill"]! == "us-co-sb205");
        Assert.Contains(colorado, e => (string)e!["bill"]! == "us-co-sb26-189");
        Assert.All(colorado, e => Assert.Contains((string)e!["jurisdiction"]!, new[] { "US-CO", "US" }));
        // The enacted or revoked bills of the United States and its states with duties, as many as the catalogue holds.
        var usBills = us.Select(e => (string)e!["bill"]!).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            BillCatalog.Bundled.Packs
                .Where(p => (p.Jurisdiction == "US" || p.Jurisdiction.StartsWith("US-", StringComparison.Ordinal)) && p.Status is BillStatus.Enacted or BillStatus.Revoked && p.Obligations.Count > 0)
                .Select(p => p.Id).Distinct().Order(StringComparer.Ordinal),
            usBills);
        Assert.Subset(usBills.ToHashSet(), new HashSet<string> { "us-ca-sb53", "us-eo-14110", "us-ny-raise", "us-co-sb26-189", "us-ut-ai-policy-act" });
        Assert.DoesNotContain("us-ca-sb1047", usBills);
        Assert.DoesNotContain("us-co-sb205", usBills);
        var roles = deployersOrProviders.Select(e => e!["obligation"]!["roles"]!.AsArray().Select(r => (string)r!).ToList()).ToList();
        Assert.All(roles, r => Assert.True(r.Contains("deployer") || r.Contains("provider"), string.Join(", ", r)));
        Assert.Contains(roles, r => r.Contains("deployer"));
        Assert.Contains(roles, r => r.Contains("provider"));
        Assert.True(deployersOrProviders.Count > (await client.GetNodeAsync("/v1/obligations?bill=eu-ai-act&role=deployer")).AsArray().Count);
    }

    [Fact]
    public async Task A_bad_role_status_or_jurisdiction_is_a_422_naming_the_parameter_and_the_values_allowed()
    {
        await using var app = new ComplianceApp();
        var response = await app.CreateClient().GetAsync("/v1/obligations?role=lawyer&status=dead&jurisdiction=California");

        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?role", "'lawyer' is not one of developer, provider, deployer, cluster-operator");
        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?status", "enacted, vetoed, revoked, repealed, proposed, hypothetical");
        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?jurisdiction", "not a jurisdiction code");
    }

    [Fact]
    public async Task A_catalogue_entry_shows_the_duties_roles_address_certainty_and_penalty_with_its_citation()
    {
        await using var app = new ComplianceApp();
        var entries = (await app.CreateClient().GetNodeAsync("/v1/obligations?bill=us-ca-sb53")).AsArray();

        var report = entries.Single(e => (string)e!["obligation"]!["id"]! == "us-ca-sb53/frontier-ai-framework")!;
        Assert.Equal("enacted: in force since 2026-01-01", (string)report["statusText"]!);
        var duty = report["obligation"]!;
        Assert.Equal(["developer"], duty["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Contains("sectionNum=22757.12", (string)duty["url"]!, StringComparison.Ordinal);
        Assert.Equal("primary", (string)duty["certainty"]!);
        Assert.False(string.IsNullOrEmpty((string?)duty["penalty"]));
        Assert.Equal("BPC § 22757.15", (string)duty["penaltyCitation"]!);
        Assert.Equal("primary", (string)duty["penaltyCertainty"]!);
        var unsettled = entries.Single(e => (string)e!["obligation"]!["id"]! == "us-ca-sb53/transparency-report")!["obligation"]!;
        Assert.Equal("unsettled", (string)unsettled["penaltyCertainty"]!);
    }

    [Fact]
    public async Task A_bill_shows_its_status_in_words_its_history_and_the_certainty_and_address_of_each_text()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var bill = await client.GetNodeAsync("/v1/bills/us-ca-sb1047");
        var sb53 = await client.GetNodeAsync("/v1/bills/us-ca-sb53");

        Assert.Equal("vetoed on 2024-09-29: not law", (string)bill["statusText"]!);
        Assert.Contains(bill["history"]!.AsArray(), h => (string)h!["date"]! == "2024-09-29" && ((string)h["event"]!).Contains("vetoed", StringComparison.Ordinal));
        var parameter = bill["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "covered_compute_flop")!;
        Assert.Contains((string)parameter["certainty"]!, new[] { "primary", "secondary", "unsettled" });
        Assert.All(parameter["values"]!.AsArray(), v => Assert.NotNull((string?)v!["certainty"]));
        var covered = bill["definitions"]!.AsArray().Single(d => (string)d!["name"]! == "covered_model")!;
        Assert.Contains((string)covered["certainty"]!, new[] { "primary", "secondary", "unsettled" });
        var foundation = sb53["definitions"]!.AsArray().Single(d => (string)d!["name"]! == "foundation_model")!;
        Assert.Contains("sectionNum=22757.11", (string)foundation["url"]!, StringComparison.Ordinal);
        Assert.Equal("enacted: in force since 2026-01-01", (string)sb53["statusText"]!);
        var assessment = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/critical-harm-assessment")!;
        Assert.Equal(["developer"], assessment["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Equal((string)bill["source"]!, (string)assessment["url"]!); // no section address of its own: the bill's source
        Assert.False(string.IsNullOrEmpty((string?)assessment["penaltyCitation"]));
    }
}
