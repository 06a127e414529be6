using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace Compliance.Rules.Json;

/// <summary>
/// What System.Text.Json's parser lets through but nothing after it can hold: a key given twice (the node tree throws
/// when it first reads the object), text that is not UTF-8 or an escape naming half a surrogate pair (reading the
/// string throws), and a number beyond a double (it reads as infinity, which no writer will write). Each is found in
/// one pass over the tokens and named by its JSON Pointer. <c>JsonDocumentOptions.AllowDuplicateProperties</c> refuses
/// duplicates too, but without saying where, so this pass does it. A body kept in pieces (<see cref="ReadOnlySequence{T}"/>)
/// is checked as it lies, so a large body is never copied into one array to be checked.
/// </summary>
public sealed class JsonTextCheck
{
    /// <summary>Enough to show the pattern of a broken document without answering with a second megabyte.</summary>
    private const int MaxErrors = 50;

    private readonly List<Frame> _frames = [];
    private readonly List<Finding> _findings = [];
    private int _malformed;

    private JsonTextCheck()
    {
    }

    private struct Frame
    {
        public bool IsArray;
        public int Index;
        public string? Name;
        public HashSet<string>? Names;
    }

    /// <summary>
    /// A problem found at a token. Its line and column are worked out after the pass, in one scan over the text,
    /// because counting the lines before every token again would make a document full of errors quadratic.
    /// </summary>
    private sealed record Finding(long Offset, string Pointer, string Detail, bool Malformed)
    {
        public string Where { get; set; } = "";
    }

    /// <summary>Throws a 400 for duplicate keys or undecodable text, else a 422 for numbers beyond a double.</summary>
    public static void Check(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var check = new JsonTextCheck();
        var reader = new Utf8JsonReader(utf8, options);
        while (reader.Read() && check._findings.Count < MaxErrors)
        {
            check.Visit(ref reader);
        }
        var lines = new Lines();
        check.Locate(utf8, 0, ref lines);
        check.Throw();
    }

    /// <summary>As <see cref="Check(ReadOnlySpan{byte}, JsonReaderOptions)"/>, over text kept in pieces; pointers are from its root.</summary>
    public static void Check(ReadOnlySequence<byte> utf8, JsonReaderOptions options)
    {
        var check = new JsonTextCheck();
        var reader = new Utf8JsonReader(utf8, options);
        while (reader.Read() && check._findings.Count < MaxErrors)
        {
            check.Visit(ref reader);
        }
        var lines = new Lines();
        var start = 0L;
        foreach (var piece in utf8)
        {
            check.Locate(piece.Span, start, ref lines);
            start += piece.Length;
        }
        check.Throw();
    }

    private void Throw()
    {
        if (_malformed > 0)
        {
            // One 400 names every problem: the malformed text first, the numbers out of range after it.
            var ordered = _findings.Where(f => f.Malformed).Concat(_findings.Where(f => !f.Malformed));
            throw new InvalidInputException("The JSON is malformed", [.. ordered.Select(Error)], InputProblem.Malformed);
        }
        if (_findings.Count > 0)
        {
            throw new InvalidInputException("A number is out of range", [.. _findings.Select(Error)]);
        }
    }

    private static InputError Error(Finding finding) => new(finding.Pointer, finding.Where + finding.Detail);

    private void Visit(ref Utf8JsonReader reader)
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
                Property(ref reader);
                break;
            case JsonTokenType.String:
                if (!IsText(ref reader))
                {
                    Malformed(reader.TokenStartIndex, Pointer(_frames.Count), "is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair");
                }
                ValueDone();
                break;
            case JsonTokenType.Number:
                if (!reader.TryGetDouble(out var value) || !double.IsFinite(value))
                {
                    _findings.Add(new Finding(reader.TokenStartIndex, Pointer(_frames.Count), $"{Literal(Value(ref reader))} is beyond the range of a double (about ±1.8e308)", Malformed: false));
                }
                ValueDone();
                break;
            default:
                ValueDone();
                break;
        }
    }

    private void Property(ref Utf8JsonReader reader)
    {
        var top = _frames.Count - 1;
        var frame = _frames[top];
        if (!IsText(ref reader))
        {
            Malformed(reader.TokenStartIndex, Pointer(top), "a key is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair");
            frame.Name = "\uFFFD";
        }
        else
        {
            var name = reader.GetString()!;
            frame.Name = name;
            frame.Names ??= new HashSet<string>(StringComparer.Ordinal);
            if (!frame.Names.Add(name))
            {
                Malformed(reader.TokenStartIndex, JsonPointer.Append(Pointer(top), name), $"the key '{name}' is given more than once");
            }
        }
        _frames[top] = frame;
    }

    private void Malformed(long offset, string pointer, string detail)
    {
        _findings.Add(new Finding(offset, pointer, detail, Malformed: true));
        _malformed++;
    }

    // Unescaped text is checked in place; only escaped text is decoded, which is where a lone surrogate can hide.
    private static bool IsText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(Value(ref reader));
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

    /// <summary>
    /// The token's bytes. Only a token that straddles two pieces of a body is copied: UTF-8 is checked whole, since a
    /// character can be split across the boundary.
    /// </summary>
    private static ReadOnlySpan<byte> Value(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;

    private void ValueDone()
    {
        if (_frames.Count > 0 && _frames[^1].IsArray)
        {
            var frame = _frames[^1];
            frame.Index++;
            _frames[^1] = frame;
        }
    }

    /// <summary>Lines counted so far in a scan of the text: how many, and where the current one starts.</summary>
    private struct Lines
    {
        public long Count;
        public long Start;
        public int Next;
    }

    /// <summary>
    /// Gives each finding in <paramref name="piece"/> (which starts at <paramref name="start"/>) its "line L, column C: ",
    /// as the parser's own errors say it (columns in bytes, from 1). Findings are in text order, so one scan serves all.
    /// </summary>
    private void Locate(ReadOnlySpan<byte> piece, long start, ref Lines lines)
    {
        var done = 0;
        while (lines.Next < _findings.Count && _findings[lines.Next].Offset < start + piece.Length)
        {
            var finding = _findings[lines.Next++];
            var upto = (int)(finding.Offset - start);
            Count(piece[done..upto], start + done, ref lines);
            done = upto;
            finding.Where = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {lines.Count + 1}, column {finding.Offset - lines.Start + 1}: ");
        }
        Count(piece[done..], start + done, ref lines);
    }

    private static void Count(ReadOnlySpan<byte> text, long start, ref Lines lines)
    {
        lines.Count += text.Count((byte)'\n');
        var last = text.LastIndexOf((byte)'\n');
        if (last >= 0)
        {
            lines.Start = start + last + 1;
        }
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
