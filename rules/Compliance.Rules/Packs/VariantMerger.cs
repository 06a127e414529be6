using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>
/// Builds a variant's full document from its base: the base's parameters, definitions, penalties, readings and obligations,
/// overlaid by the variant's own (same name or id replaces; a parameter field by field), minus the obligations it removes,
/// then the phase transform. What the variant leaves out (its effective dates, say) is the base's. The
/// result is an ordinary pack document, validated and compiled like any other, and its digest covers the rules as
/// merged.
/// </summary>
internal static class VariantMerger
{
    private static readonly string[] VariantKeys = ["extends", "transform", "removeObligations"];

    public static JsonObject Merge(JsonObject variant, Func<string, BillPack?> findBase)
    {
        var baseKey = variant["extends"]!.GetValue<string>();
        var basePack = findBase(baseKey) ?? throw new InvalidInputException("The bill pack is invalid", "/extends", $"unknown base bill '{baseKey}'");
        var merged = basePack.Document.DeepClone().AsObject();
        merged.Remove("tests");
        merged.Remove("default");
        foreach (var (key, value) in variant)
        {
            if (key is "parameters" or "definitions" or "obligations" or "penalties" or "readings" || VariantKeys.Contains(key))
            {
                continue;
            }
            merged[key] = value?.DeepClone();
        }
        merged["parameters"] = OverlayParameters(merged["parameters"] as JsonObject, variant["parameters"] as JsonObject);
        merged["definitions"] = Overlay(merged["definitions"] as JsonObject, variant["definitions"] as JsonObject);
        // Penalties and readings by name too: a variant may restate one reading (say, with another default) and keep the rest.
        foreach (var key in (string[])["penalties", "readings"])
        {
            if (merged[key] is not null || variant[key] is not null)
            {
                merged[key] = Overlay(merged[key] as JsonObject, variant[key] as JsonObject);
            }
        }

        var removed = (variant["removeObligations"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var unknown = removed.Where(id => !basePack.Obligations.Any(o => o.LocalId == id)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidInputException("The bill pack is invalid", "/removeObligations", $"the base has no obligation {string.Join(", ", unknown)}");
        }
        var added = (variant["obligations"]?.AsArray() ?? []).Select(o => o!.AsObject()).ToList();
        var addedIds = added.Select(o => o["id"]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var obligations = (merged["obligations"]?.AsArray() ?? [])
            .Select(o => o!.AsObject())
            .Where(o => !removed.Contains(o["id"]!.GetValue<string>()) && !addedIds.Contains(o["id"]!.GetValue<string>()))
            .Select(o => o.DeepClone().AsObject())
            .Concat(added.Select(o => o.DeepClone().AsObject()));
        if (variant["transform"]?.GetValue<string>() is { } transform)
        {
            obligations = obligations.Select(o => Transform(o, transform)).OfType<JsonObject>();
            merged["regulates"] = transform switch
            {
                "deployment-only" => new JsonArray("training", "deployment"),
                "release-only" => new JsonArray("release"),
                _ => new JsonArray("training"),
            };
        }
        merged["obligations"] = new JsonArray([.. obligations]);
        return merged;
    }

    private static JsonObject Overlay(JsonObject? baseItems, JsonObject? overrides)
    {
        var result = baseItems?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in overrides ?? [])
        {
            result[name] = value?.DeepClone();
        }
        return result;
    }

    /// <summary>
    /// A parameter override replaces the fields it gives and keeps the others: <c>{ value: 1e25 }</c> keeps the base's
    /// unit, citation, description and certainty. A new value without dated values of its own is the value at every
    /// date: the base's dated values would otherwise replace it from their dates.
    /// </summary>
    private static JsonObject OverlayParameters(JsonObject? baseItems, JsonObject? overrides)
    {
        var result = baseItems?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in overrides ?? [])
        {
            if (result[name] is not JsonObject parameter || value is not JsonObject fields)
            {
                result[name] = value?.DeepClone();
                continue;
            }
            if (fields.ContainsKey("value") && !fields.ContainsKey("values"))
            {
                parameter.Remove("values");
            }
            foreach (var (field, given) in fields)
            {
                parameter[field] = given?.DeepClone();
            }
        }
        return result;
    }

    /// <summary>Keeps the phases the transform keeps; a duty left with none is dropped.</summary>
    private static JsonObject? Transform(JsonObject obligation, string transform)
    {
        var phases = obligation["phase"] is JsonArray list ? list.Select(p => p!.GetValue<string>()).ToList() : [obligation["phase"]!.GetValue<string>()];
        var kept = transform switch
        {
            "deployment-only" => phases.Where(p => p != "release").ToList(),
            "release-only" => phases.Where(p => p == "release").ToList(),
            _ => phases.Where(p => p == "training").ToList(),
        };
        if (kept.Count == 0)
        {
            return null;
        }
        obligation["phase"] = new JsonArray([.. kept.Select(p => (JsonNode)p)]);
        return obligation;
    }
}
