using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Compliance.Rules.Json;

/// <summary>A place in a text file as editors and CI systems count it: line and column from 1, the column in UTF-16 code units.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    /// <summary>The start of the file: where a finding no field decides is shown.</summary>
    public static readonly SourcePosition Top = new(1, 1);
}

/// <summary>
/// Where each value of a JSON or YAML document is written, by JSON Pointer: a member at its key, an array item at its
/// first character. CI reports point at the manifest field that decides a finding; the parsed tree has forgotten
/// where its fields were, so the text is read once more for their positions.
/// </summary>
public sealed class SourceMap
{
    public static readonly SourceMap Empty = new([]);

    private readonly Dictionary<string, SourcePosition> _positions;

    private SourceMap(Dictionary<string, SourcePosition> positions) => _positions = positions;

    /// <summary>The positions in <paramref name="text"/>; a text that does not parse maps nothing (its error is reported elsewhere).</summary>
    public static SourceMap Of(string text, bool yaml)
    {
        try
        {
            return new SourceMap(yaml ? Yaml(text) : Json(text));
        }
        catch (Exception e) when (e is JsonException or YamlException or InvalidOperationException)
        {
            return Empty;
        }
    }

    /// <summary>Where the value at <paramref name="pointer"/> is written, if the document has it.</summary>
    public SourcePosition? Find(string pointer) => _positions.TryGetValue(pointer, out var position) ? position : null;

    private static Dictionary<string, SourcePosition> Json(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(utf8);
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var containers = new Stack<Container>();
        string? member = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = JsonDocuments.MaxDepth });
        while (reader.Read())
        {
            var at = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    member = JsonPointer.Append(containers.Peek().Pointer, reader.GetString()!);
                    positions.TryAdd(member, lines.Position(at));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    continue;
            }
            // A value: a member's (placed at its key), an item's or the document's.
            var pointer = containers.Count == 0 ? "" : containers.Peek().IsArray ? containers.Peek().NextItem() : member!;
            positions.TryAdd(pointer, lines.Position(at));
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push(new Container(pointer, reader.TokenType == JsonTokenType.StartArray));
            }
        }
        return positions;
    }

    private static Dictionary<string, SourcePosition> Yaml(string text)
    {
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var containers = new Stack<Container>();
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case MappingEnd or SequenceEnd:
                    containers.Pop();
                    break;
                case NodeEvent or AnchorAlias:
                    // A node, or an alias standing for one (a leaf here: its anchor's fields are mapped where they are written).
                    var node = parser.Current;
                    var start = new SourcePosition((int)node.Start.Line, (int)node.Start.Column);
                    var opens = node is MappingStart or SequenceStart;
                    string pointer;
                    if (containers.Count == 0)
                    {
                        pointer = "";
                        positions.TryAdd(pointer, start);
                    }
                    else if (containers.Peek() is { IsArray: false, Key: null } map)
                    {
                        // A key: the member it opens is placed here. A manifest's keys are plain scalars (the reader refuses others).
                        pointer = map.Key = JsonPointer.Append(map.Pointer, (node as Scalar)?.Value ?? "");
                        positions.TryAdd(pointer, start);
                        if (opens)
                        {
                            // A key that is itself a mapping or sequence: read through it so that the ends still pair.
                            containers.Push(new Container(pointer, node is SequenceStart));
                        }
                        break;
                    }
                    else if (containers.Peek() is { IsArray: false } owner)
                    {
                        pointer = owner.Key!;
                        owner.Key = null;
                    }
                    else
                    {
                        pointer = containers.Peek().NextItem();
                        positions.TryAdd(pointer, start);
                    }
                    if (opens)
                    {
                        containers.Push(new Container(pointer, node is SequenceStart));
                    }
                    break;
            }
        }
        return positions;
    }

    /// <summary>An object or array being read: its pointer, the next item's index, and (YAML) the member whose value comes next.</summary>
    private sealed class Container(string pointer, bool isArray)
    {
        private int _items;

        public string Pointer { get; } = pointer;
        public bool IsArray { get; } = isArray;
        public string? Key { get; set; }

        public string NextItem() => JsonPointer.Append(Pointer, _items++);
    }

    /// <summary>Byte offsets of a UTF-8 text turned into lines and UTF-16 columns.</summary>
    private sealed class LineIndex(byte[] utf8)
    {
        private readonly List<int> _starts = Starts(utf8);

        private static List<int> Starts(byte[] utf8)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < utf8.Length; i++)
            {
                if (utf8[i] == (byte)'\n')
                {
                    starts.Add(i + 1);
                }
            }
            return starts;
        }

        public SourcePosition Position(int offset)
        {
            var line = _starts.BinarySearch(offset);
            line = line >= 0 ? line : ~line - 1;
            var start = _starts[line];
            return new SourcePosition(line + 1, Encoding.UTF8.GetCharCount(utf8, start, offset - start) + 1);
        }
    }
}
