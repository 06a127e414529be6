using System.Net;

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
}
