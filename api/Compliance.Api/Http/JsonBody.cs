using System.Buffers;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Http;

/// <summary>Reads a request body as JSON under a size limit, so that an oversized or malformed body is a 413 or 400 with a reason.</summary>
public static class JsonBody
{
    /// <summary>The largest body an endpoint reads unless it says otherwise: a manifest with a deep inline lineage fits easily.</summary>
    public const int DefaultLimitBytes = 1024 * 1024;

    // Decoding replaces bytes that are not UTF-8 with U+FFFD by default, which would store a pack unlike the one sent.
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, int limitBytes = DefaultLimitBytes)
    {
        var node = JsonDocuments.ParseJson(await ReadBytesAsync(request, limitBytes));
        return node as JsonObject ?? throw new InvalidInputException("The request body must be a JSON object", "", $"got a JSON {node.GetValueKind().ToString().ToLowerInvariant()}", InputProblem.Invalid);
    }

    public static async Task<JsonNode> ReadYamlAsync(HttpRequest request, int limitBytes = DefaultLimitBytes) =>
        YamlToJson.Convert(Utf8Text(await ReadBytesAsync(request, limitBytes)))
            ?? throw new InvalidInputException("The request body is empty", "", "send a YAML document", InputProblem.Malformed);

    private static string Utf8Text(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new InvalidInputException("The request body is malformed", "", $"byte {e.Index} is not UTF-8 text", InputProblem.Malformed);
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpRequest request, int limitBytes)
    {
        if (request.ContentLength > limitBytes)
        {
            throw TooLarge(limitBytes);
        }
        // Sized by Content-Length when given, and the copy buffer is pooled: the body is read on every decision.
        using var buffer = new MemoryStream((int)(request.ContentLength ?? 4096));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limitBytes)
                {
                    throw TooLarge(limitBytes);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (buffer.Length == 0)
        {
            throw new InvalidInputException("The request body is empty", "", "send a JSON object", InputProblem.Malformed);
        }
        return buffer.ToArray();
    }

    private static InvalidInputException TooLarge(int limitBytes) =>
        new("The request body is too large", "", $"the limit is {limitBytes} bytes ({limitBytes / 1024} KiB)", InputProblem.TooLarge);
}
