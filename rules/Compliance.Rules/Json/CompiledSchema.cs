using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Compliance.Rules.Json;

/// <summary>
/// A JSON Schema compiled once into delegates that answer one question fast: is this document certainly valid?
/// It is the hot path in front of NJsonSchema (72 µs and 140 KB per manifest), which stays the authority and the
/// source of every error message: a document this accepts is valid, and anything it rejects is judged again by
/// NJsonSchema. So wherever the two could read a keyword differently this one takes the stricter reading
/// (lengths in UTF-16 units for maxLength, ECMAScript regexes, exact dates), and a schema using a keyword it does not
/// know, or a <c>oneOf</c> whose branches could both match, does not compile at all.
/// </summary>
public sealed class CompiledSchema
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "definitions", "default", "examples", "$comment"];
    private static readonly HashSet<string> ObjectKeywords = ["properties", "additionalProperties", "required"];

    private readonly JsonNode _root;
    private readonly Dictionary<string, Check> _byReference = new(StringComparer.Ordinal);
    private readonly Check _check;

    private delegate bool Check(JsonNode? node);

    private CompiledSchema(JsonNode root)
    {
        _root = root;
        _check = Reference("#");
    }

    /// <summary>The compiled schema, or null when the schema uses something this does not compile soundly.</summary>
    public static CompiledSchema? TryCompile(string schemaText)
    {
        try
        {
            return new CompiledSchema(JsonNode.Parse(schemaText) ?? throw new NotSupportedException("empty schema"));
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>True only if the document is valid; false means "ask the full validator".</summary>
    public bool Accepts(JsonNode? document) => _check(document);

    // A reference compiles once; a recursive one ("$ref": "#") calls through the table, which is filled by then.
    private Check Reference(string reference)
    {
        if (_byReference.TryGetValue(reference, out var known))
        {
            return known;
        }
        Check? compiled = null;
        _byReference[reference] = node => compiled!(node);
        compiled = Compile(Resolve(reference));
        return _byReference[reference] = compiled;
    }

    private JsonObject Resolve(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"external reference {reference}");
        }
        JsonNode? node = _root;
        foreach (var token in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }
        return node as JsonObject ?? throw new NotSupportedException($"reference {reference} does not name a schema");
    }

    private Check Compile(JsonObject schema)
    {
        var checks = new List<Check>();
        // properties, additionalProperties and required are one check over the object's keys.
        if (schema.Any(k => ObjectKeywords.Contains(k.Key)))
        {
            checks.Add(new ObjectShape(this, schema).Check);
        }
        foreach (var (keyword, value) in schema)
        {
            if (Annotations.Contains(keyword) || ObjectKeywords.Contains(keyword))
            {
                continue;
            }
            checks.Add(keyword switch
            {
                "$ref" => Reference(value!.GetValue<string>()),
                "type" => TypeCheck(Types(value)),
                "enum" => Enum(value!.AsArray()),
                "pattern" => Pattern(value!.GetValue<string>()),
                "format" => Format(value!.GetValue<string>()),
                "minLength" => MinLength(value!.GetValue<int>()),
                "maxLength" => MaxLength(value!.GetValue<int>()),
                "minimum" => Minimum(value!.GetValue<double>()),
                "maximum" => Maximum(value!.GetValue<double>()),
                "items" => Items(Compile(value!.AsObject())),
                "minItems" => MinItems(value!.GetValue<int>()),
                "maxItems" => MaxItems(value!.GetValue<int>()),
                "uniqueItems" => value!.GetValue<bool>() ? UniqueItems : _ => true,
                "anyOf" => AnyOf(value!.AsArray().Select(b => Compile(b!.AsObject())).ToArray()),
                "oneOf" => OneOf(value!.AsArray()),
                _ => throw new NotSupportedException($"keyword {keyword}"),
            });
        }
        var all = checks.ToArray();
        return all.Length switch
        {
            0 => _ => true,
            1 => all[0],
            _ => node =>
            {
                foreach (var check in all)
                {
                    if (!check(node))
                    {
                        return false;
                    }
                }
                return true;
            },
        };
    }

    private sealed class ObjectShape
    {
        private readonly Dictionary<string, Check> _properties = new(StringComparer.Ordinal);
        private readonly Check? _additional;
        private readonly bool _closed;
        private readonly string[] _required;

        public ObjectShape(CompiledSchema owner, JsonObject schema)
        {
            if (schema["properties"] is JsonObject properties)
            {
                foreach (var (name, property) in properties)
                {
                    _properties[name] = owner.Compile(property!.AsObject());
                }
            }
            switch (schema["additionalProperties"])
            {
                case null:
                    break;
                case JsonObject additional:
                    _additional = owner.Compile(additional);
                    break;
                case var flag when flag.GetValueKind() is JsonValueKind.False:
                    _closed = true;
                    break;
                case var flag when flag.GetValueKind() is JsonValueKind.True:
                    break;
                default:
                    throw new NotSupportedException("additionalProperties");
            }
            _required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToArray() ?? [];
        }

        public bool Check(JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                return true;
            }
            foreach (var name in _required)
            {
                if (!obj.ContainsKey(name))
                {
                    return false;
                }
            }
            foreach (var (name, value) in obj)
            {
                if (_properties.TryGetValue(name, out var property))
                {
                    if (!property(value))
                    {
                        return false;
                    }
                }
                else if (_closed || (_additional is not null && !_additional(value)))
                {
                    return false;
                }
            }
            return true;
        }
    }

    [Flags]
    private enum JsonType
    {
        None = 0, Null = 1, Boolean = 2, Object = 4, Array = 8, String = 16, Integer = 32, Number = 64,
    }

    private static JsonType Types(JsonNode? value) => value switch
    {
        JsonArray names => names.Aggregate(JsonType.None, (all, name) => all | Type(name!.GetValue<string>())),
        _ => Type(value!.GetValue<string>()),
    };

    private static JsonType Type(string name) => name switch
    {
        "null" => JsonType.Null,
        "boolean" => JsonType.Boolean,
        "object" => JsonType.Object,
        "array" => JsonType.Array,
        "string" => JsonType.String,
        "integer" => JsonType.Integer,
        "number" => JsonType.Number | JsonType.Integer,
        _ => throw new NotSupportedException($"type {name}"),
    };

    private static JsonType TypeOf(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => JsonType.Null,
        JsonValueKind.True or JsonValueKind.False => JsonType.Boolean,
        JsonValueKind.Object => JsonType.Object,
        JsonValueKind.Array => JsonType.Array,
        JsonValueKind.String => JsonType.String,
        // An integer is a literal that fits 64 bits, as NJsonSchema is given it; 1.0 or 1e3 is only a number.
        _ => node.AsValue().TryGetValue<long>(out _) ? JsonType.Integer : JsonType.Number,
    };

    private static Check TypeCheck(JsonType allowed) => node => (TypeOf(node) & allowed) != 0;

    private static Check Enum(JsonArray values)
    {
        if (values.Any(v => v?.GetValueKind() != JsonValueKind.String))
        {
            throw new NotSupportedException("enum of non-strings");
        }
        var allowed = values.Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return node => node?.GetValueKind() == JsonValueKind.String && allowed.Contains(node.GetValue<string>());
    }

    private static Check Pattern(string pattern)
    {
        // ECMAScript semantics: \d and \w match ASCII only, never wider than the reading of any other validator.
        // Compiled to IL for a service, which matches them on every request; interpreted for a process that matches a
        // few strings once and exits, where compiling cost more than every match saves.
        var compiled = ProcessLifetime.ShortLived ? RegexOptions.None : RegexOptions.Compiled;
        var regex = new Regex(pattern, RegexOptions.ECMAScript | RegexOptions.CultureInvariant | compiled, TimeSpan.FromSeconds(1));
        return node => node?.GetValueKind() != JsonValueKind.String || regex.IsMatch(node.GetValue<string>());
    }

    private static Check Format(string format) => format switch
    {
        "date" => node => node?.GetValueKind() != JsonValueKind.String
            || DateOnly.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => throw new NotSupportedException($"format {format}"),
    };

    // UTF-16 units count at least as many as code points or text elements, so maxLength over them is the strict reading.
    private static Check MaxLength(int max) => node => node?.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length <= max;

    // ... and text elements count the fewest, so minLength over them is the strict reading.
    private static Check MinLength(int min) => node => node?.GetValueKind() != JsonValueKind.String
        || new StringInfo(node.GetValue<string>()).LengthInTextElements >= min;

    private static Check Minimum(double minimum) => node => !IsNumber(node) || Number(node!) >= minimum;

    private static Check Maximum(double maximum) => node => !IsNumber(node) || Number(node!) <= maximum;

    private static bool IsNumber(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number;

    // Parsed JSON holds any number; YAML's reader holds a long or a double.
    private static double Number(JsonNode node) => node.AsValue() switch
    {
        var value when value.TryGetValue<double>(out var real) => real,
        var value when value.TryGetValue<long>(out var whole) => whole,
        _ => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static Check Items(Check item) => node =>
    {
        if (node is not JsonArray array)
        {
            return true;
        }
        foreach (var element in array)
        {
            if (!item(element))
            {
                return false;
            }
        }
        return true;
    };

    private static Check MinItems(int min) => node => node is not JsonArray array || array.Count >= min;

    private static Check MaxItems(int max) => node => node is not JsonArray array || array.Count <= max;

    private static bool UniqueItems(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return true;
        }
        for (var i = 1; i < array.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Same(array[i], array[j]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    // Numbers compare by value (1 and 1.0 are the same item), so duplicates are never missed.
    private static bool Same(JsonNode? a, JsonNode? b) =>
        IsNumber(a) && IsNumber(b) ? Number(a!) == Number(b!) : JsonNode.DeepEquals(a, b);

    private static Check AnyOf(Check[] branches) => node => branches.Any(branch => branch(node));

    private Check OneOf(JsonArray branches)
    {
        // A stricter reading inside one branch could hide a second match that makes oneOf fail; with branches of
        // pairwise disjoint types at most one can ever match, so "exactly one" is then the same question as "any".
        var types = branches.Select(b => DeclaredTypes(b!.AsObject())).ToArray();
        for (var i = 0; i < types.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if ((types[i] & types[j]) != 0)
                {
                    throw new NotSupportedException("oneOf with overlapping branches");
                }
            }
        }
        return AnyOf(branches.Select(b => Compile(b!.AsObject())).ToArray());
    }

    private JsonType DeclaredTypes(JsonObject schema) => schema switch
    {
        _ when schema["type"] is { } type => Types(type),
        _ when schema["$ref"] is { } reference => DeclaredTypes(Resolve(reference.GetValue<string>())),
        _ => throw new NotSupportedException("oneOf branch without a type"),
    };
}
