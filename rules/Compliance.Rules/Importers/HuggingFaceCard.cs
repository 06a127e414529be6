using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Compliance.Rules.Json;

namespace Compliance.Rules.Importers;

/// <summary>
/// A Hugging Face model card (README.md with YAML front matter, as the Hub publishes it) read as a manifest. Only what
/// the card states is carried over; a fact it does not give stays unknown, and numbers it gives for something else
/// (grams of CO2, a count of GPUs) are kept as sources, never turned into compute. Text in, manifest out: no I/O.
/// </summary>
public static partial class HuggingFaceCard
{
    // base_model_relation as the Hub spells it, to the manifest's relation.
    private static readonly Dictionary<string, string> Relations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["finetune"] = "finetune", ["adapter"] = "adapter", ["merge"] = "merge", ["quantized"] = "quantization",
    };

    // Hugging Face licence ids that differ from their SPDX id only in case; anything else is custom terms.
    private static readonly Dictionary<string, string> Spdx = new(StringComparer.OrdinalIgnoreCase)
    {
        ["apache-2.0"] = "Apache-2.0", ["mit"] = "MIT", ["bsd-3-clause"] = "BSD-3-Clause", ["bsd-2-clause"] = "BSD-2-Clause",
        ["cc-by-4.0"] = "CC-BY-4.0", ["cc-by-sa-4.0"] = "CC-BY-SA-4.0", ["cc-by-nc-4.0"] = "CC-BY-NC-4.0", ["cc0-1.0"] = "CC0-1.0",
        ["gpl-3.0"] = "GPL-3.0-only", ["agpl-3.0"] = "AGPL-3.0-only", ["lgpl-3.0"] = "LGPL-3.0-only", ["mpl-2.0"] = "MPL-2.0",
        ["openrail"] = "LicenseRef-openrail", ["bigscience-openrail-m"] = "LicenseRef-bigscience-openrail-m",
    };

    private static readonly Dictionary<string, string> Outputs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text-generation"] = "text", ["text2text-generation"] = "text", ["image-text-to-text"] = "text", ["summarization"] = "text",
        ["translation"] = "text", ["conversational"] = "text", ["text-to-image"] = "image", ["image-to-image"] = "image",
        ["text-to-speech"] = "audio", ["text-to-audio"] = "audio", ["text-to-video"] = "video", ["image-to-video"] = "video",
    };

    /// <summary>Data sets kept as sources; the manifest holds at most 64 sources in all.</summary>
    private const int MaxDataSets = 32;

    // The Hub's card template writes "- **Developed by:** NAME"; Meta's cards "**Model developer**: NAME".
    [GeneratedRegex(@"^\s*[-*+]?\s*(?:\*\*|__)?\s*(?:Developed by|Model developers?)\s*:?\s*(?:\*\*|__)?\s*:?\s*(?<who>.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DevelopedByLine();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    /// <summary>
    /// The card as a manifest. <paramref name="id"/> names the model; left out, the card's model name (model_name, or
    /// model-index) or <paramref name="location"/> does: the card's path, read as text for the Hub's download cache
    /// (models--OWNER--NAME) or for folders OWNER/NAME that end in the card's model name or, when
    /// <paramref name="besideModelFiles"/> (the caller saw weights or a config beside the card), whatever they are.
    /// </summary>
    public static ImportedManifest Read(string readme, string? id = null, string? location = null, bool besideModelFiles = false)
    {
        var (card, body) = FrontMatter(readme);
        var name = Text(card["model_name"]) ?? Text((card["model-index"] as JsonArray)?.FirstOrDefault()?["name"]);
        var (modelId, idFrom, owner) = Identify(id, name, location, besideModelFiles);
        var draft = new ManifestDraft(modelId, idFrom);
        if (name is { Length: <= 200 })
        {
            draft.Set("name", name, card["model_name"] is not null ? "model_name" : "model-index");
        }
        Developer(draft, card, body, owner, modelId);
        Lineage(draft, card);
        if (Text(card["pipeline_tag"]) is { } tag && Outputs.TryGetValue(tag, out var output))
        {
            draft.Set("outputModalities", new JsonArray(output), $"pipeline_tag {tag}");
        }
        // A card on the Hub is an upload for download: an open release, or a gated one behind an access form.
        var gated = card["extra_gated_prompt"] is not null || card["extra_gated_fields"] is not null;
        draft.Set("release.weights", gated ? "gated" : "open", gated ? "an access form (extra_gated_*) guards the download" : "published on the Hub with no access form");
        if (Text(card["license"]) is { } license)
        {
            var spdx = Spdx.TryGetValue(license, out var known) ? known
                : license == "other" && Text(card["license_name"]) is { } custom ? "LicenseRef-" + custom
                : "LicenseRef-" + license;
            draft.Set("release.license", spdx, "license");
        }
        draft.Manifest["sources"] = Sources(draft, card, modelId);
        return draft.Done();
    }

    /// <summary>
    /// The model's id and where it came from, and the Hub owner when the id is surely the Hub's (given, named by the
    /// card, or the cache's folder). Folders OWNER/NAME name the model but not its developer: a clone into a home
    /// folder (/home/alice/NAME) looks the same.
    /// </summary>
    private static (string Id, string From, string? Owner) Identify(string? given, string? name, string? location, bool besideModelFiles)
    {
        if (given?.Trim() is { Length: > 0 } named)
        {
            return (named, "as given", HubModels.IsHubId(named) ? HubModels.Owner(named) : null);
        }
        if (HubModels.IsHubId(name))
        {
            return (name!, "the card's model name", HubModels.Owner(name!));
        }
        if (location is not null && HubModels.FromCacheFolder(location) is { } cached)
        {
            return (cached, "the Hugging Face cache folder the card was read from", HubModels.Owner(cached));
        }
        var folders = location is null ? null : HubModels.FromFolders(location);
        if (folders is not null && name is not null && folders.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase))
        {
            return (folders, "the folders the card was read from, which end in its model name", null);
        }
        if (HubModels.IsArtifactId(name))
        {
            return (name!, "the card's model name", null);
        }
        if (folders is not null && besideModelFiles)
        {
            return (folders, "the folders of the model download the card was read from; give the id if that is not its Hub id", null);
        }
        throw new InvalidInputException("No model id", "",
            "the card does not name the model (model_name, model-index) and was not read from a Hub download's folder (models--OWNER--NAME, or OWNER/NAME with the model's files): give the model's id, OWNER/NAME");
    }

    /// <summary>
    /// Who trains the model: the corpus's name for the Hub owner's developer when the corpus knows the owner (so the
    /// model and a base of the same owner compare as one developer), else the card's own "Developed by", else the
    /// quantizer it names, else the Hub owner.
    /// </summary>
    private static void Developer(ManifestDraft draft, JsonObject card, string body, string? owner, string modelId)
    {
        if (owner is not null && HubModels.CorpusDeveloper(owner) is not null)
        {
            draft.DeveloperOfOwner(owner, $"the id {modelId}");
        }
        else if (DevelopedBy(body) is { } developer)
        {
            draft.Set("developer.name", developer, "the card's 'Developed by'");
        }
        else if (Text(card["quantized_by"]) is { Length: <= 200 } quantizer)
        {
            draft.Set("developer.name", quantizer, "quantized_by: who made this quantization");
        }
        else if (owner is not null)
        {
            draft.DeveloperOfOwner(owner, $"the id {modelId}");
        }
    }

    private static string? DevelopedBy(string body)
    {
        foreach (Match line in DevelopedByLine().Matches(body))
        {
            var who = MarkdownLink().Replace(line.Groups["who"].Value, m => m.Groups["text"].Value).Trim('*', '_', ' ', '\t');
            if (who.Length is > 0 and <= 200 && !who.Contains("More Information Needed", StringComparison.OrdinalIgnoreCase) && !who.Contains('['))
            {
                return who;
            }
        }
        return null;
    }

    private static void Lineage(ManifestDraft draft, JsonObject card)
    {
        var bases = card["base_model"] switch
        {
            JsonArray list => list.Select(Text).OfType<string>().ToList(),
            var single when Text(single) is { } one => [one],
            _ => [],
        };
        draft.Bases(bases, "base_model");
        if (draft.Manifest["lineage"] is null)
        {
            return;
        }
        if (Text(card["base_model_relation"]) is { } relation)
        {
            if (Relations.TryGetValue(relation, out var mapped))
            {
                draft.Set("lineage.relation", mapped, $"base_model_relation {relation}");
            }
            else
            {
                draft.Note("base_model_relation", $"'{relation}' ignored: not one the Hub defines (adapter, finetune, merge, quantized)");
            }
        }
        else if (Text(card["co2_eq_emissions"]?["training_type"]) is { } type
            && type.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).StartsWith("finetun", StringComparison.OrdinalIgnoreCase))
        {
            draft.Set("lineage.relation", "finetune", $"co2_eq_emissions.training_type {type}");
        }
    }

    private static JsonArray Sources(ManifestDraft draft, JsonObject card, string modelId)
    {
        var sources = new JsonArray(new JsonObject { ["title"] = "Hugging Face model card", ["note"] = Cap($"the card of {modelId}, its front matter read by compliance import", 2000) });
        var dataSets = (card["datasets"] as JsonArray ?? []).Select(Text).OfType<string>().Where(d => d.Length <= 200).Distinct(StringComparer.Ordinal).ToList();
        foreach (var dataSet in dataSets.Take(MaxDataSets))
        {
            var source = new JsonObject { ["title"] = $"Data set {dataSet}" };
            if (HubModels.IsDataSetId(dataSet))
            {
                source["uri"] = $"https://huggingface.co/datasets/{dataSet}";
            }
            source["note"] = "named in the model card's datasets: data the model was trained, tuned or evaluated on, as the card states";
            sources.Add(source);
        }
        if (dataSets.Count > 0)
        {
            draft.Note("sources", dataSets.Count > MaxDataSets
                ? $"the first {MaxDataSets} of the {dataSets.Count} data sets the card names (datasets)"
                : $"{Count(dataSets.Count, "data set")} the card names (datasets)");
        }
        if (Emissions(card["co2_eq_emissions"]) is { } emissions)
        {
            sources.Add(emissions);
            draft.Note("sources", "the card's co2_eq_emissions and hardware, as stated: they are not training compute, which the bills count in operations and the card does not give");
        }
        return sources;
    }

    /// <summary>What co2_eq_emissions states, in words: grams of CO2 and GPUs are kept as said, never turned into operations.</summary>
    private static JsonObject? Emissions(JsonNode? co2)
    {
        var parts = new List<string>();
        if (co2 is JsonValue)
        {
            parts.Add($"emissions {Scalar(co2)} g CO2eq");
        }
        else if (co2 is JsonObject stated)
        {
            if (stated["emissions"] is JsonValue grams)
            {
                parts.Add($"emissions {Scalar(grams)} g CO2eq" + (Text(stated["source"]) is { } source ? $" (source: {source})" : ""));
            }
            AddPart(parts, "training type", stated["training_type"]);
            AddPart(parts, "trained in", stated["geographical_location"]);
            AddPart(parts, "hardware", stated["hardware_used"]);
        }
        return parts.Count == 0 ? null : new JsonObject
        {
            ["title"] = "Training emissions and hardware stated by the model card (co2_eq_emissions)",
            ["note"] = Cap(string.Join("; ", parts) + ". Not training compute: the bills count operations (training.computeFlop, lineage.computeFlop).", 2000),
        };
    }

    private static void AddPart(List<string> parts, string label, JsonNode? value)
    {
        if (value is JsonValue)
        {
            parts.Add($"{label}: {Scalar(value)}");
        }
    }

    private static (JsonObject Card, string Body) FrontMatter(string readme)
    {
        var lines = readme.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new InvalidInputException("Not a model card", "", "the file does not start with YAML front matter between '---' lines");
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new InvalidInputException("Not a model card", "", "the YAML front matter is not closed by a '---' line");
        }
        var card = YamlToJson.Convert(string.Join('\n', lines[1..end])) as JsonObject
            ?? throw new InvalidInputException("Not a model card", "", "the front matter is not a YAML mapping");
        return (card, string.Join('\n', lines[(end + 1)..]));
    }

    private static string Scalar(JsonNode value) => Text(value) ?? value.ToJsonString();

    private static string Count(int n, string one) => n == 1 ? $"1 {one}" : $"{n} {one}s";

    private static string Cap(string text, int max) => ManifestDraft.Cap(text, max);

    private static string? Text(JsonNode? node) => ManifestDraft.Text(node);
}
