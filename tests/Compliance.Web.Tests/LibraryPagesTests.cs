using System.Net;
using AngleSharp.Dom;

namespace Compliance.Web.Tests;

/// <summary>The bills and analysis pages as HTML, through the real service in-process (no keys: the loopback caller).</summary>
public sealed class LibraryPagesTests
{
    private static string Text(IElement? element) => string.Join(' ', (element?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_bills_page_lists_the_bundled_bills_with_their_standing_in_words()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/bills");

        var sb1047 = page.QuerySelector("tr[data-bill=us-ca-sb1047]");
        Assert.Equal("vetoed on 2024-09-29: not law", Text(sb1047!.QuerySelector(".status")));
        Assert.Equal("not in force", Text(sb1047.QuerySelector(".badge.not-in-force")));
        Assert.Equal(["2024-02-introduced", "2024-08-enrolled"], sb1047.QuerySelectorAll(".versions a").Select(a => a.TextContent));
        var sb53 = page.QuerySelector("tr[data-bill=us-ca-sb53]");
        Assert.Equal("enacted: in force since 2026-01-01", Text(sb53!.QuerySelector(".status")));
        Assert.Equal("in force", Text(sb53.QuerySelector(".badge.in-force")));
        Assert.Equal("bills/us-ca-sb53", sb53.QuerySelector("th[scope=row] a")!.GetAttribute("href"));
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task A_bill_page_shows_its_dates_in_order_and_its_thresholds_with_their_citations()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/bills/us-ca-sb53");

        Assert.Equal("Transparency in Frontier Artificial Intelligence Act (SB 53)", Text(page.QuerySelector("h1")));
        Assert.Equal("enacted: in force since 2026-01-01", Text(page.QuerySelector(".standing .status")));
        var timeline = page.QuerySelectorAll("ol.timeline > li").Select(Text).ToList();
        Assert.StartsWith("2025-09-29 signed by the Governor: Chapter 138, Statutes of 2025", timeline[0], StringComparison.Ordinal);
        Assert.Contains(timeline, e => e.StartsWith("2026-01-01 takes effect (codified header of BPC § 22757.14", StringComparison.Ordinal));
        var dates = page.QuerySelectorAll("ol.timeline time").Select(t => t.GetAttribute("datetime")!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);

        var threshold = page.QuerySelector("#parameter-frontier_compute_flop")!;
        Assert.Contains("BPC § 22757.11(i)", Text(threshold), StringComparison.Ordinal);
        Assert.Equal("1e26", threshold.QuerySelector(".num")!.GetAttribute("title"));
        Assert.Contains("FLOP", Text(threshold), StringComparison.Ordinal);
        Assert.Contains("run=sweep", threshold.QuerySelector("a.sweep-link")!.GetAttribute("href"), StringComparison.Ordinal);

        var frontier = page.QuerySelector("#definition-frontier_model + dd")!;
        Assert.Equal("BPC § 22757.11(i)", Text(frontier.QuerySelector("a[href^='https://leginfo']")));
        // The penalty of a duty whose sanction is open says so, with its citation.
        var unsettled = page.QuerySelectorAll("li.duty").Where(d => d.QuerySelector(".badge.certainty") is not null).ToList();
        Assert.NotEmpty(unsettled);
        Assert.Contains(unsettled, d => Text(d).Contains("no statutory penalty found for other frontier developers (BPC § 22757.15) unsettled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_role_filter_finds_the_frontier_developer_duties_under_the_developer_role()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var all = await client.GetPageAsync("/bills/us-ca-sb53");
        var page = await client.GetPageAsync("/bills/us-ca-sb53?role=developer&phase=deployment");

        var duties = page.QuerySelectorAll("li.duty").ToList();
        Assert.NotEmpty(duties);
        Assert.True(duties.Count < all.QuerySelectorAll("li.duty").Length, "the filter narrows the catalogue");
        var report = page.QuerySelector("#duty-transparency-report")!;
        Assert.Contains("frontier developer (role: developer)", Text(report), StringComparison.Ordinal);
        Assert.Equal("https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=BPC&sectionNum=22757.12", report.QuerySelector("h3 + p a")!.GetAttribute("href"));
        Assert.All(duties, d => Assert.Contains("deployment", Text(d.QuerySelector("dl.facts")), StringComparison.Ordinal));
        Assert.Equal("developer", page.QuerySelector("#role option[selected]")!.GetAttribute("value"));
        Assert.Equal($"{duties.Count} of {all.QuerySelectorAll("li.duty").Length} duties match", Text(page.QuerySelector(".count")));

        var none = await client.GetPageAsync("/bills/us-ca-sb53?role=deployer");
        Assert.Empty(none.QuerySelectorAll("li.duty"));
        var bad = await client.GetPageAsync("/bills/us-ca-sb53?phase=launch", (HttpStatusCode)422);
        Assert.Equal("'launch' is not one of training, release, deployment, incident, periodic", Text(bad.QuerySelector("#phase-error")));
        Assert.Equal("phase-error", bad.QuerySelector("#phase")!.GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task An_unknown_bill_is_a_404_page_that_leads_back_to_the_library()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/bills/nope", HttpStatusCode.NotFound);

        Assert.Equal("No bill “nope”", Text(page.QuerySelector("h1")));
        Assert.NotNull(page.QuerySelector("main a[href=bills]"));
        await client.GetPageAsync("/bills/us-ca-sb1047@2024-02-introduced");
        await client.GetPageAsync("/bills/us-ca-sb1047@1999", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Comparing_sb1047_with_the_deployment_only_proposal_shows_the_release_duties_lost()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/analysis?run=compare&a=us-ca-sb1047&b=proposal-deployment-only");

        var result = page.QuerySelector("#compare-result")!;
        Assert.Equal("From us-ca-sb1047@2024-08-enrolled to proposal-deployment-only@2024-06", Text(result.QuerySelector("h2")));
        var totals = result.QuerySelectorAll("table.totals tbody tr").ToDictionary(r => Text(r.QuerySelector("th")), r => r.QuerySelectorAll("td").Select(Text).ToList());
        Assert.Equal("none", totals["Duties gained"].Single());
        Assert.Contains("release", totals["Duties lost"].Single(), StringComparison.Ordinal);
        // Over the corpus the duties lost were only undetermined (the open models' costs are unknown): counted apart.
        Assert.StartsWith("−", totals["Duties undetermined, all models"][2], StringComparison.Ordinal);
        Assert.Contains("undetermined", totals["Duties lost"].Single(), StringComparison.Ordinal);
        var rows = result.QuerySelectorAll("table.changes-table tbody tr").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("—", Text(r.QuerySelector("td.gained"))));
        Assert.Contains(rows, r => r.QuerySelectorAll("td.lost li a").Any(a => a.GetAttribute("href")!.StartsWith("bills/us-ca-sb1047@2024-08-enrolled#duty-", StringComparison.Ordinal)));
        // The form keeps what was asked, so the page is the permalink of the question.
        Assert.Equal("proposal-deployment-only@2024-06", page.QuerySelector("#b option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_lower_threshold_of_the_analysts_own_brings_models_into_scope()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/analysis?run=compare&a=us-ca-sb1047&b=us-ca-sb1047&bOverrides=covered_compute_flop%3D1e24%2C+covered_cost_usd%3D1e6");

        var result = page.QuerySelector("#compare-result")!;
        Assert.Contains("with covered_compute_flop=1E+24, covered_cost_usd=1000000", Text(result.QuerySelector("h2")), StringComparison.Ordinal);
        Assert.Contains(result.QuerySelectorAll("table.changes-table td.gained li"), li => li.TextContent.Length > 0);
        Assert.Equal("covered_compute_flop=1e24, covered_cost_usd=1e6", page.QuerySelector("#b-overrides")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_sweep_shows_the_plot_and_the_models_that_flip_at_each_step()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/analysis?run=sweep&bill=us-ca-sb53&parameter=frontier_compute_flop&from=1e24&to=1e28&steps=9&scale=log");

        var result = page.QuerySelector("#sweep-result")!;
        var svg = result.QuerySelector("figure.plot svg")!;
        Assert.NotNull(svg.QuerySelector("g.series[data-definition=frontier_model] polyline"));
        var rows = result.QuerySelectorAll("table.points tbody tr").ToList();
        Assert.Equal(9, rows.Count);
        Assert.Equal("first value", Text(rows[0].QuerySelector("td.flipped")));
        var flipped = rows.SelectMany(r => r.QuerySelectorAll("td.flipped li")).Select(li => li.TextContent).ToList();
        // Each model by name, with what changed for it.
        Assert.Contains(flipped, f => f.StartsWith("Llama 3.1 405B", StringComparison.Ordinal) && f.Contains('→', StringComparison.Ordinal));
        Assert.Contains(rows, r => Text(r.QuerySelector("td.flipped")) == "none");
    }

    [Fact]
    public async Task A_sweep_with_estimates_lists_each_estimated_cost_and_keeps_the_box_ticked()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/analysis?run=sweep&bill=us-ca-sb1047&parameter=covered_compute_flop&from=1e24&to=1e27&steps=4&scale=log&estimates=on");

        var estimates = page.QuerySelector("#sweep-result details.estimates")!;
        Assert.Contains("estimated from compute", Text(estimates.QuerySelector("summary")), StringComparison.Ordinal);
        Assert.Contains("secondary", Text(estimates.QuerySelector("summary")), StringComparison.Ordinal);
        Assert.NotEmpty(estimates.QuerySelectorAll("li"));
        Assert.True(page.QuerySelector("#sweep-estimates")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#compare-estimates")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task Bad_sweep_input_shows_the_apis_messages_beside_the_fields()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/analysis?run=sweep&bill=us-ca-sb53&parameter=compute&from=1e24&to=1e28&steps=900&scale=log", (HttpStatusCode)422);

        Assert.Equal("'us-ca-sb53' has no parameter 'compute'; it has frontier_compute_flop, large_developer_revenue_usd", Text(page.QuerySelector("#sweep-parameter-error")));
        Assert.Equal("steps must be between 2 and 200 (limit)", Text(page.QuerySelector("#sweep-steps-error")));
        Assert.Contains("sweep-parameter-error", page.QuerySelector("#sweep-parameter")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#sweep-parameter")!.GetAttribute("aria-invalid"));
        Assert.Equal("compute", page.QuerySelector("#sweep-parameter")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#sweep-result"));
        Assert.Equal(2, page.QuerySelectorAll(".errors li a").Length);

        var compare = await client.GetPageAsync("/analysis?run=compare&a=us-ca-sb1047&b=us-ca-sb1047&bOverrides=frontier_compute_flop%3D1e25&asOf=2026-13-01", (HttpStatusCode)422);
        Assert.StartsWith("'us-ca-sb1047' has no parameter 'frontier_compute_flop'; it has covered_compute_flop", Text(compare.QuerySelector("#b-overrides-error")), StringComparison.Ordinal);
        Assert.Equal("'2026-13-01' is not a date (YYYY-MM-DD)", Text(compare.QuerySelector("#compare-asOf-error")));
    }

    [Fact]
    public async Task With_keys_the_analysis_page_needs_the_analyst_scope_and_the_bills_stay_public()
    {
        using var app = new WebApp();
        app.CreateKey("legal", "evaluate", "read");
        using var client = app.Browser();

        using var refused = await client.GetAsync("/analysis");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fanalysis", Html.Target(refused));
        await client.GetPageAsync("/bills");
        await client.GetPageAsync("/bills/us-ca-sb53");
    }
}
