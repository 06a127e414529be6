using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Compliance.Api.Auth;
using Compliance.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Compliance.Web.Tests;

/// <summary>The real service in-process over a SQLite file of its own, with a fixed clock, read as a browser would.</summary>
internal sealed class WebApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"compliance-web-{Guid.NewGuid():N}.db");

    /// <summary>A key in the app's store, as the CLI would create it: from then on a browser must sign in.</summary>
    public string CreateKey(string tenant, params string[] scopes)
    {
        _ = Server;
        var key = Services.GetRequiredService<KeyStore>().Create(tenant, scopes);
        Services.GetRequiredService<KeyRing>().Invalidate();
        return key.Secret;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so a test sees each one.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("COMPLIANCE_DB", DatabasePath);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(new FixedClock(Now));
        });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}\n{body}");
        return Parser.ParseDocument(body);
    }

    /// <summary>Where a redirect points, as a path and query on this site.</summary>
    public static string Target(HttpResponseMessage redirect) =>
        new Uri(new Uri("http://localhost/"), redirect.Headers.Location!).PathAndQuery;

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>
    /// Posts a page's form as a browser would: its hidden fields (the antiforgery token among them), then the given
    /// values in place of the fields of the same name.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, string formName, IDictionary<string, string> values)
    {
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Single(f => f.QuerySelector($"input[name=_handler][value={formName}]") is not null);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = input.GetAttribute("name");
            if (name is null || values.ContainsKey(name))
            {
                continue;
            }
            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when !box.IsChecked:
                case IHtmlInputElement { Type: "file" }:
                    continue;
                case IHtmlInputElement text:
                    fields.Add(new(name, text.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        fields.AddRange(values);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
