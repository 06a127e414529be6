using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Compliance.Rules.Json;

/// <summary>
/// Turns a YAML document into the JSON it stands for, resolving plain scalars by the YAML 1.2 core schema
/// (so <c>1e26</c> is a number and <c>2026-01-01</c> a string). Aliases are expanded under a node budget,
/// so a hostile document (a "billion laughs") is refused instead of exhausting memory.
/// </summary>
public static partial class YamlToJson
{
    public const int MaxNodes = 1_000_000;
    public const int MaxDepth = 128;

    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            RefuseDeepNesting(yaml);
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InvalidInputException("The YAML is malformed", "", $"line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}", InputProblem.Malformed);
        }
        if (stream.Documents.Count == 0)
        {
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            throw new InvalidInputException("The YAML is malformed", "", "expected one YAML document, found " + stream.Documents.Count, InputProblem.Malformed);
        }
        var budget = MaxNodes;
        return ToJson(stream.Documents[0].RootNode, "", 0, ref budget);
    }

    /// <summary>
    /// <see cref="YamlStream.Load(TextReader)"/> builds its tree by recursion, one frame per level, so 50,000 opening
    /// brackets overflow the stack before any check on the tree can run. The parser's events come from a loop, so
    /// counting them here refuses the document while the stack is still shallow. Aliases can deepen the document once
    /// expanded; <see cref="ToJson"/> keeps its own check for that, and its recursion is bounded by it.
    /// </summary>
    private static void RefuseDeepNesting(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case NodeEvent node when depth > MaxDepth:
                    throw new InvalidInputException("The YAML is too deep", "", $"line {node.Start.Line}: nested more than {MaxDepth} levels", InputProblem.TooLarge);
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static JsonNode? ToJson(YamlNode node, string pointer, int depth, ref int budget)
    {
        if (--budget < 0)
        {
            throw new InvalidInputException("The YAML is too large", pointer, $"more than {MaxNodes} nodes once aliases are expanded", InputProblem.TooLarge);
        }
        if (depth > MaxDepth)
        {
            throw new InvalidInputException("The YAML is too deep", pointer, $"nested more than {MaxDepth} levels", InputProblem.TooLarge);
        }
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new InvalidInputException("The YAML is not JSON-compatible", pointer, $"line {key.Start.Line}: mapping keys must be plain strings");
                    }
                    var child = JsonPointer.Append(pointer, name);
                    RefuseLoneSurrogates(name, pointer, key);
                    if (obj.ContainsKey(name))
                    {
                        throw new InvalidInputException("The YAML is malformed", child, $"line {key.Start.Line}: duplicate key '{name}'", InputProblem.Malformed);
                    }
                    obj[name] = ToJson(value, child, depth + 1, ref budget);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    array.Add(ToJson(item, JsonPointer.Append(pointer, i++), depth + 1, ref budget));
                }
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar, pointer);
            default:
                throw new InvalidInputException("The YAML is not JSON-compatible", pointer, $"line {node.Start.Line}: unsupported node");
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar, string pointer)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            RefuseLoneSurrogates(text, pointer, scalar);
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }
        if (FloatPattern().IsMatch(text))
        {
            var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            // Parsing saturates to infinity where JSON's reader would refuse: refuse it here too, by the same words.
            return double.IsFinite(number)
                ? JsonValue.Create(number)
                : throw new InvalidInputException("A number is out of range", pointer, $"line {scalar.Start.Line}: is beyond the range of a double (about ±1.8e308)");
        }
        RefuseLoneSurrogates(text, pointer, scalar);
        return JsonValue.Create(text);
    }

    // A quoted "\ud800" is half a character: YAML lets it through, and every JSON writer after this refuses it.
    private static void RefuseLoneSurrogates(string text, string pointer, YamlNode node)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw new InvalidInputException("The YAML is malformed", pointer, $"line {node.Start.Line}: is not valid text: an escape names half of a surrogate pair", InputProblem.Malformed);
            }
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
