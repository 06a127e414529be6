using System.Reflection;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>
/// Describes, in the OpenAPI document, the request fields a C# type cannot spell (a bill id or <c>{ bill, overrides }</c>,
/// "corpus" or an array, a list or a range) from the published request schema itself, so that the two never differ.
/// A request record's <see cref="JsonNode"/> property takes the schema of its field in the record's published schema
/// (CompareRequest: compare-request.schema.json); OpenAPI 3.0 has no list of types, so one becomes a oneOf.
/// </summary>
internal sealed class PublishedShapes : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null || !typeof(IRequestEnvelope).IsAssignableFrom(context.Type))
        {
            return;
        }
        var published = Published(SchemaName(context.Type));
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(JsonNode)))
        {
            var name = JsonNamingPolicyName(property.Name);
            if (published["properties"]?[name] is JsonObject field)
            {
                target.Properties[name] = Read(published, field);
            }
        }
    }

    /// <summary>A definition of a published schema, as the OpenAPI schema of a type bound by a converter.</summary>
    public static OpenApiSchema Definition(string schemaName, string reference)
    {
        var published = Published(schemaName);
        return Read(published, Resolve(published, reference));
    }

    private static JsonObject Published(string name) =>
        JsonNode.Parse(SchemaValidator.Text(name) ?? throw new InvalidOperationException($"no published schema {name}"))!.AsObject();

    // CompareRequest is described by compare-request.schema.json.
    private static string SchemaName(Type type) =>
        string.Concat(type.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string JsonNamingPolicyName(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    private static JsonObject Resolve(JsonObject root, string reference) =>
        reference.StartsWith("#/definitions/", StringComparison.Ordinal) && root["definitions"]?[reference["#/definitions/".Length..]] is JsonObject definition
            ? definition
            : throw new InvalidOperationException($"reference {reference} does not name a definition");

    private static OpenApiSchema Read(JsonObject root, JsonObject node)
    {
        if (node["$ref"] is JsonValue reference)
        {
            return Read(root, Resolve(root, reference.GetValue<string>()));
        }
        var types = node["type"] switch
        {
            JsonArray list => list.Select(t => t!.GetValue<string>()).ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var nullable = types.Remove("null");
        var schema = types.Count > 1
            ? new OpenApiSchema { OneOf = [.. types.Select(type => Typed(root, node, type))] }
            : Typed(root, node, types.SingleOrDefault());
        schema.Description = (string?)node["description"];
        if (nullable)
        {
            schema.Type = (schema.Type ?? 0) | JsonSchemaType.Null;
        }
        return schema;
    }

    // Only the keywords that apply to the type: a field that is an array or an object takes items for the one and
    // properties for the other.
    private static OpenApiSchema Typed(JsonObject root, JsonObject node, string? type)
    {
        var schema = new OpenApiSchema
        {
            Type = type switch
            {
                "string" => JsonSchemaType.String,
                "number" => JsonSchemaType.Number,
                "integer" => JsonSchemaType.Integer,
                "boolean" => JsonSchemaType.Boolean,
                "array" => JsonSchemaType.Array,
                "object" => JsonSchemaType.Object,
                _ => null,
            },
        };
        if (type is null or "string")
        {
            schema.Format = (string?)node["format"];
            schema.Enum = node["enum"] is JsonArray values ? [.. values.Select(v => v!.DeepClone())] : null;
        }
        if (type is null or "array")
        {
            schema.Items = node["items"] is JsonObject items ? Read(root, items) : null;
            schema.MinItems = (int?)node["minItems"];
            schema.MaxItems = (int?)node["maxItems"];
        }
        if (type is null or "object")
        {
            schema.Properties = node["properties"] is JsonObject properties
                ? properties.ToDictionary(p => p.Key, p => (IOpenApiSchema)Read(root, p.Value!.AsObject()))
                : null;
            schema.Required = node["required"] is JsonArray required ? new HashSet<string>(required.Select(r => r!.GetValue<string>()), StringComparer.Ordinal) : null;
            switch (node["additionalProperties"])
            {
                case JsonObject additional:
                    schema.AdditionalProperties = Read(root, additional);
                    break;
                case JsonValue closed when !closed.GetValue<bool>():
                    schema.AdditionalPropertiesAllowed = false;
                    break;
            }
        }
        if (node["oneOf"] is JsonArray branches)
        {
            schema.OneOf = [.. branches.Select(b => (IOpenApiSchema)Read(root, b!.AsObject()))];
        }
        return schema;
    }
}
