using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>
/// The metadata answers are built from: who owes each duty, how sure each fact is, and each penalty declared once.
/// The schema allows these fields to be left out; the shipped bills must not leave them out.
/// </summary>
public sealed class BundledPackMetadataTests
{
    /// <summary>Each bundled pack as the engine holds it: a variant's document is merged with its base's.</summary>
    private static IEnumerable<(string Key, JsonObject Document)> Bundled() =>
        BillCatalog.Bundled.Packs.Select(p => (p.Key, p.Document));

    /// <summary>Each bundled pack as written in rules/bills, before a variant is merged with its base.</summary>
    private static IEnumerable<(string Name, JsonObject Document)> AsWritten()
    {
        var assembly = typeof(PackLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("bills/", StringComparison.Ordinal) && !PackLoader.IsTestsFile(n)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (name, JsonDocuments.Parse(reader.ReadToEnd(), yaml: true).AsObject());
        }
    }

    private static IEnumerable<JsonObject> Obligations(JsonObject document) =>
        (document["obligations"] as JsonArray ?? []).Select(o => o!.AsObject());

    [Fact]
    public void Every_obligation_of_every_bundled_pack_names_its_role()
    {
        var missing = Bundled()
            .SelectMany(p => Obligations(p.Document).Where(o => o["role"] is null).Select(o => $"{p.Key} {o["id"]}"))
            .ToList();
        Assert.True(missing.Count == 0, "no role: " + string.Join(", ", missing));
        Assert.Contains(Bundled(), p => Obligations(p.Document).Any());
    }

    [Fact]
    public void Every_obligation_penalty_names_a_penalty_its_bill_or_base_declares()
    {
        var dangling = new List<string>();
        foreach (var (key, document) in Bundled())
        {
            var declared = document["penalties"] as JsonObject ?? [];
            dangling.AddRange(Obligations(document)
                .Where(o => o["penalty"] is { } penalty && !declared.ContainsKey(penalty.GetValue<string>()))
                .Select(o => $"{key} {o["id"]}: '{o["penalty"]}'"));
        }
        Assert.True(dangling.Count == 0, "penalty not declared: " + string.Join("; ", dangling));
        Assert.Contains(Bundled(), p => Obligations(p.Document).Any(o => o["penalty"] is not null));
    }

    [Fact]
    public void A_variant_inherits_its_base_penalties_rather_than_declaring_its_own()
    {
        var variants = AsWritten().Where(p => p.Document["extends"] is not null).ToList();
        Assert.NotEmpty(variants);
        Assert.All(variants, p => Assert.True(p.Document["penalties"] is null, $"{p.Name} redeclares penalties"));
    }

    [Fact]
    public void Every_declared_penalty_has_a_citation()
    {
        var uncited = AsWritten()
            .SelectMany(p => (p.Document["penalties"] as JsonObject ?? [])
                .Where(kv => kv.Value?["citation"] is not JsonValue citation || string.IsNullOrWhiteSpace(citation.GetValue<string>()))
                .Select(kv => $"{p.Name} {kv.Key}"))
            .ToList();
        Assert.True(uncited.Count == 0, "penalty without a citation: " + string.Join(", ", uncited));
        Assert.Contains(AsWritten(), p => p.Document["penalties"] is JsonObject { Count: > 0 });
    }

    /// <summary>Doubt is the certainty field's to say: a citation carrying a [S] or [?] mark is not a clean citation.</summary>
    [Fact]
    public void No_citation_in_a_bundled_pack_carries_a_doubt_mark()
    {
        var marked = AsWritten()
            .SelectMany(p => Citations(p.Document, "").Where(c => c.Text.Contains("[S]", StringComparison.Ordinal) || c.Text.Contains("[?]", StringComparison.Ordinal))
                .Select(c => $"{p.Name} {c.Pointer}: {c.Text}"))
            .ToList();
        Assert.True(marked.Count == 0, "marked citations:\n" + string.Join("\n", marked));
    }

    private static IEnumerable<(string Pointer, string Text)> Citations(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var at = $"{pointer}/{name}";
                    if (name == "citation" && value is JsonValue text && text.TryGetValue<string>(out var citation))
                    {
                        yield return (at, citation);
                    }
                    foreach (var found in Citations(value, at))
                    {
                        yield return found;
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Citations(array[i], $"{pointer}/{i}"))
                    {
                        yield return found;
                    }
                }
                break;
        }
    }
}
