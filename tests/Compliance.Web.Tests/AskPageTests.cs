using System.Net;
using AngleSharp.Html.Dom;

namespace Compliance.Web.Tests;

public sealed class AskPageTests
{
    [Fact]
    public async Task Every_field_of_the_ask_form_has_a_label_and_the_form_asks_what_the_bills_turn_on()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");

        var fields = page.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea").ToList();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            Assert.True(page.QuerySelector($"label[for='{field.Id}']") is not null, $"#{field.Id} has no label");
        }
        var labels = page.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Developer (your organisation)", labels);
        Assert.Contains("Where it is established", labels);
        Assert.Contains("Its own training compute (operations)", labels);
        Assert.Contains("Its own training cost (USD)", labels);
        Assert.Contains("Base model", labels);
        Assert.Contains("Its weights are", labels);
        Assert.Contains("Served through", labels);
        Assert.Contains("As of", labels);
        Assert.Equal("2026-07-01", ((IHtmlInputElement)page.QuerySelector("#asOf")!).Value);
        // The base model is picked from the corpus without a script: a datalist of its ids and Hugging Face ids.
        var corpus = page.QuerySelectorAll("#corpus-models option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("meta/llama-3.1-70b", corpus);
        Assert.Contains("meta-llama/Llama-3.1-70B", corpus);
        Assert.Equal("corpus-models", page.QuerySelector("#lineage-base")!.GetAttribute("list"));
    }

    [Fact]
    public async Task A_posted_form_stores_the_decision_and_redirects_to_its_page()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");

        using var posted = await client.SubmitAsync(page, "guided", Forms.FrontierOpenRelease());

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var answer = Html.Target(posted);
        Assert.Matches("^/decisions/ev_[0-9a-f]{32}$", answer);
        // The same decision through the JSON API: the form made the manifest the API would have been sent.
        var json = await client.GetStringAsync("/v1/evaluations/" + answer["/decisions/".Length..]);
        Assert.Contains("\"manifestId\":\"acme/frontier-1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"asOf\":\"2026-07-01\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_the_schema_refuses_is_shown_beside_its_field_with_the_schemas_message()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");
        var form = Forms.FrontierOpenRelease();
        form["training-computeFlop"] = "a lot";
        form["release-date"] = "2026-13-45";

        using var posted = await client.SubmitAsync(page, "guided", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        var answer = Html.Parse(await posted.Content.ReadAsStringAsync());
        AssertFieldError(answer, "training-computeFlop");
        AssertFieldError(answer, "release-date");
        Assert.Equal("a lot", ((IHtmlInputElement)answer.QuerySelector("#training-computeFlop")!).Value);
        Assert.Null(answer.QuerySelector("#developer-name")!.GetAttribute("aria-invalid"));
        // The summary links each error to its field.
        Assert.NotNull(answer.QuerySelector(".errors a[href$='#training-computeFlop']"));
    }

    [Fact]
    public async Task A_pasted_invalid_manifest_shows_its_errors_on_the_fields_they_are_about()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");

        using var posted = await client.SubmitAsync(page, "manifest", new Dictionary<string, string> { ["manifest"] = Forms.InvalidManifest });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        var answer = Html.Parse(await posted.Content.ReadAsStringAsync());
        AssertFieldError(answer, "training-computeFlop");
        AssertFieldError(answer, "release-weights");
        Assert.Equal("lots", ((IHtmlInputElement)answer.QuerySelector("#training-computeFlop")!).Value);
        Assert.Contains("acme/broken", answer.QuerySelector("#manifest")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_is_not_json_or_yaml_is_refused_beside_the_text_box()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");

        using var posted = await client.SubmitAsync(page, "manifest", new Dictionary<string, string> { ["manifest"] = "{ \"id\": " });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        AssertFieldError(Html.Parse(await posted.Content.ReadAsStringAsync()), "manifest");
    }

    [Fact]
    public async Task A_pasted_hugging_face_model_card_is_read_as_the_cli_reads_it_and_its_hub_base_resolves_in_the_corpus()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");
        const string card = """
            ---
            license: apache-2.0
            base_model: meta-llama/Llama-3.1-70B
            base_model_relation: finetune
            pipeline_tag: text-generation
            model_name: Acme Tune
            ---
            # Acme Tune
            A fine-tune of Llama 3.1 70B.
            """;

        using var posted = await client.SubmitAsync(page, "manifest", new Dictionary<string, string>
        {
            ["manifest"] = card, ["card-id"] = "acme/tune", ["manifest-asOf"] = "2026-07-01",
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var json = await client.GetStringAsync("/v1/evaluations/" + Html.Target(posted)["/decisions/".Length..]);
        Assert.Contains("\"manifestId\":\"acme/tune\"", json, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"meta/llama-3.1-70b\"", json, StringComparison.Ordinal);

        // The answer lists what the card left out, in the words compliance import prints.
        var answer = await client.GetPageAsync(Html.Target(posted));
        var compute = answer.QuerySelectorAll(".find-out > ul > li").Single(li => li.QuerySelector("a")!.TextContent == "Find out lineage.computeFlop");
        Assert.Contains(compute.QuerySelectorAll(".why li"), why => why.TextContent.StartsWith("SB 53 needs it to decide whether these hold: frontier model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pasted_cyclonedx_bom_is_read_as_its_model_component_and_a_bom_without_one_is_refused_beside_the_text_box()
    {
        using var app = new WebApp();
        using var client = app.Browser();
        var page = await client.GetPageAsync("/");
        const string bom = """
            { "bomFormat": "CycloneDX", "specVersion": "1.6",
              "components": [ { "type": "machine-learning-model", "group": "acme", "name": "bom-model",
                                "licenses": [ { "license": { "id": "MIT" } } ] } ] }
            """;

        using var posted = await client.SubmitAsync(page, "manifest", new Dictionary<string, string> { ["manifest"] = bom, ["manifest-asOf"] = "2026-07-01" });

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var json = await client.GetStringAsync("/v1/evaluations/" + Html.Target(posted)["/decisions/".Length..]);
        Assert.Contains("\"manifestId\":\"acme/bom-model\"", json, StringComparison.Ordinal);

        page = await client.GetPageAsync("/");
        using var refused = await client.SubmitAsync(page, "manifest", new Dictionary<string, string> { ["manifest"] = """{ "bomFormat": "CycloneDX", "components": [] }""" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var answer = Html.Parse(await refused.Content.ReadAsStringAsync());
        AssertFieldError(answer, "manifest");
        Assert.Contains("no component of type machine-learning-model", answer.QuerySelector("#manifest-error")!.TextContent, StringComparison.Ordinal);
    }

    private static void AssertFieldError(IHtmlDocument page, string field)
    {
        var input = page.QuerySelector("#" + field)!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains(field + "-error", input.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"#{field}-error")?.TextContent), $"#{field}-error is empty");
    }
}
