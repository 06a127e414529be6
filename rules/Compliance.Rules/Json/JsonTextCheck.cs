using System.Text.Json;
using System.Text.Unicode;

namespace Compliance.Rules.Json;

/// <summary>
/// What System.Text.Json's parser lets through but nothing after it can hold: a key given twice (the node tree throws
/// when it first reads the object), text that is not UTF-8 or an escape naming half a surrogate pair (reading the
/// string throws), and a number beyond a double (it reads as infinity, which no writer will write). Each is found in
/// one pass over the tokens and named by its JSON Pointer. <c>JsonDocumentOptions.AllowDuplicateProperties</c> refuses
/// duplicates too, but without saying where, so this pass does it.
/// </summary>
internal sealed class JsonTextCheck
{
    /// <summary>Enough to show the pattern of a broken document without answering with a second megabyte.</summary>
    private const int MaxErrors = 50;

    private readonly List<Frame> _frames = [];
    private readonly List<InputError> _malformed = [];
    private readonly List<InputError> _outOfRange = [];

    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public string? Name;
        public HashSet<string>? Names;
    }

    /// <summary>Throws a 400 for duplicate keys or undecodable text, else a 422 for numbers beyond a double.</summary>
    public static void Check(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var check = new JsonTextCheck();
        var reader = new Utf8JsonReader(utf8, options);
        while (reader.Read() && check._malformed.Count + check._outOfRange.Count < MaxErrors)
        {
            check.Visit(ref reader, utf8);
        }
        if (check._malformed.Count > 0)
        {
            throw new InvalidInputException("The JSON is malformed", [.. check._malformed, .. check._outOfRange], InputProblem.Malformed);
        }
        if (check._outOfRange.Count > 0)
        {
            throw new InvalidInputException("A number is out of range", check._outOfRange);
        }
    }

    private void Visit(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                _frames.Add(new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray });
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _frames.RemoveAt(_frames.Count - 1);
                ValueDone();
                break;
            case JsonTokenType.PropertyName:
                Property(ref reader, utf8);
                break;
            case JsonTokenType.String:
                if (!IsText(ref reader))
                {
                    _malformed.Add(new InputError(Pointer(_frames.Count), At(utf8, reader) + "is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair"));
                }
                ValueDone();
                break;
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    _outOfRange.Add(new InputError(Pointer(_frames.Count), $"{At(utf8, reader)}{Literal(reader.ValueSpan)} is beyond the range of a double (about ±1.8e308)"));
                }
                ValueDone();
                break;
            default:
                ValueDone();
                break;
        }
    }

    private void Property(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
    {
        var top = _frames.Count - 1;
        var frame = _frames[top];
        if (!IsText(ref reader))
        {
            _malformed.Add(new InputError(Pointer(top), At(utf8, reader) + "a key is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair"));
            frame.Name = "\uFFFD";
        }
        else
        {
            var name = reader.GetString()!;
            frame.Name = name;
            frame.Names ??= new HashSet<string>(StringComparer.Ordinal);
            if (!frame.Names.Add(name))
            {
                _malformed.Add(new InputError(JsonPointer.Append(Pointer(top), name), $"{At(utf8, reader)}the key '{name}' is given more than once"));
            }
        }
        _frames[top] = frame;
    }

    // Unescaped text is checked in place; only escaped text is decoded, which is where a lone surrogate can hide.
    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }
        try
        {
            reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void ValueDone()
    {
        if (_frames.Count > 0 && _frames[^1].IsArray)
        {
            var frame = _frames[^1];
            frame.Index++;
            _frames[^1] = frame;
        }
    }

    /// <summary>"line L, column C: " of the token the reader is at, as the parser's own errors say it (columns in bytes, from 1).</summary>
    private static string At(ReadOnlySpan<byte> utf8, Utf8JsonReader reader)
    {
        var before = utf8[..(int)reader.TokenStartIndex];
        var line = before.Count((byte)'\n') + 1;
        var column = before.Length - before.LastIndexOf((byte)'\n');
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}, column {column}: ");
    }

    /// <summary>The number as written, cut short: a 330-digit integer is named by its first digits.</summary>
    private static string Literal(ReadOnlySpan<byte> number) =>
        number.Length <= 24 ? System.Text.Encoding.UTF8.GetString(number) : System.Text.Encoding.UTF8.GetString(number[..20]) + "…";

    /// <summary>The pointer of the value at <paramref name="depth"/>: built only when there is an error to report.</summary>
    private string Pointer(int depth)
    {
        var pointer = "";
        for (var i = 0; i < depth; i++)
        {
            pointer = _frames[i].IsArray ? JsonPointer.Append(pointer, _frames[i].Index) : JsonPointer.Append(pointer, _frames[i].Name ?? "");
        }
        return pointer;
    }
}
