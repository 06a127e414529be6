using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Json;

/// <summary>
/// One byte sequence per JSON value: object keys sorted ordinally, numbers written as the shortest round-trip double.
/// Digests taken over it do not change when a file is re-indented, re-ordered or spells 1e26 as 1E+26.
/// </summary>
public static class CanonicalJson
{
    public static string Digest(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, node);
        }
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                writer.WriteNumberValue(double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
