using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Compliance.Rules.Json;

namespace Compliance.Rules.Importers;

/// <summary>
/// A CycloneDX 1.6 ML-BOM read as a manifest: its machine-learning-model component's maker, digest, ancestors, outputs
/// and licence, and the facts its <c>compliance:</c> properties state. Only what the BOM states is carried over;
/// energy and emissions are kept as sources, never turned into compute. A JSON document in, a manifest out: no I/O.
/// </summary>
public static partial class CycloneDxBom
{
    // A hub that distributes models is a CycloneDX supplier (the specification's own example names Hugging Face as the
    // supplier of meta-llama/Llama-2-7b), not the model's developer.
    private static readonly HashSet<string> Hubs = new(StringComparer.OrdinalIgnoreCase) { "Hugging Face", "HuggingFace", "huggingface.co", "Hugging Face, Inc." };

    private const string HubPurl = "pkg:huggingface/";
    private const int MaxDataSets = 32;

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Digest();

    public static ImportedManifest Read(JsonNode bom)
    {
        if (Text(bom["bomFormat"]) != "CycloneDX")
        {
            throw new InvalidInputException("Not a CycloneDX BOM", "/bomFormat", "expected \"CycloneDX\"");
        }
        var (model, at) = Model(bom);
        var (id, idFrom, owner) = Identify(model);
        var draft = new ManifestDraft(id, $"{idFrom} of the component at {at}");
        if (Text(model["name"]) is { Length: <= 200 } name)
        {
            draft.Set("name", name, "the component's name");
        }
        Developer(draft, model, owner, id);
        Digest(draft, model, at);
        Lineage(draft, model);
        var outputs = (model["modelCard"]?["modelParameters"]?["outputs"] as JsonArray ?? [])
            .Select(o => Text(o?["format"])?.ToLowerInvariant()).Where(f => f is "text" or "audio" or "image" or "video" or "code").Distinct().ToList();
        if (outputs.Count > 0)
        {
            draft.Set("outputModalities", new JsonArray([.. outputs.Select(o => (JsonNode?)o)]), "modelCard.modelParameters.outputs");
        }
        var license = (model["licenses"] as JsonArray)?.FirstOrDefault();
        if ((Text(license?["license"]?["id"]) ?? Text(license?["expression"])) is { Length: <= 200 } spdx)
        {
            draft.Set("release.license", spdx, "licenses");
        }
        draft.Manifest["sources"] = Sources(draft, bom, model, at);
        if (model["properties"] is JsonArray properties)
        {
            FactProperties.Apply(draft, properties, at + "/properties");
        }
        if (draft.Manifest["lineage"] is JsonObject lineage && lineage["relation"] is null)
        {
            draft.Note("lineage.relation", "CycloneDX does not record how a model was made from its ancestors: state it with the property "
                + FactProperties.Prefix + "lineage.relation (finetune, adapter, merge, quantization, distillation, continued-pretraining)");
        }
        return draft.Done();
    }

    /// <summary>The BOM's subject when it is a model (metadata.component), else its first model component.</summary>
    private static (JsonObject Model, string Pointer) Model(JsonNode bom)
    {
        if (bom["metadata"]?["component"] is JsonObject subject && Text(subject["type"]) == "machine-learning-model")
        {
            return (subject, "/metadata/component");
        }
        var components = bom["components"] as JsonArray ?? [];
        for (var i = 0; i < components.Count; i++)
        {
            if (components[i] is JsonObject component && Text(component["type"]) == "machine-learning-model")
            {
                return (component, $"/components/{i}");
            }
        }
        throw new InvalidInputException("No model in the BOM", "/components", "no component of type machine-learning-model");
    }

    /// <summary>A component's id (group/name, the Hub id of a pkg:huggingface purl, its name, its bom-ref), and the Hub owner when the id is a Hub id.</summary>
    private static (string Id, string From, string? Owner) Identify(JsonObject component)
    {
        if (Text(component["group"]) is { } group && Text(component["name"]) is { } name)
        {
            var id = $"{group}/{name}";
            return (id, "group and name", HubModels.IsHubId(id) ? group : null);
        }
        if (Text(component["purl"]) is { } purl && purl.StartsWith(HubPurl, StringComparison.OrdinalIgnoreCase)
            && purl[HubPurl.Length..].Split('@', '?', '#')[0] is var hubId && HubModels.IsHubId(hubId))
        {
            return (hubId, "the Hugging Face purl", HubModels.Owner(hubId));
        }
        return (Text(component["name"]) ?? Text(component["bom-ref"]) ?? "unnamed", component["name"] is not null ? "name" : "bom-ref", null);
    }

    /// <summary>
    /// Who trains the model: the corpus's name for the Hub owner's developer when the corpus knows the owner; else the
    /// manufacturer (CycloneDX 1.6: who created it), the supplier unless it is a hub, the authors, the publisher; else the owner.
    /// </summary>
    private static void Developer(ManifestDraft draft, JsonObject model, string? owner, string id)
    {
        if (owner is not null && HubModels.CorpusDeveloper(owner) is not null)
        {
            draft.DeveloperOfOwner(owner, $"the id {id}");
            return;
        }
        var supplier = Text(model["supplier"]?["name"]);
        if (supplier is not null && Hubs.Contains(supplier))
        {
            draft.Note("supplier", $"{supplier} ignored: a hub that distributes the model, not its developer");
            supplier = null;
        }
        var (developer, from) = Text(model["manufacturer"]?["name"]) is { } manufacturer ? (manufacturer, "manufacturer")
            : supplier is not null ? (supplier, "supplier")
            : Text((model["authors"] as JsonArray)?.FirstOrDefault()?["name"]) is { } author ? (author, "authors")
            : Text(model["author"]) is { } legacyAuthor ? (legacyAuthor, "author")
            : Text(model["publisher"]) is { } publisher ? (publisher, "publisher")
            : ((string?)null, "");
        if (developer is { Length: <= 200 })
        {
            draft.Set("developer.name", developer, $"the component's {from}");
        }
        else if (owner is not null)
        {
            draft.DeveloperOfOwner(owner, $"the id {id}");
        }
    }

    /// <summary>The weights' digest: the component's SHA-256, the one digest the manifest records.</summary>
    private static void Digest(ManifestDraft draft, JsonObject model, string at)
    {
        var hashes = model["hashes"] as JsonArray ?? [];
        for (var i = 0; i < hashes.Count; i++)
        {
            var alg = Text(hashes[i]?["alg"]) ?? "";
            if (!alg.Equals("SHA-256", StringComparison.OrdinalIgnoreCase))
            {
                draft.Note("hashes", $"{alg} not kept: the manifest records the weights' SHA-256 (weights.sha256)");
                continue;
            }
            var content = Text(hashes[i]?["content"]) ?? "";
            if (!Sha256Digest().IsMatch(content))
            {
                throw new InvalidInputException("A hash is invalid", $"{at}/hashes/{i}/content", "a SHA-256 digest is 64 hexadecimal digits");
            }
            draft.Set("weights.sha256", content.ToLowerInvariant(), "the component's SHA-256 hash");
        }
    }

    /// <summary>The lineage: pedigree.ancestors are the models this one was made from; variants and descendants are not.</summary>
    private static void Lineage(ManifestDraft draft, JsonObject model)
    {
        var pedigree = model["pedigree"];
        draft.Bases((pedigree?["ancestors"] as JsonArray ?? []).OfType<JsonObject>().Select(a => Identify(a).Id), "pedigree.ancestors");
        if (pedigree?["variants"] is JsonArray { Count: > 0 } variants)
        {
            draft.Note("pedigree.variants", $"{variants.Count} ignored: a variant is a version beside this model, not one it was made from");
        }
        if (pedigree?["descendants"] is JsonArray { Count: > 0 } descendants)
        {
            draft.Note("pedigree.descendants", $"{descendants.Count} ignored: they were made from this model, not the model from them");
        }
    }

    private static JsonArray Sources(ManifestDraft draft, JsonNode bom, JsonObject model, string at)
    {
        var serial = Text(bom["serialNumber"]) is { } number ? $" {number}" : "";
        var sources = new JsonArray(new JsonObject { ["title"] = "CycloneDX ML-BOM", ["note"] = Cap($"the BOM{serial}, its component at {at}, read by compliance import", 2000) });
        var dataSets = (model["modelCard"]?["modelParameters"]?["datasets"] as JsonArray ?? []).Select(d => DataSet(bom, d)).OfType<JsonObject>().ToList();
        foreach (var dataSet in dataSets.Take(MaxDataSets))
        {
            sources.Add(dataSet);
        }
        if (dataSets.Count > 0)
        {
            draft.Note("sources", dataSets.Count > MaxDataSets
                ? $"the first {MaxDataSets} of the {dataSets.Count} data sets of modelCard.modelParameters.datasets"
                : $"{(dataSets.Count == 1 ? "1 data set" : $"{dataSets.Count} data sets")} of modelCard.modelParameters.datasets");
        }
        if (Energy(model["modelCard"]?["considerations"]?["environmentalConsiderations"]?["energyConsumptions"] as JsonArray) is { } energy)
        {
            sources.Add(energy);
            draft.Note("sources", "the BOM's energy consumptions, as stated: energy and emissions are not training compute, which the bills count in operations");
        }
        return sources;
    }

    /// <summary>A data set of the model card, inline or by reference to a data component of the BOM.</summary>
    private static JsonObject? DataSet(JsonNode bom, JsonNode? dataSet)
    {
        var described = Text(dataSet?["ref"]) is { } reference
            ? (bom["components"] as JsonArray ?? []).FirstOrDefault(c => Text(c?["bom-ref"]) == reference)
            : dataSet;
        var name = Text(described?["group"]) is { } group ? $"{group}/{Text(described?["name"])}" : Text(described?["name"]);
        if (name is null || name.Length > 400)
        {
            return null;
        }
        var source = new JsonObject { ["title"] = $"Data set {name}" };
        // A data component holds its data sets' contents in data[]; an inline data set holds its own.
        if ((Text(described?["contents"]?["url"]) ?? Text(described?["data"]?[0]?["contents"]?["url"])) is { Length: <= 2000 } url)
        {
            source["uri"] = url;
        }
        source["note"] = "named in the BOM's modelCard.modelParameters.datasets";
        return source;
    }

    /// <summary>What the energy consumptions state, in words, kept as said.</summary>
    private static JsonObject? Energy(JsonArray? consumptions)
    {
        var parts = (consumptions ?? []).Select(c => string.Join(", ", new[]
        {
            Text(c?["activity"]),
            Quantity(c?["activityEnergyCost"]),
            Quantity(c?["co2CostEquivalent"]),
        }.OfType<string>())).Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? null : new JsonObject
        {
            ["title"] = "Energy and emissions stated by the BOM (environmentalConsiderations)",
            ["note"] = Cap(string.Join("; ", parts) + ". Not training compute: the bills count operations (training.computeFlop, lineage.computeFlop).", 2000),
        };
    }

    private static string? Quantity(JsonNode? quantity) =>
        quantity?["value"] is JsonValue value ? $"{value.ToJsonString()} {Text(quantity["unit"])}".TrimEnd() : null;

    private static string Cap(string text, int max) => ManifestDraft.Cap(text, max);

    private static string? Text(JsonNode? node) => ManifestDraft.Text(node);
}
