using System.Text.Json;
using System.Text.Json.Serialization;
using Compliance.Rules.Packs;

namespace Compliance.Api.Http;

/// <summary>
/// Reads a request's <c>bills</c>: a list of names, or the word "all" on its own (the schema has already allowed
/// exactly these), which reads as the list ["all"].
/// </summary>
public sealed class BillsConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? [reader.GetString()!]
            : JsonSerializer.Deserialize<List<string>>(ref reader, options);

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value is [BillSelection.AllBills])
        {
            writer.WriteStringValue(BillSelection.AllBills);
            return;
        }
        JsonSerializer.Serialize(writer, value, options);
    }
}
