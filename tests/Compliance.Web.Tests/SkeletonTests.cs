using Compliance.Api.Auth;
using System.Net;

namespace Compliance.Web.Tests;

public sealed class SkeletonTests
{
    [Fact]
    public async Task The_stylesheet_and_the_framework_script_are_served_in_process()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");
        var stylesheet = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var script = page.QuerySelector("script[src]")!.GetAttribute("src")!;

        using var css = await client.GetAsync("/" + stylesheet);
        using var js = await client.GetAsync("/" + script);

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("@media print", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 10_000, "blazor.web.js is served whole");
    }

    [Fact]
    public async Task Every_page_has_the_navigation_to_ask_bills_and_analysis()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");

        var links = page.QuerySelectorAll("nav[aria-label=Main] li a").Select(a => a.TextContent).ToList();

        Assert.Equal(["Ask", "Bills", "Analysis"], links);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task With_keys_a_browser_signs_in_with_a_cookie_the_handler_accepts()
    {
        using var app = new WebApp();
        var key = app.CreateKey("legal", "evaluate", "read");
        using var client = app.Browser();

        using var refused = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/signin?returnUrl=%2F", Html.Target(refused));

        var signIn = await client.GetPageAsync("/signin?returnUrl=%2F");
        using var wrong = await client.SubmitAsync(signIn, "signin", new Dictionary<string, string> { ["key"] = "not-a-key" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var wrongPage = Html.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Equal("key-error", wrongPage.QuerySelector("#key")!.GetAttribute("aria-describedby"));

        using var signedIn = await client.SubmitAsync(signIn, "signin", new Dictionary<string, string> { ["key"] = key });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", Html.Target(signedIn));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(KeyCookie.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        await client.GetPageAsync("/");
        // The same cookie is a key to the JSON API too, so the answer page's Markdown link works in the browser.
        using var api = await client.GetAsync("/v1/evaluations/ev_none");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }
}
