using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Api.Http;

/// <summary>
/// Binds the <c>manifest</c> field of a request envelope through the manifest's own schema, so that a bad manifest
/// fails with each field's pointer below <c>/manifest</c> rather than as a bare type mismatch.
/// </summary>
public sealed class InlineManifestConverter : JsonConverter<Manifest>
{
    public const string Pointer = "/manifest";

    public override Manifest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ManifestJson.Read(JsonNode.Parse(ref reader, JsonDocuments.NodeOptions)!, Pointer);

    public override void Write(Utf8JsonWriter writer, Manifest value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, ManifestJson.Options);
}
