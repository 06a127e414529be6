using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Compliance.Storage;

namespace Compliance.Api.Tests;

/// <summary>A stored decision answers as the memo a lawyer files, in Markdown or HTML, to its own tenant only.</summary>
public sealed class MemoApiTests
{
    private static async Task<string> DecideAsync(HttpClient client)
    {
        var decided = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        return (string)(await decided.JsonAsync())["id"]!;
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        }
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_stored_decision_answers_as_a_markdown_memo_that_names_the_decision_and_its_digests()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var id = await DecideAsync(client);

        var response = await client.GetAsync($"/v1/evaluations/{id}?format=markdown");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var memo = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# What is owed for acme/frontier-1, as of 2026-07-01\n", memo, StringComparison.Ordinal);
        Assert.Contains("under the bills named in the request", memo, StringComparison.Ordinal);
        Assert.Contains("> **Not in force on 2026-07-01:** vetoed", memo, StringComparison.Ordinal);
        Assert.Contains($"- **Decision:** `{id}`", memo, StringComparison.Ordinal);
        var json = await client.GetNodeAsync($"/v1/evaluations/{id}");
        Assert.Contains($"`{(string)json["manifestDigest"]!}`", memo, StringComparison.Ordinal);
        Assert.Contains($"`{(string)json["bills"]![0]!["digest"]!}`", memo, StringComparison.Ordinal);
        // The same stored decision gives the same memo, byte for byte.
        Assert.Equal(memo, await client.GetStringAsync($"/v1/evaluations/{id}?format=markdown"));
    }

    [Fact]
    public async Task A_stored_decision_answers_as_a_printable_html_page_and_json_stays_the_stored_bytes()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var id = await DecideAsync(client);

        var html = await client.GetAsync($"/v1/evaluations/{id}?format=html");
        var json = await client.GetAsync($"/v1/evaluations/{id}?format=json");

        Assert.Equal("text/html; charset=utf-8", html.Content.Headers.ContentType!.ToString());
        var page = await html.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>\n", page, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>What is owed for acme/frontier-1, as of 2026-07-01</title>", page, StringComparison.Ordinal);
        Assert.Contains("@media print", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await client.GetByteArrayAsync($"/v1/evaluations/{id}"), await json.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("text/markdown", null, "text/markdown")]
    [InlineData("text/html", null, "text/html")]
    [InlineData("application/json", null, "application/json")]
    [InlineData("*/*", null, "application/json")]
    [InlineData("image/png", null, "application/json")]
    [InlineData("text/html", "json", "application/json")]
    [InlineData("application/json", "markdown", "text/markdown")]
    public async Task The_accept_header_chooses_the_answer_and_format_wins_over_it(string accept, string? format, string expected)
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var id = await DecideAsync(client);

        var response = await GetAsync(client, $"/v1/evaluations/{id}" + (format is null ? "" : "?format=" + format), accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_browser_accept_list_gets_the_html_page()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var id = await DecideAsync(client);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/evaluations/{id}");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await client.SendAsync(request);

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_unknown_format_is_a_422_naming_format_and_the_formats_there_are(string method)
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var id = await DecideAsync(client);

        var response = method == "GET"
            ? await client.GetAsync($"/v1/evaluations/{id}?format=pdf")
            : await client.PostJsonAsync("/v1/evaluations?format=pdf", Manifests.Evaluate(Manifests.CoveredRelease()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = (await response.JsonAsync())["errors"]![0]!;
        Assert.Equal("?format", (string)error["pointer"]!);
        Assert.Equal("'pdf' is not one of json, markdown, html", (string)error["detail"]!);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("html")]
    public async Task Another_tenants_decision_is_a_404_in_every_format(string format)
    {
        await using var app = new ComplianceApp();
        var acme = app.ClientWith(app.CreateKey("acme", Scopes.Evaluate, Scopes.Read));
        var beta = app.ClientWith(app.CreateKey("beta", Scopes.Evaluate, Scopes.Read));
        var id = await DecideAsync(acme);

        var mine = await acme.GetAsync($"/v1/evaluations/{id}?format={format}");
        var theirs = await beta.GetAsync($"/v1/evaluations/{id}?format={format}");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("acme/frontier-1", await theirs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_with_format_markdown_answers_the_memo_and_still_stores_the_decision()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/evaluations?format=markdown", Manifests.Evaluate(Manifests.CoveredRelease()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/v1/evaluations/ev_", location, StringComparison.Ordinal);
        var memo = await response.Content.ReadAsStringAsync();
        var id = location["/v1/evaluations/".Length..];
        Assert.Contains($"- **Decision:** `{id}`", memo, StringComparison.Ordinal);
        // What was answered is what the stored decision reads back as.
        Assert.Equal(memo, await client.GetStringAsync(location + "?format=markdown"));
        Assert.Equal(id, (string)(await client.GetNodeAsync(location))["id"]!);
    }

    [Fact]
    public async Task A_manifest_cannot_put_a_link_or_html_into_the_memo()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var manifest = Manifests.CoveredRelease();
        manifest["name"] = "[x](javascript:alert(1)) <script>alert(1)</script> <img src=x onerror=alert(1)>";
        manifest["developer"]!["name"] = "Acme\n# Injected heading";

        var response = await client.PostJsonAsync("/v1/evaluations?format=html", Manifests.Evaluate(manifest));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h1>Injected", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal);
    }
}
