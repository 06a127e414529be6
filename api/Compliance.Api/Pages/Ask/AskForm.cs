using System.Globalization;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Pages.Ask;

/// <summary>
/// The guided form's fields, as the user typed them (strings, so that a wrong value is shown back as typed), and the
/// manifest they make. Each field owns one place in the manifest: filling it sets that place, emptying it removes it
/// (an absent fact is unknown). Everything else the manifest held (a decision's manifest the form was filled from, or a
/// pasted one) is kept as it was. A value that is not a number where one is expected goes into the manifest as text, so
/// the manifest schema refuses it at its pointer and the form shows the schema's error beside the field.
/// </summary>
public sealed class AskForm
{
    public const string Unknown = "";

    /// <summary>A release or deployment the manifest has without saying how (its weights, its channel): the act stays.</summary>
    public const string Unspecified = "unspecified";

    /// <summary>Each field's id (also its form name and its anchor) and its place in the manifest.</summary>
    public static readonly IReadOnlyList<(string Id, string Pointer)> Fields =
    [
        ("developer-name", "/developer/name"),
        ("developer-headquarters", "/developer/headquarters"),
        ("developer-annualRevenueUsd", "/developer/annualRevenueUsd"),
        ("id", "/id"),
        ("name", "/name"),
        ("generalPurpose", "/generalPurpose"),
        ("outputModalities", "/outputModalities"),
        ("training-status", "/training/status"),
        ("training-startDate", "/training/startDate"),
        ("training-computeFlop", "/training/computeFlop"),
        ("training-costUsd", "/training/costUsd"),
        ("lineage-base", "/lineage/base"),
        ("lineage-relation", "/lineage/relation"),
        ("release-weights", "/release/weights"),
        ("release-date", "/release/date"),
        ("release-jurisdictions", "/release/jurisdictions"),
        ("release-license", "/release/license"),
        ("deployments-0-channel", "/deployments/0/channel"),
        ("deployments-0-jurisdictions", "/deployments/0/jurisdictions"),
        ("deployments-0-interactsWithNaturalPersons", "/deployments/0/interactsWithNaturalPersons"),
        ("deployments-0-generatesSyntheticContent", "/deployments/0/generatesSyntheticContent"),
    ];

    /// <summary>The fields that hold a number, a yes/no, or a list of codes.</summary>
    private static readonly HashSet<string> Numbers = ["developer-annualRevenueUsd", "training-computeFlop", "training-costUsd"];
    private static readonly HashSet<string> Booleans = ["generalPurpose", "deployments-0-interactsWithNaturalPersons"];
    private static readonly HashSet<string> Lists = ["outputModalities", "release-jurisdictions", "deployments-0-jurisdictions", "deployments-0-generatesSyntheticContent"];

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>The manifest the fields are laid over, as JSON text (a hidden field of the form).</summary>
    public string Carried { get; set; } = "";

    public string AsOf { get; set; } = "";

    /// <summary>"" for the bills in force on the date, "all", or bill ids separated by commas.</summary>
    public string Bills { get; set; } = "";

    public string this[string id]
    {
        get => Values.GetValueOrDefault(id, Unknown);
        set => Values[id] = value;
    }

    /// <summary>
    /// The field that shows an error at this pointer of the manifest, if any. A fine-tune's compute and cost are those
    /// of its own step (lineage.computeFlop, lineage.costUsd): the same two fields.
    /// </summary>
    public static string? FieldOf(string pointer)
    {
        var at = pointer
            .Replace("/lineage/computeFlop", "/training/computeFlop", StringComparison.Ordinal)
            .Replace("/lineage/costUsd", "/training/costUsd", StringComparison.Ordinal);
        foreach (var (id, place) in Fields.OrderByDescending(f => f.Pointer.Length))
        {
            if (at == place || at.StartsWith(place + "/", StringComparison.Ordinal))
            {
                return id;
            }
        }
        return null;
    }

    /// <summary>The field that would settle a fact an undetermined duty needs ("training.costUsd", "deployments[x].jurisdictions").</summary>
    public static string? FieldOfFact(string fact)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(fact, @"\[[^\]]*\]", ".0");
        return FieldOf("/" + path.Replace('.', '/'));
    }

    /// <summary>The fields of a manifest (valid or not), for a form filled from a decision or from a pasted manifest.</summary>
    public static AskForm From(JsonObject manifest)
    {
        var form = new AskForm { Carried = manifest.ToJsonString() };
        var finetune = manifest["lineage"] is JsonObject;
        foreach (var (id, pointer) in Fields)
        {
            var place = finetune && id is "training-computeFlop" or "training-costUsd" ? pointer.Replace("/training/", "/lineage/", StringComparison.Ordinal) : pointer;
            form[id] = Text(At(manifest, place));
        }
        if (manifest["release"] is JsonObject && form["release-weights"].Length == 0)
        {
            form["release-weights"] = Unspecified;
        }
        if (manifest["deployments"] is JsonArray { Count: > 0 } && form["deployments-0-channel"].Length == 0)
        {
            form["deployments-0-channel"] = Unspecified;
        }
        return form;
    }

    /// <summary>The manifest: the carried one with each field laid over its place.</summary>
    public JsonObject ToManifest()
    {
        var manifest = (Carried.Length > 0 ? TryParse(Carried) : null) ?? [];
        manifest["schemaVersion"] ??= "1";
        var finetune = this["lineage-base"].Trim().Length > 0;
        foreach (var (id, pointer) in Fields)
        {
            var place = pointer;
            if (id is "training-computeFlop" or "training-costUsd")
            {
                // The same two fields are a base model's training or a fine-tune's own step: the other place is cleared.
                var other = pointer.Replace("/training/", "/lineage/", StringComparison.Ordinal);
                (place, other) = finetune ? (other, pointer) : (pointer, other);
                Remove(manifest, other);
            }
            var value = Value(id, this[id]);
            if (value is null)
            {
                Remove(manifest, place);
            }
            else
            {
                Set(manifest, place, value);
            }
        }
        Tidy(manifest);
        return manifest;
    }

    /// <summary>The manifest's value for a field, typed as the schema wants it where the text allows.</summary>
    private static JsonNode? Value(string id, string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Equals("unknown", StringComparison.OrdinalIgnoreCase) || text == Unspecified)
        {
            return null;
        }
        if (Numbers.Contains(id))
        {
            return ParseNumber(text) is { } number ? JsonValue.Create(number) : JsonValue.Create(text);
        }
        if (Booleans.Contains(id))
        {
            return text switch { "yes" or "true" => JsonValue.Create(true), "no" or "false" => JsonValue.Create(false), _ => JsonValue.Create(text) };
        }
        if (Lists.Contains(id))
        {
            return new JsonArray([.. text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s))]);
        }
        return JsonValue.Create(text);
    }

    /// <summary>2e26, 2.0E+26, 150,000,000, 150000000, $150M, 1.5 billion: what a lawyer may type for a number.</summary>
    public static double? ParseNumber(string text)
    {
        var t = text.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim();
        var scale = 1.0;
        string[][] suffixes = [["k", "thousand"], ["m", "million"], ["b", "bn", "billion"], ["t", "trillion"]];
        for (var i = 0; i < suffixes.Length; i++)
        {
            foreach (var suffix in suffixes[i])
            {
                if (t.Length > suffix.Length && t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && !t.EndsWith("e" + suffix, StringComparison.OrdinalIgnoreCase))
                {
                    var number = t[..^suffix.Length].Trim();
                    if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        (t, scale) = (number, Math.Pow(1000, i + 1));
                    }
                }
            }
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value * scale : null;
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => Unknown,
        JsonArray list => string.Join(", ", list.Select(n => n?.ToString() ?? "")),
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "yes" : "no",
        JsonValue value when value.TryGetValue<double>(out var d) => Number(d),
        JsonValue value => value.ToString(),
        // A lineage base given inline, not by id: shown by its id; the inline manifest is carried as it was.
        JsonObject inline => inline["id"]?.ToString() ?? "",
        _ => node.ToJsonString(),
    };

    /// <summary>A number as a lawyer would type it back: 2e26, 1.5e8, 2500.</summary>
    public static string Number(double value) =>
        Math.Abs(value) >= 1e6 ? value.ToString("0.###e0", CultureInfo.InvariantCulture) : value.ToString("G", CultureInfo.InvariantCulture);

    public static JsonObject? TryParse(string text)
    {
        try
        {
            return JsonDocuments.Parse(text, yaml: !text.TrimStart().StartsWith('{')) as JsonObject;
        }
        catch (InvalidInputException)
        {
            return null;
        }
    }

    private static JsonNode? At(JsonObject root, string pointer)
    {
        JsonNode? node = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return node;
    }

    private static void Set(JsonObject root, string pointer, JsonNode value)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var nextIsIndex = int.TryParse(parts[i + 1], CultureInfo.InvariantCulture, out _);
            node = node switch
            {
                JsonObject o => o[parts[i]] is JsonObject or JsonArray ? o[parts[i]]! : (o[parts[i]] = nextIsIndex ? new JsonArray() : new JsonObject()),
                JsonArray a => Slot(a, int.Parse(parts[i], CultureInfo.InvariantCulture)),
                _ => throw new InvalidOperationException("unreachable: every place is below objects"),
            };
        }
        if (node is JsonObject last)
        {
            last[parts[^1]] = value;
        }
    }

    private static JsonObject Slot(JsonArray array, int index)
    {
        while (array.Count <= index)
        {
            array.Add(new JsonObject());
        }
        return array[index] as JsonObject ?? throw new InvalidOperationException("unreachable: deployments are objects");
    }

    private static void Remove(JsonObject root, string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parent = At(root, "/" + string.Join('/', parts[..^1]));
        if (parent is JsonObject o)
        {
            o.Remove(parts[^1]);
        }
    }

    /// <summary>
    /// The acts follow the fields: no channel, no deployment; no weights choice, no release; no base, no lineage. A new
    /// deployment gets an id; objects left empty are removed (an empty object would say nothing and confuse the schema).
    /// </summary>
    private void Tidy(JsonObject manifest)
    {
        if (this["deployments-0-channel"].Trim().Length == 0 && manifest["deployments"] is JsonArray deployments && deployments.Count > 0)
        {
            deployments.RemoveAt(0);
        }
        if (manifest["deployments"] is JsonArray { Count: > 0 } list && list[0] is JsonObject first && first["id"] is null)
        {
            first["id"] = "deployment-1";
        }
        if (this["release-weights"].Trim().Length == 0)
        {
            manifest.Remove("release");
        }
        if (this["lineage-base"].Trim().Length == 0)
        {
            manifest.Remove("lineage");
        }
        foreach (var name in new[] { "developer", "training", "lineage", "release" })
        {
            if (manifest[name] is JsonObject { Count: 0 })
            {
                manifest.Remove(name);
            }
        }
        if (manifest["deployments"] is JsonArray { Count: 0 })
        {
            manifest.Remove("deployments");
        }
    }
}
