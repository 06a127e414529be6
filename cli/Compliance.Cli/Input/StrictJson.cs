using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Cli.Input;

/// <summary>
/// What a manifest must not contain though the parsers let it through: a key twice in one object (which value
/// would count?) and a number no double can hold (1e400 reads as infinity, which no report can write back).
/// </summary>
internal static class StrictJson
{
    /// <summary>Walks already well-formed JSON once, keeping the pointer of each value so an error can name it.</summary>
    public static void RefuseDuplicatesAndHugeNumbers(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonDocuments.MaxDepth });
        var open = new Stack<Container>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var top = open.Peek();
                    var name = reader.GetString()!;
                    top.Next = JsonPointer.Append(top.Pointer, name);
                    if (!top.Names.Add(name))
                    {
                        throw Refused(json, reader.TokenStartIndex, top.Next, $"duplicate key '{name}'");
                    }
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Push(new Container(Here(open), reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    open.Pop();
                    break;
                case JsonTokenType.Number:
                    var at = Here(open);
                    if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                    {
                        var literal = Encoding.UTF8.GetString(reader.ValueSpan);
                        throw Refused(json, reader.TokenStartIndex, at, $"{literal} is beyond the range of a number (about ±1.8e308)");
                    }
                    break;
                default:
                    Here(open);
                    break;
            }
        }
    }

    /// <summary>YAML's numbers are parsed before we see them: one past a double's range is infinity in the tree.</summary>
    public static void RefuseNonFinite(JsonNode? node, string pointer = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    RefuseNonFinite(value, JsonPointer.Append(pointer, key));
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    RefuseNonFinite(array[i], JsonPointer.Append(pointer, i));
                }
                break;
            case JsonValue value when value.TryGetValue<double>(out var number) && !double.IsFinite(number):
                throw new InvalidInputException("The manifest is invalid", pointer, "the number is beyond the range of a number (about ±1.8e308)");
        }
    }

    // The pointer of the value the reader is at: the property just named, or the next index of an array.
    private static string Here(Stack<Container> open)
    {
        if (open.Count == 0)
        {
            return "";
        }
        var top = open.Peek();
        return top.IsArray ? JsonPointer.Append(top.Pointer, top.Index++) : top.Next;
    }

    private static InvalidInputException Refused(ReadOnlySpan<byte> json, long offset, string pointer, string what)
    {
        var (line, column) = InputFile.Position(json, (int)offset);
        return new InvalidInputException("The JSON is invalid", pointer,
            string.Create(CultureInfo.InvariantCulture, $"line {line}, column {column}: {what}"), InputProblem.Malformed);
    }

    private sealed class Container(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;
        public bool IsArray { get; } = isArray;
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
        public string Next { get; set; } = pointer;
        public int Index { get; set; }
    }
}
