using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compliance.Rules.Manifests;

/// <summary>
/// The manifest's serializer, generated at build time: every decision writes the canonical form of each manifest in
/// its lineage to take its digest. The settings are <see cref="ManifestJson.Options"/>'s; a test holds the generated
/// bytes to the reflection serializer's, since a digest that changed would orphan every stored decision.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict, MaxDepth = Json.JsonDocuments.MaxDepth)]
[JsonSerializable(typeof(Manifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
