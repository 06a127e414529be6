using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Compliance.Web.Tests.Browser;

/// <summary>
/// A legal team's flows in a real headless Chromium against the service as a process: each once with scripts (enhanced
/// navigation and forms through blazor.web.js) and once without (plain HTML forms and links).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed partial class FlowTests(BrowserFixture browser)
{
    private static readonly HashSet<string> Selects =
        ["generalPurpose", "training-status", "lineage-relation", "release-weights", "deployments-0-channel", "deployments-0-interactsWithNaturalPersons", "bills"];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_frontier_models_open_release_shows_the_sb53_duties_with_citations(bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript);
        await page.GotoAsync("/");
        await FillAsync(page, Forms.FrontierOpenRelease());
        if (javaScript)
        {
            await ShootAsync(page, "ask");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(DecisionUrl());
        var sb53 = page.Locator("#bill-us-ca-sb53");
        await Expect(sb53.Locator("h2")).ToContainTextAsync("in force");
        await Expect(sb53.Locator(".duty")).ToHaveCountAsync(13);
        var citation = sb53.GetByRole(AriaRole.Link, new() { Name = "BPC § 22757.12(a)", Exact = true });
        await Expect(citation).ToHaveAttributeAsync("href", new Regex("^https://"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download as Markdown" })).ToHaveAttributeAsync("href", new Regex(@"v1/evaluations/ev_\w+\?format=markdown$"));
        if (javaScript)
        {
            await ShootAsync(page, "answer");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_small_fine_tune_of_a_corpus_model_shows_that_nothing_is_owed_and_why(bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript);
        await page.GotoAsync("/");
        await FillAsync(page, Forms.SmallFineTune());

        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(DecisionUrl());
        await Expect(page.Locator(".lead")).ToHaveTextAsync(new Regex("^Nothing is owed"));
        await Expect(page.Locator("#bill-us-ca-sb53 .nothing")).ToContainTextAsync("is not greater than 1.0e26 FLOP");
        await Expect(page.Locator(".duty")).ToHaveCountAsync(0);
        if (javaScript)
        {
            await ShootAsync(page, "nothing-owed");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_pasted_invalid_manifest_shows_the_errors_on_the_right_fields(bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript);
        await page.GotoAsync("/");
        await page.GetByLabel("Manifest", new() { Exact = true }).FillAsync(Forms.InvalidManifest);

        await page.GetByRole(AriaRole.Button, new() { Name = "Ask with this manifest" }).ClickAsync();

        var compute = page.GetByLabel("Its own training compute (operations)");
        await Expect(compute).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(compute).ToHaveValueAsync("lots");
        await Expect(page.Locator("#training-computeFlop-error")).Not.ToBeEmptyAsync();
        await Expect(page.GetByLabel("Its weights are")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#developer-name")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        if (javaScript)
        {
            await ShootAsync(page, "errors");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_undetermined_dutys_find_out_link_leads_to_the_field_and_filling_it_settles_the_duty(bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript);
        await page.GotoAsync("/");
        await FillAsync(page, Forms.FrontierUnknownHeadquarters());
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(DecisionUrl());
        await Expect(page.Locator("#bill-us-ca-sb53 .badge.undetermined").First).ToBeVisibleAsync();

        await page.Locator(".find-out").GetByRole(AriaRole.Link, new() { Name = "Find out developer.headquarters" }).ClickAsync();

        await page.WaitForURLAsync(new Regex(@"focus=developer-headquarters#developer-headquarters$"));
        var field = page.GetByLabel("Where it is established");
        await Expect(field).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Its own training compute (operations)")).ToHaveValueAsync("2e26");
        await field.FillAsync("US-CA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).ClickAsync();

        await page.WaitForURLAsync(DecisionUrl());
        await Expect(page.Locator("#bill-us-ca-sb53 .badge.outstanding").First).ToBeVisibleAsync();
        await Expect(page.Locator("#bill-us-ca-sb53 .badge.undetermined")).ToHaveCountAsync(0);
    }

    private static Regex DecisionUrl() => DecisionPath();

    private static async Task FillAsync(IPage page, Dictionary<string, string> form)
    {
        foreach (var (id, value) in form)
        {
            var field = page.Locator("#" + id);
            if (Selects.Contains(id))
            {
                await field.SelectOptionAsync(value);
            }
            else
            {
                await field.FillAsync(value);
            }
        }
    }

    /// <summary>The page at 1280 px and at 390 px wide, whole, into the test output's screenshots folder.</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [GeneratedRegex(@"/decisions/ev_[0-9a-f]{32}$")]
    private static partial Regex DecisionPath();
}
