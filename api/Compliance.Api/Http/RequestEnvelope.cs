using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Compliance.Rules.Json;

namespace Compliance.Api.Http;

/// <summary>
/// A request body with a published JSON Schema (GET /v1/schemas/{name}). The schema states the shape once: it validates
/// the body, and the record it binds to describes the body in the OpenAPI document.
/// </summary>
public interface IRequestEnvelope
{
    static abstract SchemaValidator Schema { get; }

    /// <summary>The problem's title when the body is refused.</summary>
    static abstract string Invalid { get; }

    /// <summary>What a schema cannot say (one field or another, a date the engine can compute with), each by its pointer.</summary>
    IEnumerable<InputError> Check();
}

public static class RequestEnvelope
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // The schema has already refused every other spelling of a field's name.
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = JsonDocuments.MaxDepth,
        Converters = { new DoubleAsWritten() },
    };

    /// <summary>Reads the body, validates it against <typeparamref name="T"/>'s schema, binds it and checks it: each bad field is one error.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request) where T : class, IRequestEnvelope =>
        Bind<T>(await JsonBody.ReadObjectAsync(request));

    public static T Bind<T>(JsonObject body) where T : class, IRequestEnvelope
    {
        var errors = T.Schema.Validate(body);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(T.Invalid, errors);
        }
        T bound;
        try
        {
            bound = body.Deserialize<T>(Options) ?? throw new InvalidInputException(T.Invalid, "", "must be an object");
        }
        catch (JsonException e)
        {
            // The schema admits nothing the record cannot bind, so this fires only if the two drift apart.
            throw new InvalidInputException(T.Invalid, JsonPointer.FromPath(e.Path), e.Message);
        }
        var rules = bound.Check().ToList();
        return rules.Count > 0 ? throw new InvalidInputException(T.Invalid, rules) : bound;
    }

    /// <summary>
    /// Binds any JSON number to a double, one beyond a double's range (1e400) as an infinity: the schema admits it, and
    /// the record's <see cref="IRequestEnvelope.Check"/> names it at its pointer rather than the binder failing on it.
    /// </summary>
    private sealed class DoubleAsWritten : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TryGetDouble(out var value)
                ? value
                : double.Parse(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }
}
