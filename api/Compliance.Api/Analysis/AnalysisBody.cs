using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Api.Analysis;

/// <summary>One element of an inline portfolio: a manifest given inline, or the id of a registered one.</summary>
public sealed record PortfolioEntry(Manifest? Inline, string? RegisteredId);

/// <summary>
/// An analysis request: the small envelope fields as nodes, to be validated and bound as a <see cref="CompareRequest"/>
/// or <see cref="SweepRequest"/>, and an inline portfolio as manifests bound one element at a time. A node tree of a 64 MiB portfolio took the server past 1.4 GB; each element's tree here lives only while its
/// manifest is validated and bound.
/// </summary>
public sealed record AnalysisBody(JsonObject Envelope, IReadOnlyList<PortfolioEntry>? Entries)
{
    private const string PortfolioField = "portfolio";

    /// <summary>The body's bytes are kept in segments of this size: no single array of the whole body, and no copy as it grows.</summary>
    private const int SegmentBytes = 256 * 1024;

    /// <summary>The envelope validated against <typeparamref name="T"/>'s schema, bound and checked.</summary>
    public T Bind<T>() where T : class, IRequestEnvelope => RequestEnvelope.Bind<T>(Envelope);

    public static async Task<AnalysisBody> ReadAsync(HttpRequest request, int limitBytes, CancellationToken cancellationToken)
    {
        var body = await ReadSegmentsAsync(request, limitBytes, cancellationToken);
        try
        {
            return Parse(body, cancellationToken);
        }
        catch (JsonException e)
        {
            throw JsonDocuments.Refusal(e);
        }
    }

    private static AnalysisBody Parse(ReadOnlySequence<byte> utf8, CancellationToken cancellationToken)
    {
        var options = new JsonReaderOptions { MaxDepth = JsonDocuments.MaxDepth, CommentHandling = JsonCommentHandling.Disallow };
        // The checks every other body gets from JsonDocuments.ParseJson, over the whole body in its pieces and before
        // any of it is bound: keys given twice (at the top level as inside an element), text that is not UTF-8 or
        // names half a surrogate pair, and numbers beyond a double are answered by pointer from the body's root, rather
        // than reaching the node tree or the manifest's canonical form, which throw on them.
        JsonTextCheck.Check(utf8, options);
        var reader = new Utf8JsonReader(utf8, options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = reader.TokenType.ToString().ToLowerInvariant();
            throw new InvalidInputException("The request body must be a JSON object", "", $"got a JSON {kind}", InputProblem.Invalid);
        }
        var envelope = new JsonObject(JsonDocuments.NodeOptions);
        List<PortfolioEntry>? entries = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (name == PortfolioField && reader.TokenType == JsonTokenType.StartArray)
            {
                entries = ReadPortfolio(ref reader, cancellationToken);
                // The request schema sees an empty array in its place: an array was given, and each element was
                // validated as a manifest (or taken as a registered id) as it was read.
                envelope[name] = new JsonArray();
            }
            else
            {
                envelope[name] = JsonNode.Parse(ref reader, JsonDocuments.NodeOptions);
            }
        }
        // A second value after the object is malformed: the reader throws on it.
        reader.Read();
        return new AnalysisBody(envelope, entries);
    }

    private static List<PortfolioEntry> ReadPortfolio(ref Utf8JsonReader reader, CancellationToken cancellationToken)
    {
        var entries = new List<PortfolioEntry>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var at = $"/{PortfolioField}/{entries.Count}";
            if (entries.Count == Portfolio.MaxArtifacts)
            {
                throw new InvalidInputException("The portfolio is too large", $"/{PortfolioField}", $"more than {Portfolio.MaxArtifacts} artifacts; the limit is {Portfolio.MaxArtifacts}", InputProblem.TooLarge);
            }
            if (entries.Count % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            entries.Add(reader.TokenType switch
            {
                JsonTokenType.String => new PortfolioEntry(null, reader.GetString()),
                JsonTokenType.Null => throw new InvalidInputException("The portfolio is invalid", at, "null is not a manifest"),
                _ => new PortfolioEntry(ManifestJson.Read(JsonNode.Parse(ref reader, JsonDocuments.NodeOptions)!, at), null),
            });
        }
        return entries;
    }

    private static async Task<ReadOnlySequence<byte>> ReadSegmentsAsync(HttpRequest request, int limitBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limitBytes)
        {
            throw TooLarge(limitBytes);
        }
        ByteSegment? first = null, last = null;
        long total = 0;
        while (true)
        {
            var buffer = new byte[SegmentBytes];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
                if (total + filled > limitBytes)
                {
                    throw TooLarge(limitBytes);
                }
            }
            if (filled > 0)
            {
                last = last is null ? first = new ByteSegment(buffer.AsMemory(0, filled), 0) : last.Append(buffer.AsMemory(0, filled));
                total += filled;
            }
            if (filled < buffer.Length)
            {
                break;
            }
        }
        if (first is null)
        {
            throw new InvalidInputException("The request body is empty", "", "send a JSON object", InputProblem.Malformed);
        }
        return new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private static InvalidInputException TooLarge(int limitBytes) =>
        new("The request body is too large", "", $"the limit is {limitBytes} bytes ({limitBytes / 1024 / 1024} MiB)", InputProblem.TooLarge);
}
