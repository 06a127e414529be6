using System.Text.Json.Nodes;
using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Compliance.Rules.Json;

/// <summary>Validates documents against the bundled JSON Schemas and reports each violation by JSON Pointer.</summary>
public sealed class SchemaValidator
{
    // NJsonSchema is built only when a document fails the compiled schema (or the schema does not compile): building
    // it cost more than the rest of a CLI run together, and a valid document never needs it. A plain field, not a
    // Lazy<JsonSchema>, so that not even NJsonSchema's assembly is loaded until then.
    private readonly string _text;
    private readonly CompiledSchema? _fastPath;
    private JsonSchema? _schema;

    private SchemaValidator(string text, CompiledSchema? fastPath)
    {
        _text = text;
        _fastPath = fastPath;
    }

    private static readonly Lazy<SchemaValidator> ManifestSchema = new(() => Load("manifest"));
    private static readonly Lazy<SchemaValidator> RulePackSchema = new(() => Load("rulepack"));
    private static readonly Lazy<SchemaValidator> EvaluationSchema = new(() => Load("evaluation"));
    private static readonly Lazy<SchemaValidator> EvaluationRequestSchema = new(() => Load("evaluation-request"));
    private static readonly Lazy<SchemaValidator> GateRequestSchema = new(() => Load("gate-request"));
    private static readonly Lazy<SchemaValidator> CompareRequestSchema = new(() => Load("compare-request"));
    private static readonly Lazy<SchemaValidator> SweepRequestSchema = new(() => Load("sweep-request"));
    private static readonly Lazy<SchemaValidator> KeyRequestSchema = new(() => Load("key-request"));

    public static SchemaValidator Manifest => ManifestSchema.Value;
    public static SchemaValidator RulePack => RulePackSchema.Value;
    public static SchemaValidator Evaluation => EvaluationSchema.Value;

    /// <summary>The envelope of POST /v1/evaluations; the manifest inside it keeps its own schema.</summary>
    public static SchemaValidator EvaluationRequest => EvaluationRequestSchema.Value;

    /// <summary>The envelope of POST /v1/gate.</summary>
    public static SchemaValidator GateRequest => GateRequestSchema.Value;

    /// <summary>The envelope of POST /v1/compare; its inline manifests are validated one by one as they are read.</summary>
    public static SchemaValidator CompareRequest => CompareRequestSchema.Value;

    /// <summary>The envelope of POST /v1/sweep.</summary>
    public static SchemaValidator SweepRequest => SweepRequestSchema.Value;

    /// <summary>The body of POST /v1/keys.</summary>
    public static SchemaValidator KeyRequest => KeyRequestSchema.Value;

    /// <summary>The schema itself, for a reader that asks what a field is (the importers' fact properties).</summary>
    internal JsonSchema Schema => FullSchema();

    /// <summary>The schema names served at <c>/v1/schemas/{name}</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["manifest", "rulepack", "evaluation", "evaluation-request", "gate-request", "compare-request", "sweep-request", "key-request"];

    public static string? Text(string name)
    {
        if (!Names.Contains(name))
        {
            return null;
        }
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream($"schemas/{name}.schema.json")
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SchemaValidator Load(string name)
    {
        var text = Text(name)!;
        return new(text, CompiledSchema.TryCompile(text));
    }

    /// <summary>
    /// Every violation, each located below <paramref name="pointerPrefix"/>. Valid documents, the common case, are
    /// settled by the compiled schema; NJsonSchema judges and explains the others.
    /// </summary>
    public IReadOnlyList<InputError> Validate(JsonNode node, string pointerPrefix = "") =>
        _fastPath?.Accepts(node) == true ? [] : Explain(node, pointerPrefix);

    /// <summary>Every violation found by NJsonSchema itself, without the compiled fast path.</summary>
    public IReadOnlyList<InputError> Explain(JsonNode node, string pointerPrefix = "")
    {
        var errors = new List<InputError>();
        foreach (var error in FullSchema().Validate(ToToken(node)))
        {
            Collect(error, pointerPrefix, errors);
        }
        // A body of a hundred thousand bad items says nothing more with a hundred thousand errors, and listing them
        // all took minutes: the first MaxErrors are enough to act on. Collecting stops one past them, to know.
        if (errors.Count > MaxErrors)
        {
            errors.RemoveRange(MaxErrors, errors.Count - MaxErrors);
            errors.Add(new InputError(pointerPrefix, $"and more: only the first {MaxErrors} errors are listed"));
        }
        return errors;
    }

    private JsonSchema FullSchema() =>
        LazyInitializer.EnsureInitialized(ref _schema, () => JsonSchema.FromJsonAsync(_text).GetAwaiter().GetResult());

    /// <summary>The most errors one answer lists.</summary>
    public const int MaxErrors = 50;

    // NJsonSchema reads Newtonsoft tokens. Building them directly keeps every number a long or a double: an integer
    // literal wider than 64 bits (1e29 written out) would otherwise become a BigInteger the validator cannot compare.
    private static JToken ToToken(JsonNode? node) => node switch
    {
        null => JValue.CreateNull(),
        JsonObject obj => new JObject(obj.Select(p => new JProperty(p.Key, ToToken(p.Value)))),
        JsonArray array => new JArray(array.Select(ToToken)),
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => new JValue(node.GetValue<string>()),
            JsonValueKind.True => new JValue(true),
            JsonValueKind.False => new JValue(false),
            _ => long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? new JValue(whole)
                : new JValue(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
        },
    };

    private static void Collect(ValidationError error, string prefix, List<InputError> into)
    {
        if (into.Count > MaxErrors)
        {
            return;
        }
        if (error is MultiTypeValidationError multi && multi.Errors.Values.Any(e => e.Count > 0))
        {
            foreach (var closest in OfTheClosestType(multi))
            {
                Collect(closest, prefix, into);
            }
            return;
        }
        // oneOf/anyOf failures carry the reasons of each branch; the branch errors say more than "no match", and those
        // of the branches of the value's own type say the most (a range's bad step count, not "must be an array").
        if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
        {
            var before = into.Count;
            var ofItsType = child.Errors.Values.Where(e => !e.Any(b => TypeMismatches.Contains(b.Kind) && b.Path == child.Path)).ToList();
            foreach (var branch in (ofItsType.Count > 0 ? ofItsType : [.. child.Errors.Values]).SelectMany(e => e))
            {
                Collect(branch, prefix, into);
            }
            if (into.Count > before)
            {
                return;
            }
        }
        var pointer = prefix + JsonPointer.FromPath(error.Path);
        var message = Describe(error);
        if (!into.Contains(new InputError(pointer, message)))
        {
            into.Add(new InputError(pointer, message));
        }
    }

    private static readonly HashSet<ValidationErrorKind> TypeMismatches =
    [
        ValidationErrorKind.StringExpected, ValidationErrorKind.NumberExpected, ValidationErrorKind.IntegerExpected, ValidationErrorKind.BooleanExpected,
        ValidationErrorKind.ObjectExpected, ValidationErrorKind.ArrayExpected, ValidationErrorKind.NullExpected,
    ];

    // "type": ["string", "null"] reports each type's errors. A value of one of the types fails only that type's other
    // keywords (a bad date), which say the most; a value of none fails each type check, and the first type that is
    // not null names what is expected ("must be a string", never "no type validates").
    private static IEnumerable<ValidationError> OfTheClosestType(MultiTypeValidationError multi)
    {
        var all = multi.Errors.OrderBy(t => t.Key == JsonObjectType.Null).SelectMany(t => t.Value).ToList();
        var specific = all.Where(e => !TypeMismatches.Contains(e.Kind)).ToList();
        return specific.Count > 0 ? specific : all.Take(1);
    }

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a known field",
        ValidationErrorKind.NotInEnumeration => $"not one of the allowed values {Allowed(error.Schema)}",
        ValidationErrorKind.NumberExpected => "must be a number",
        ValidationErrorKind.IntegerExpected => $"must be a whole number, not {error.Token?.ToString(Newtonsoft.Json.Formatting.None)}",
        ValidationErrorKind.StringExpected => "must be a string",
        ValidationErrorKind.BooleanExpected => "must be true or false",
        ValidationErrorKind.ArrayExpected => "must be an array",
        ValidationErrorKind.ObjectExpected => "must be an object",
        ValidationErrorKind.NumberTooSmall => $"must be at least {error.Schema?.Minimum}",
        ValidationErrorKind.TooFewItems => $"give at least {error.Schema?.MinItems} items",
        ValidationErrorKind.TooManyItems => $"give at most {error.Schema?.MaxItems} items",
        ValidationErrorKind.DateExpected => "is not a date (YYYY-MM-DD)",
        ValidationErrorKind.PatternMismatch => $"does not match the pattern {error.Schema?.Pattern}",
        _ => SplitWords(error.Kind.ToString()),
    };

    private static string Allowed(JsonSchema? schema) =>
        schema is null ? "" : "(" + string.Join(", ", schema.Enumeration.Select(v => v?.ToString())) + ")";

    private static string SplitWords(string kind) =>
        string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
