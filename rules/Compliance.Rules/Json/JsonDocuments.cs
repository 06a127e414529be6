using System.Text.Json;
using System.Text.Json.Nodes;

namespace Compliance.Rules.Json;

/// <summary>
/// Parses JSON (or YAML) text into a node tree, turning every syntax problem into an <see cref="InvalidInputException"/>.
/// A tree it returns holds no duplicate key, no undecodable string and no number beyond a double (<see cref="JsonTextCheck"/>).
/// </summary>
public static class JsonDocuments
{
    /// <summary>Nesting allowed in any input; deep enough for a lineage at its own limit, shallow enough to stay off the stack's edge.</summary>
    public const int MaxDepth = 128;

    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    public static JsonNode ParseJson(string text) => ParseJson(System.Text.Encoding.UTF8.GetBytes(text));

    public static JsonNode ParseJson(ReadOnlySpan<byte> utf8)
    {
        JsonNode? node;
        try
        {
            var options = new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow };
            JsonTextCheck.Check(utf8, options);
            var reader = new Utf8JsonReader(utf8, options);
            node = JsonNode.Parse(ref reader, NodeOptions);
            // A second value after the first is malformed: the reader throws on it.
            reader.Read();
        }
        catch (JsonException e)
        {
            throw Refusal(e);
        }
        return node ?? throw new InvalidInputException("The JSON is malformed", "", "the document is null", InputProblem.Malformed);
    }

    /// <summary>The parser's error as an input error: too deep (413) or malformed (400), at its line, column and pointer.</summary>
    public static InvalidInputException Refusal(JsonException e)
    {
        var kind = e.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? InputProblem.TooLarge : InputProblem.Malformed;
        var where = e.LineNumber is { } line ? $"line {line + 1}, column {e.BytePositionInLine + 1}: " : "";
        var message = kind == InputProblem.TooLarge ? $"nested more than {MaxDepth} levels" : InUsersWords(FirstSentence(e.Message));
        return new InvalidInputException(kind == InputProblem.TooLarge ? "The JSON is nested too deeply" : "The JSON is malformed", JsonPointer.FromPath(e.Path), where + message, kind);
    }

    /// <summary>Reads a file's text as YAML when its name says so, as JSON otherwise.</summary>
    public static JsonNode Parse(string text, bool yaml) =>
        yaml ? YamlToJson.Convert(text) ?? throw new InvalidInputException("The YAML is malformed", "", "the document is empty", InputProblem.Malformed)
             : ParseJson(text);

    public static bool IsYamlPath(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The parser's words where they speak to its caller ("change the reader options"), not to a user.</summary>
    private static string InUsersWords(string message) =>
        message.Contains("trailing comma", StringComparison.Ordinal)
            ? "a comma before a closing bracket or brace is not allowed in JSON: remove it"
            : message;

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }
        return message;
    }
}
