using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;
using NJsonSchema;

namespace Compliance.Rules.Importers;

/// <summary>
/// CycloneDX properties named <c>compliance:FIELD</c> (compliance:training.computeFlop = 3.2e22), each one manifest
/// field a BOM cannot otherwise say. Values are text in CycloneDX: each is read as its field's type and the manifest is
/// checked against the schema, an error naming the property that gave the bad value.
/// </summary>
internal static class FactProperties
{
    public const string Prefix = "compliance:";

    // Fields a BOM states in its own terms, or that describe more than one thing (lists of objects).
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["schemaVersion"] = "the importer writes it",
        ["id"] = "the component's group and name give it",
        ["lineage.base"] = "the component's pedigree.ancestors give it",
    };

    private sealed record Given(string Name, string Field, string Pointer);

    /// <summary>Sets each compliance: property's field; <paramref name="pointer"/> locates the properties array in the BOM.</summary>
    public static void Apply(ManifestDraft draft, JsonArray properties, string pointer)
    {
        var given = new List<Given>();
        for (var i = 0; i < properties.Count; i++)
        {
            if (ManifestDraft.Text(properties[i]?["name"]) is not { } name || !name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var at = $"{pointer}/{i}";
            var field = name[Prefix.Length..];
            var value = ManifestDraft.Text(properties[i]?["value"])
                ?? throw Bad(at, name, "has no value (a CycloneDX property's value is text)");
            draft.Set(field, Parse(field, value, at, name, draft), $"property {name}");
            given.Add(new Given(name, field, at));
        }
        // The schema judges the values (ranges, patterns, enumerations); each error is the property's that set it.
        var errors = SchemaValidator.Manifest.Validate(draft.Manifest)
            .Select(e => (Error: e, By: given.LastOrDefault(g => Covers(JsonPointer.FromPath(g.Field), e.Pointer))))
            .Where(x => x.By is not null)
            .Select(x => new InputError(x.By!.Pointer, $"{x.By.Name}: {x.Error.Message}"))
            .Distinct()
            .ToList();
        if (errors.Count > 0)
        {
            throw new InvalidInputException("A compliance property is invalid", errors);
        }
    }

    private static bool Covers(string field, string error) =>
        error == field || error.StartsWith(field + "/", StringComparison.Ordinal) || (error.Length > 0 && field.StartsWith(error + "/", StringComparison.Ordinal));

    private static JsonNode Parse(string field, string value, string at, string name, ManifestDraft draft)
    {
        if (Refused.TryGetValue(field, out var why))
        {
            throw Bad(at, name, $"{field} is not given by a property: {why}");
        }
        if (ManifestFields.Find(field) is not { } schema)
        {
            throw Bad(at, name, field.StartsWith("deployment", StringComparison.Ordinal)
                ? $"{field} describes deployments, which a property cannot list: write them in the manifest's deployments"
                : FactCatalog.All.TryGetValue(field, out var fact)
                ? $"{field} is a fact the bills derive ({fact.Description}), not a manifest field: give the fields it is derived from"
                : $"{field} is not a manifest field (schemas/manifest.schema.json lists them, e.g. training.computeFlop, developer.headquarters)");
        }
        if (field.StartsWith("lineage.", StringComparison.Ordinal) && draft.Manifest["lineage"] is null)
        {
            throw Bad(at, name, $"{field} describes how the model was made from its base, but the component has no pedigree.ancestors");
        }
        var type = schema.Type;
        if (type.HasFlag(JsonObjectType.Number) || type.HasFlag(JsonObjectType.Integer))
        {
            return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? JsonValue.Create(number)
                : throw Bad(at, name, $"'{value}' is not a number (write 3.2e22, not 3.2 x 10^22)");
        }
        if (type.HasFlag(JsonObjectType.Boolean))
        {
            return bool.TryParse(value, out var flag) ? JsonValue.Create(flag) : throw Bad(at, name, $"'{value}' is not true or false");
        }
        if (type.HasFlag(JsonObjectType.Array))
        {
            return List(value) ?? throw Bad(at, name, $"'{value}' is not a list: write the items separated by commas, or a JSON array");
        }
        if (type.HasFlag(JsonObjectType.Object))
        {
            throw Bad(at, name, $"{field} is an object: give its fields one property each (compliance:{field}.{schema.ActualProperties.Keys.First()})");
        }
        return JsonValue.Create(value);
    }

    /// <summary>A list written as a JSON array of strings, or as items separated by commas.</summary>
    private static JsonArray? List(string value)
    {
        if (!value.TrimStart().StartsWith('['))
        {
            return new JsonArray([.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode?)v)]);
        }
        try
        {
            return JsonNode.Parse(value) is JsonArray array && array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String) ? array : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static InvalidInputException Bad(string pointer, string name, string message) =>
        new("A compliance property is invalid", pointer, $"{name}: {message}");
}
