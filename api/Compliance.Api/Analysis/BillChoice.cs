using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compliance.Api.Analysis;

/// <summary>
/// One side of a comparison: a bill by id or id@version, written as that string, or as <c>{ bill, overrides, readings }</c>
/// to compare it with parameter values of the caller's instead of its own, or under other readings of its unsettled text.
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record BillChoice
{
    /// <summary>The bill, by id or id@version.</summary>
    public required string Bill { get; init; }

    /// <summary>Parameter values to use instead of the bill's own: { parameter: number }.</summary>
    public IReadOnlyDictionary<string, double>? Overrides { get; init; }

    /// <summary>Options for the bill's readings of unsettled text: { reading: option }.</summary>
    public IReadOnlyDictionary<string, string>? Readings { get; init; }

    /// <summary>Reads either spelling; the request schema has already refused anything else.</summary>
    private sealed class Converter : JsonConverter<BillChoice>
    {
        public override BillChoice Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? new BillChoice { Bill = reader.GetString()! }
                : JsonSerializer.Deserialize<Written>(ref reader, options) is { } written
                    ? new BillChoice { Bill = written.Bill, Overrides = written.Overrides, Readings = written.Readings }
                    : throw new JsonException("give \"id\", \"id@version\", or { \"bill\": \"id@version\", \"overrides\": { \"parameter\": number } }");

        public override void Write(Utf8JsonWriter writer, BillChoice value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new Written(value.Bill, value.Overrides, value.Readings), options);
    }

    private sealed record Written(string Bill, IReadOnlyDictionary<string, double>? Overrides, IReadOnlyDictionary<string, string>? Readings);
}
