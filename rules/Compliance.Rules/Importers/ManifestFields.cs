using NJsonSchema;
using Compliance.Rules.Json;

namespace Compliance.Rules.Importers;

/// <summary>
/// The manifest's fields as its schema defines them, named by dotted path (training.computeFlop): what a source may
/// state one fact at a time. Read from the bundled schema, so a field added there is a field here.
/// </summary>
internal static class ManifestFields
{
    /// <summary>The schema of the field at <paramref name="path"/>, or null when the manifest has no such field (or the path runs into a list).</summary>
    public static JsonSchema? Find(string path)
    {
        var schema = SchemaValidator.Manifest.Schema.ActualSchema;
        foreach (var segment in path.Split('.'))
        {
            if (!schema.Type.HasFlag(JsonObjectType.Object) || !schema.ActualProperties.TryGetValue(segment, out var property))
            {
                return null;
            }
            schema = property.ActualSchema;
        }
        return schema;
    }
}
