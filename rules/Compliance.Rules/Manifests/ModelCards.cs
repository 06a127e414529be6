using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Manifests;

/// <summary>
/// Turns what a model's publisher already writes (a Hugging Face model card's YAML front matter, a CycloneDX 1.6
/// ML-BOM) into a manifest. Only what the source states is carried over: a fact it does not give stays unknown.
/// Pure text in, a manifest document out: the CLI's import and the service's Ask page both read with it.
/// </summary>
public static class ModelCards
{
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

    public static JsonObject FromHuggingFace(string readme, string id)
    {
        var card = FrontMatter(readme);
        var manifest = new JsonObject { ["schemaVersion"] = "1", ["id"] = id };
        if (Text(card["model_name"]) is { } name)
        {
            manifest["name"] = name;
        }
        var bases = card["base_model"] switch
        {
            JsonArray list => list.Select(Text).OfType<string>().ToList(),
            var single when Text(single) is { } one => [one],
            _ => [],
        };
        if (bases.Count > 0)
        {
            var lineage = new JsonObject { ["base"] = bases.Count == 1 ? bases[0] : new JsonArray(bases.Select(b => (JsonNode)b).ToArray()) };
            if (Text(card["base_model_relation"]) is { } relation && Relations.TryGetValue(relation, out var mapped))
            {
                lineage["relation"] = mapped;
            }
            manifest["lineage"] = lineage;
        }
        if (Text(card["pipeline_tag"]) is { } tag && Outputs.TryGetValue(tag, out var output))
        {
            manifest["outputModalities"] = new JsonArray(output);
        }
        // A card on the Hub is an upload for download: an open release, or a gated one behind an access form.
        var release = new JsonObject { ["weights"] = card["extra_gated_prompt"] is not null || card["extra_gated_fields"] is not null ? "gated" : "open" };
        if (Text(card["license"]) is { } license)
        {
            release["license"] = Spdx.TryGetValue(license, out var spdx) ? spdx
                : license == "other" && Text(card["license_name"]) is { } custom ? "LicenseRef-" + custom
                : "LicenseRef-" + license;
        }
        manifest["release"] = release;
        manifest["sources"] = new JsonArray(new JsonObject { ["title"] = "Hugging Face model card front matter", ["note"] = "imported by compliance import hf" });
        return manifest;
    }

    private static JsonObject FrontMatter(string readme)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            throw new InvalidInputException("Not a model card", "", "the file does not start with YAML front matter between '---' lines");
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            throw new InvalidInputException("Not a model card", "", "the YAML front matter is not closed by a '---' line");
        }
        return YamlToJson.Convert(string.Join('\n', lines[1..end])) as JsonObject
            ?? throw new InvalidInputException("Not a model card", "", "the front matter is not a YAML mapping");
    }

    public static JsonObject FromCycloneDx(JsonNode bom)
    {
        if (Text(bom["bomFormat"]) != "CycloneDX")
        {
            throw new InvalidInputException("Not a CycloneDX BOM", "/bomFormat", "expected \"CycloneDX\"");
        }
        var components = bom["components"] as JsonArray ?? [];
        var index = components.Select((c, i) => (c, i)).FirstOrDefault(x => Text((x.c as JsonObject)?["type"]) == "machine-learning-model");
        if (index.c is not JsonObject model)
        {
            throw new InvalidInputException("No model in the BOM", "/components", "no component of type machine-learning-model");
        }
        var manifest = new JsonObject { ["schemaVersion"] = "1", ["id"] = ComponentId(model) };
        if (Text(model["name"]) is { } name)
        {
            manifest["name"] = name;
        }
        var ancestors = (model["pedigree"]?["ancestors"] as JsonArray ?? []).OfType<JsonObject>().Select(ComponentId).ToList();
        if (ancestors.Count > 0)
        {
            // CycloneDX records ancestry but not how the model was derived: lineage.relation stays unknown.
            manifest["lineage"] = new JsonObject { ["base"] = ancestors.Count == 1 ? ancestors[0] : new JsonArray(ancestors.Select(a => (JsonNode)a).ToArray()) };
        }
        var outputs = (model["modelCard"]?["modelParameters"]?["outputs"] as JsonArray ?? [])
            .Select(o => Text(o?["format"])?.ToLowerInvariant()).Where(f => f is "text" or "audio" or "image" or "video" or "code").Distinct().ToList();
        if (outputs.Count > 0)
        {
            manifest["outputModalities"] = new JsonArray(outputs.Select(o => (JsonNode)o!).ToArray());
        }
        var license = (model["licenses"] as JsonArray)?.FirstOrDefault();
        if ((Text(license?["license"]?["id"]) ?? Text(license?["expression"])) is { } spdx)
        {
            manifest["release"] = new JsonObject { ["license"] = spdx };
        }
        manifest["sources"] = new JsonArray(new JsonObject { ["title"] = "CycloneDX ML-BOM", ["note"] = $"component {index.i}; imported by compliance import cyclonedx" });
        return manifest;
    }

    private static string ComponentId(JsonObject component) =>
        Text(component["group"]) is { } group ? $"{group}/{Text(component["name"])}" : Text(component["name"]) ?? Text(component["bom-ref"]) ?? "unnamed";

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
