using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Compliance.Rules.Json;

namespace Compliance.Rules.Manifests;

/// <summary>Reads manifests (schema first, then types) and writes them in the one canonical form their digest is taken over.</summary>
public static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = JsonDocuments.MaxDepth,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Validates a manifest node against the schema and binds it; errors are located below <paramref name="pointer"/>.</summary>
    public static Manifest Read(JsonNode node, string pointer = "") => Read(node, pointer, generated: ProcessLifetime.ShortLived);

    /// <param name="generated">
    /// Bind with the generated metadata of <see cref="ManifestJsonContext"/> rather than reflection's: slower once warm,
    /// but it needs no warm-up, and the canonical writer has built the same metadata anyway, so a
    /// process that reads a manifest or two and exits (<see cref="ProcessLifetime.ShortLived"/>) binds with it.
    /// </param>
    internal static Manifest Read(JsonNode node, string pointer, bool generated)
    {
        var errors = SchemaValidator.Manifest.Validate(node, pointer);
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The manifest is invalid", errors);
        }
        try
        {
            return (generated ? node.Deserialize(ManifestJsonContext.Default.Manifest) : node.Deserialize<Manifest>(Options))!;
        }
        catch (JsonException e)
        {
            // The schema admits nothing the types cannot bind, so this only fires if the two drift apart.
            throw new InvalidInputException("The manifest is invalid", pointer + JsonPointer.FromPath(e.Path), e.Message);
        }
    }

    public static Manifest ReadText(string text, bool yaml = false) => Read(JsonDocuments.Parse(text, yaml));

    public static string Serialize(Manifest manifest) => JsonSerializer.Serialize(manifest, Options);

    /// <summary>
    /// The one canonical serialisation (UTF-8): the same facts give the same bytes however they were spelled. Written by
    /// generated code with <see cref="Options"/>' settings; reading stays with reflection, which binds these records faster.
    /// </summary>
    public static byte[] Canonical(Manifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJsonContext.Default.Manifest);

    /// <summary>sha256 of the canonical serialisation.</summary>
    public static string Digest(Manifest manifest) => Digest(Canonical(manifest));

    public static string Digest(ReadOnlySpan<byte> canonical) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(canonical));
}
