using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Compliance.Rules.Corpus;
using Compliance.Rules.Importers;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Tests;

/// <summary>What the bills still need, as the importers print it and the answer page shows it: manifest fields, in words.</summary>
public sealed partial class NeededFactsTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "schemas/manifest.schema.json")))!;

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex ItemIndex();

    private static Manifest ExampleCard() => ManifestJson.Read(HuggingFaceCard.Read(
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples/import/lexwright-ai/Llama-3.1-70B-Lexwright-Instruct/README.md")),
        location: "examples/import/lexwright-ai/Llama-3.1-70B-Lexwright-Instruct/README.md").Manifest);

    private static Manifest ExampleBom() => ManifestJson.Read(CycloneDxBom.Read(
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples/import/lexwright-llama-3.1-70b.cdx.json")))!).Manifest);

    /// <summary>Whether the manifest schema has the field: properties by name, a list's items by [ ], following $ref; walked here, apart from the engine.</summary>
    private static bool SchemaAccepts(string field)
    {
        var node = Resolve(Schema);
        foreach (var segment in ItemIndex().Replace(field, "[]").Split('.'))
        {
            var name = segment.EndsWith("[]", StringComparison.Ordinal) ? segment[..^2] : segment;
            if (Resolve(node)["properties"]?[name] is not { } property)
            {
                return false;
            }
            node = Resolve(property);
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                if (node["items"] is not { } items)
                {
                    return false;
                }
                node = Resolve(items);
            }
        }
        return true;
    }

    private static JsonNode Resolve(JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(reference == "#" ? Schema : Schema["definitions"]![reference["#/definitions/".Length..]]!)
            : node;

    [Fact]
    public void Every_fact_the_bills_ask_for_is_a_field_the_manifest_schema_accepts()
    {
        var dates = new[] { "2024-09-01", "2026-12-02", "2027-06-01" }.Select(d => DateOnly.Parse(d, CultureInfo.InvariantCulture));
        var deployments = ManifestJson.ReadText("""
            { "schemaVersion": "1", "id": "acme/served", "release": { "weights": "licensed" },
              "lineage": { "base": "unknown-org/base-model" },
              "deployments": [ { "id": "chat" }, { "id": "scoring", "channel": "api", "domains": ["employment"] } ] }
            """);
        var manifests = new[] { ExampleCard(), ExampleBom(), deployments }.Concat(ReferenceCorpus.Bundled.Entries.Select(e => e.Manifest));
        // Every bill, every version, on dates before, between and after their duties apply.
        var suggested = dates.SelectMany(date => manifests.SelectMany(m => ImportAdvice.Of(m, BillCatalog.Bundled.Packs, date))).ToList();

        Assert.Contains(suggested, f => f.Field.StartsWith("deployments[chat].", StringComparison.Ordinal));
        Assert.Contains(suggested, f => f.Of == "unknown-org/base-model");
        Assert.All(suggested.Select(f => f.Field).Distinct(), field => Assert.True(SchemaAccepts(field), $"{field} is not a manifest field"));
    }

    [Fact]
    public void A_fine_tune_card_is_told_which_bills_need_its_step_compute_and_what_each_would_decide_with_it()
    {
        var selection = BillSelection.For(null, Today, BillCatalog.Bundled, BillCatalog.Bundled, "");

        var needed = ImportAdvice.Of(ExampleCard(), [.. selection.Bills, .. selection.Upcoming], Today);

        var compute = needed.Single(f => f.Name == "lineage.computeFlop");
        Assert.Equal("operations of the modification step only", compute.Meaning);
        var sb53 = compute.By.Single(b => b.Bill == "us-ca-sb53");
        Assert.StartsWith("SB 53 needs it to decide whether these hold: frontier model, frontier developer, large frontier developer; and whether ", sb53.Sentence, StringComparison.Ordinal);
        var raise = compute.By.Single(b => b.Bill == "us-ny-raise");
        Assert.StartsWith("New York RAISE Act (enacted: in force from 2027-01-01) needs it", raise.Sentence, StringComparison.Ordinal);
        // The base is in the corpus: its compute is known, so only what the corpus lacks is asked of it.
        Assert.DoesNotContain(needed, f => f.Of == "meta/llama-3.1-70b" && f.Field == "training.computeFlop");
    }

    [Fact]
    public void Whether_a_base_is_the_developers_own_is_asked_as_the_developer_names_it_is_decided_from()
    {
        var tune = ManifestJson.ReadText("""
            { "schemaVersion": "1", "id": "acme/tune",
              "lineage": { "base": { "schemaVersion": "1", "id": "acme/base", "training": { "computeFlop": 2e26 } }, "relation": "finetune", "computeFlop": 1e24 } }
            """);

        var needed = ImportAdvice.Of(tune, [BillCatalog.Bundled.Find("eu-ai-act")!, BillCatalog.Bundled.Find("us-ca-sb1047")!], Today);

        Assert.Contains(needed, f => f is { Of: null, Field: "developer.name" });
        Assert.Contains(needed, f => f is { Of: "acme/base", Field: "developer.name" });
        Assert.DoesNotContain(needed, f => f.Field.Contains("sameDeveloper", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Transparency in Frontier Artificial Intelligence Act (SB 53)", "SB 53")]
    [InlineData("Safe and Secure Innovation for Frontier Artificial Intelligence Models Act (SB 1047, enrolled)", "SB 1047, enrolled")]
    [InlineData("EU Artificial Intelligence Act (Regulation (EU) 2024/1689), GPAI and AI-system duties", "EU Artificial Intelligence Act")]
    [InlineData("Proposal: a published Model Spec for every model served to customers (Lambert, 2024)", "Proposal: a published Model Spec for every model served to customers")]
    [InlineData("Executive Order 14110, § 4.2 reporting on dual-use foundation models and computing clusters", "Executive Order 14110")]
    public void A_bill_is_named_in_a_sentence_by_its_number_or_its_title_before_the_first_aside(string title, string name) =>
        Assert.Equal(name, NeededFacts.BillName(title));
}
