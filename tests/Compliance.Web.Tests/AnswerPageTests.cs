using System.Net;

namespace Compliance.Web.Tests;

public sealed class AnswerPageTests
{
    private static async Task<string> AskAsync(HttpClient client, Dictionary<string, string> form)
    {
        var page = await client.GetPageAsync("/");
        using var posted = await client.SubmitAsync(page, "guided", form);
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        return Html.Target(posted);
    }

    [Fact]
    public async Task A_frontier_open_release_shows_sb53s_duties_with_their_citations_linked_once_per_bill_penalties()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var answer = await client.GetPageAsync(await AskAsync(client, Forms.FrontierOpenRelease()));

        var sb53 = answer.QuerySelector("#bill-us-ca-sb53")!;
        Assert.Contains("in force", sb53.QuerySelector("h2 .status-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Duties of the developer", sb53.QuerySelector("h3")!.TextContent);
        var duties = sb53.QuerySelectorAll(".duty").ToList();
        Assert.Equal(13, duties.Count);
        var citations = duties.Select(d => d.QuerySelector(".meta a")!).ToList();
        Assert.Contains(citations, a => a.TextContent == "BPC § 22757.12(a)");
        Assert.All(citations, a => Assert.StartsWith("https://", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.All(duties, d => Assert.False(string.IsNullOrWhiteSpace(d.QuerySelector(".because")!.TextContent)));
        Assert.Single(sb53.QuerySelectorAll(".penalties"));
        // The EU AI Act's duties too, of the provider, and the bill not yet in force named with its date.
        Assert.Contains("Duties of the provider", answer.QuerySelector("#bill-eu-ai-act")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2027-01-01", answer.QuerySelector("#upcoming-bills")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var markdown = answer.QuerySelector("a[download]")!;
        Assert.Equal("Download as Markdown", markdown.TextContent);
        Assert.EndsWith("?format=markdown", markdown.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_fine_tune_of_a_corpus_model_owes_nothing_and_the_page_says_why()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var answer = await client.GetPageAsync(await AskAsync(client, Forms.SmallFineTune()));

        Assert.StartsWith("Nothing is owed", answer.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        var sb53 = answer.QuerySelector("#bill-us-ca-sb53 .nothing")!.TextContent;
        Assert.Contains("9.93e24 FLOP is not greater than 1.0e26 FLOP", sb53, StringComparison.Ordinal);
        Assert.Empty(answer.QuerySelectorAll(".duty"));
    }

    [Fact]
    public async Task An_undetermined_duty_links_to_the_field_that_settles_it_and_filling_it_settles_it()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var first = await AskAsync(client, Forms.FrontierUnknownHeadquarters());
        var answer = await client.GetPageAsync(first);
        Assert.NotEmpty(answer.QuerySelectorAll("#bill-us-ca-sb53 .badge.undetermined"));

        var link = answer.QuerySelectorAll(".find-out a").Single(a => a.TextContent.Contains("developer.headquarters", StringComparison.Ordinal));
        var href = link.GetAttribute("href")!;
        Assert.Equal($"?from={first["/decisions/".Length..]}&focus=developer-headquarters#developer-headquarters", href);

        var form = await client.GetPageAsync("/" + href.Split('#')[0]);
        var field = form.QuerySelector("#developer-headquarters")!;
        Assert.True(field.HasAttribute("autofocus"));
        Assert.Equal("2e26", form.QuerySelector("#training-computeFlop")!.GetAttribute("value"));
        using var posted = await client.SubmitAsync(form, "guided", new Dictionary<string, string> { ["developer-headquarters"] = "US-CA" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var settled = await client.GetPageAsync(Html.Target(posted));
        Assert.Empty(settled.QuerySelectorAll("#bill-us-ca-sb53 .badge.undetermined"));
        Assert.NotEmpty(settled.QuerySelectorAll("#bill-us-ca-sb53 .badge.outstanding"));
    }

    [Fact]
    public async Task The_full_reasoning_is_a_tree_of_details_asked_again_for_the_decision()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var address = await AskAsync(client, Forms.FrontierOpenRelease());

        var answer = await client.GetPageAsync(address + "?trace=true");

        Assert.NotEmpty(answer.QuerySelectorAll("#bill-us-ca-sb53 .duty .trace details summary"));
        Assert.Contains("byte for byte", answer.QuerySelector("#reasoning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_decision_is_a_404_page()
    {
        using var app = new WebApp();
        var ours = app.CreateKey("ours", "evaluate", "read");
        var theirs = app.CreateKey("theirs", "evaluate", "read");
        using var we = app.Browser();
        we.DefaultRequestHeaders.Add("X-Api-Key", ours);
        using var they = app.Browser();
        they.DefaultRequestHeaders.Add("X-Api-Key", theirs);
        var address = await AskAsync(we, Forms.FrontierOpenRelease());

        await we.GetPageAsync(address);
        var refused = await they.GetPageAsync(address, HttpStatusCode.NotFound);

        Assert.Equal("Not found", refused.QuerySelector("h1")!.TextContent);
        Assert.Empty(refused.QuerySelectorAll(".duty"));
    }
}
