using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compliance.Rules.Manifests;

/// <summary>
/// Reads <c>lineage.base</c>, which is an id, an inline manifest, or (for merges) an array of either,
/// and always writes an array-free form when there is one base so that digests stay stable.
/// </summary>
internal sealed class BaseReferencesConverter : JsonConverter<IReadOnlyList<BaseReference>>
{
    public override IReadOnlyList<BaseReference> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return [ReadOne(ref reader, options)];
        }
        var bases = new List<BaseReference>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            bases.Add(ReadOne(ref reader, options));
        }
        return bases;
    }

    private static BaseReference ReadOne(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new BaseReference { Id = reader.GetString() },
            JsonTokenType.StartObject => new BaseReference { Inline = JsonSerializer.Deserialize<Manifest>(ref reader, options) },
            _ => throw new JsonException("lineage.base must be an artifact id, an inline manifest, or an array of them"),
        };

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<BaseReference> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            WriteOne(writer, value[0], options);
            return;
        }
        writer.WriteStartArray();
        foreach (var b in value)
        {
            WriteOne(writer, b, options);
        }
        writer.WriteEndArray();
    }

    private static void WriteOne(Utf8JsonWriter writer, BaseReference value, JsonSerializerOptions options)
    {
        if (value.Inline is { } inline)
        {
            JsonSerializer.Serialize(writer, inline, options);
        }
        else
        {
            writer.WriteStringValue(value.Id);
        }
    }
}
