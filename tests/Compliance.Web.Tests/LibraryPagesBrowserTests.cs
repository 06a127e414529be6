using Compliance.Web.Tests.Browser;
using Microsoft.Playwright;

namespace Compliance.Web.Tests;

/// <summary>The bills and analysis pages in a real Chromium: the flows a policy analyst and a lawyer follow, with scripts and without.</summary>
[Collection(BrowserTests.Name)]
public sealed class LibraryPagesBrowserTests(BrowserFixture browser)
{
    private static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, name + ".png"), FullPage = true });

    [Theory]
    [InlineData(1280, true)]
    [InlineData(390, true)]
    [InlineData(1280, false)]
    public async Task The_compare_page_shows_what_the_deployment_only_proposal_gains_and_loses(int width, bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript, width);
        await page.GotoAsync("analysis");
        await page.Locator("#a").SelectOptionAsync("us-ca-sb1047@2024-08-enrolled");
        await page.Locator("#b").SelectOptionAsync("proposal-deployment-only@2024-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare over the corpus" }).ClickAsync();

        var result = page.Locator("#compare-result");
        await Assertions.Expect(result.Locator("h2")).ToHaveTextAsync("From us-ca-sb1047@2024-08-enrolled to proposal-deployment-only@2024-06");
        await Assertions.Expect(result.Locator("table.totals tr", new() { HasText = "Duties lost" })).ToContainTextAsync("release");
        await Assertions.Expect(result.Locator("table.totals tr", new() { HasText = "Duties gained" })).ToContainTextAsync("none");
        Assert.True(await result.Locator("td.lost li").CountAsync() > 0);
        Assert.Contains("run=compare", page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, $"library-compare-{width}{(javaScript ? "" : "-nojs")}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, true)]
    [InlineData(390, true)]
    [InlineData(1280, false)]
    public async Task The_bill_page_filters_its_duties_by_role_and_phase(int width, bool javaScript)
    {
        var page = await browser.OpenAsync(javaScript, width);
        await page.GotoAsync("bills");
        await Assertions.Expect(page.Locator("tr[data-bill=us-ca-sb1047] .status")).ToHaveTextAsync("vetoed on 2024-09-29: not law");
        await ScreenshotAsync(page, $"library-bills-{width}{(javaScript ? "" : "-nojs")}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Transparency in Frontier Artificial Intelligence Act (SB 53)" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Transparency in Frontier Artificial Intelligence Act (SB 53)");

        await page.GetByLabel("Role").SelectOptionAsync("developer");
        await page.GetByLabel("Phase").SelectOptionAsync("deployment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("bills/us-ca-sb53\\?role=developer&phase=deployment"));
        await Assertions.Expect(page.Locator("#duty-transparency-report")).ToContainTextAsync("frontier developer (role: developer)");
        await Assertions.Expect(page.Locator(".count")).ToContainTextAsync("duties match");
        await ScreenshotAsync(page, $"library-sb53-{width}{(javaScript ? "" : "-nojs")}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_sweep_draws_the_plot_and_names_the_models_that_flip_and_a_bad_field_says_why_beside_it()
    {
        var page = await browser.OpenAsync(javaScript: true);
        await page.GotoAsync("analysis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sweep over the corpus" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sweep-result figure svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sweep-result td.flipped").Filter(new() { HasText = "Llama 3.1 405B" })).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "library-sweep-1280");

        await page.GetByLabel("Parameter", new() { Exact = true }).FillAsync("compute");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sweep over the corpus" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sweep-parameter-error")).ToContainTextAsync("has no parameter 'compute'");
        await page.SetViewportSizeAsync(390, 900);
        await ScreenshotAsync(page, "library-sweep-error-390");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_library_is_reachable_from_the_keyboard()
    {
        var page = await browser.OpenAsync(javaScript: true);
        await page.GotoAsync("bills/us-ca-sb53");
        await page.Locator("#role").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Filter", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("role=developer"));
        await page.Context.CloseAsync();
    }
}
