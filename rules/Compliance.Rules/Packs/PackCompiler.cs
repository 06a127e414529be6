using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>
/// Turns a schema-valid pack document into a <see cref="BillPack"/>, resolving every name it uses. What the schema
/// cannot say (a fact that does not exist, a comparison that does not fit the fact's type, a definition that refers
/// to itself) is reported here, each error at its JSON Pointer.
/// </summary>
internal sealed class PackCompiler
{
    private readonly List<InputError> _errors = [];
    private readonly Dictionary<string, Parameter> _parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _definitions = new(StringComparer.Ordinal);
    private OrderedDictionary<string, Reading> _readings = new(StringComparer.Ordinal);

    /// <param name="digest">The digest of the rules when already known (the bundled bills, digested at build time).</param>
    public static BillPack Compile(JsonObject doc, out IReadOnlyList<InputError> errors, string? digest = null)
    {
        var compiler = new PackCompiler();
        var pack = compiler.Build(doc, digest);
        errors = compiler._errors;
        return pack;
    }

    private BillPack Build(JsonObject doc, string? digest)
    {
        var declared = new List<Parameter>();
        foreach (var (name, node) in doc["parameters"]?.AsObject() ?? [])
        {
            declared.Add(_parameters[name] = CompileParameter(name, node!.AsObject()));
        }
        // A description may name any parameter, its own included: each is written out once every value is known.
        var parameters = declared.Select(p => p with { Description = Words(p.Description, $"/parameters/{p.Name}/description"), DescriptionText = ParameterText.Parse(p.Description) }).ToList();

        _readings = Readings(doc["readings"] as JsonObject);
        var definitionNodes = doc["definitions"]?.AsObject() ?? [];
        foreach (var (name, _) in definitionNodes)
        {
            _definitions.Add(name);
        }
        var definitions = new List<Definition>();
        foreach (var (name, node) in definitionNodes)
        {
            var at = "/definitions/" + name;
            var when = CompileCondition(node!["when"], at + "/when", allowDeploymentFacts: false);
            definitions.Add(new Definition(name, Words(Str(node["title"]), at + "/title")!, Str(node["citation"])!, Words(Str(node["description"]), at + "/description"), when)
            {
                Url = Str(node["url"]),
                Certainty = CertaintyOf(node),
            });
        }
        if (CheckDefinitionCycles(definitions))
        {
            definitions = ResolveReliance(definitions);
        }
        var definitionsByName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var penalties = Penalties(doc["penalties"] as JsonObject);
        if (doc["effective"] is null)
        {
            _errors.Add(new InputError("/effective", "a bill needs 'effective' (its dates, or {} for none); a variant inherits its base's"));
        }
        var effective = doc["effective"] as JsonObject ?? [];
        var effectiveCertainty = CertaintyOf(effective);

        var obligations = new List<Obligation>();
        var id = Str(doc["id"])!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = doc["obligations"]?.AsArray() ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            obligations.Add(CompileObligation(id, list[i]!.AsObject(), "/obligations/" + i, seen, penalties, definitionsByName, effectiveCertainty));
        }

        var status = Enum.Parse<BillStatus>(Str(doc["status"])!, ignoreCase: true);
        if (status is BillStatus.Enacted or BillStatus.Revoked or BillStatus.Repealed && effective["from"] is null)
        {
            _errors.Add(new InputError("/effective/from", $"a bill whose status is {Str(doc["status"])} needs the date it took effect"));
        }
        return new BillPack
        {
            Id = id,
            Version = Str(doc["version"])!,
            IsDefault = doc["default"]?.GetValue<bool>() ?? false,
            Title = Str(doc["title"])!,
            Jurisdiction = Str(doc["jurisdiction"])!,
            Status = status,
            Source = Str(doc["source"])!,
            Territory = (doc["territory"]?.AsArray() ?? []).Select(t => Str(t)!).ToList(),
            Regulates = doc["regulates"] is JsonArray regulates ? regulates.Select(r => ParsePhase(Str(r)!)).ToList() : [Phase.Training, Phase.Release, Phase.Deployment],
            Effective = new Effective(Date(effective["from"]), Date(effective["until"]), Str(effective["citation"]), Str(effective["note"]), effectiveCertainty),
            History = (doc["history"]?.AsArray() ?? []).Select(h => new HistoryEvent(Date(h!["date"])!.Value, Str(h["event"])!, Str(h["citation"]))).ToList(),
            Penalties = penalties,
            Readings = _readings,
            Parameters = parameters,
            Definitions = definitions,
            Obligations = obligations,
            Tests = (doc["tests"]?.AsArray() ?? []).Select(t => t!.AsObject()).ToList(),
            Digest = digest ?? RulesDigest(doc),
            Document = doc,
        };
    }

    /// <summary>The digest of the rules: the document without its test cases.</summary>
    private static string RulesDigest(JsonObject doc)
    {
        var withoutTests = doc.DeepClone().AsObject();
        withoutTests.Remove("tests");
        return CanonicalJson.Digest(withoutTests);
    }

    private Obligation CompileObligation(string billId, JsonObject node, string at, HashSet<string> seen,
        OrderedDictionary<string, Penalty> penalties, Dictionary<string, Definition> definitions, Certainty effectiveCertainty)
    {
        var localId = Str(node["id"])!;
        if (!seen.Add(localId))
        {
            _errors.Add(new InputError(at + "/id", $"obligation id '{localId}' is used twice"));
        }
        var phases = node["phase"] is JsonArray array
            ? array.Select(p => ParsePhase(Str(p)!)).ToList()
            : [ParsePhase(Str(node["phase"])!)];
        var when = node["when"] is { } w ? CompileCondition(w, at + "/when", allowDeploymentFacts: true) : AlwaysCondition.Instance;
        Due? due = null;
        if (node["due"] is JsonObject d)
        {
            var from = Str(d["from"]);
            if (from is not null && from != "activity.date" && !(FactCatalog.All.TryGetValue(from, out var fact) && fact.Kind == FactKind.Date))
            {
                _errors.Add(new InputError(at + "/due/from", $"'{from}' is not a date fact (use a date fact such as release.date, or activity.date)"));
            }
            due = new Due(Str(d["text"])!, from, d["days"] is { } days ? (int)Num(days) : 0);
        }
        var holder = Str(node["holder"])!;
        var (certainty, parameters) = Reliance(when, definitions);
        var title = Str(node["title"])!;
        var description = Str(node["description"]);
        return new Obligation
        {
            Id = billId + "/" + localId,
            LocalId = localId,
            Title = Words(title, at + "/title")!,
            Citation = Str(node["citation"])!,
            Description = Words(description, at + "/description"),
            TitleText = ParameterText.Parse(title),
            DescriptionText = ParameterText.Parse(description),
            Phases = phases.Order().ToList(),
            Holder = holder,
            Roles = Roles(node["role"], holder, at),
            Url = Str(node["url"]),
            Certainty = CertaintyName.Weaker(CertaintyName.Weaker(CertaintyOf(node), certainty), effectiveCertainty),
            Parameters = parameters,
            Blocking = node["blocking"]?.GetValue<bool>() ?? false,
            ExcludesInternalUse = node["excludesInternalUse"]?.GetValue<bool>() ?? false,
            AppliesFrom = Date(node["appliesFrom"]),
            Transitions = (node["transitions"]?.AsArray() ?? []).Select((t, i) => new Transition(
                Date(t!["appliesFrom"])!.Value, CompileCondition(t["when"], $"{at}/transitions/{i}/when", allowDeploymentFacts: true), Str(t["citation"])!, CertaintyOf(t))).ToList(),
            When = when,
            Due = due,
            Penalty = PenaltyKey(Str(node["penalty"]), penalties, localId),
            PerDeployment = UsesDeploymentFacts(when),
        };
    }

    /// <summary>The obligation's roles: as the pack gives them, else inferred from the holder's words.</summary>
    private List<string> Roles(JsonNode? role, string holder, string at)
    {
        if (role is JsonArray list)
        {
            return list.Select(r => Str(r)!).ToList();
        }
        if (Str(role) is { } one)
        {
            return [one];
        }
        if (Role.Infer(holder) is { } inferred)
        {
            return [inferred];
        }
        _errors.Add(new InputError(at + "/role", $"holder '{holder}' names no role: give 'role', one of {string.Join(", ", Role.Names)}"));
        return [];
    }

    private static OrderedDictionary<string, Penalty> Penalties(JsonObject? declared)
    {
        var penalties = new OrderedDictionary<string, Penalty>(StringComparer.Ordinal);
        foreach (var (key, node) in declared ?? [])
        {
            penalties.Add(key, new Penalty(Str(node!["text"])!, Str(node["citation"]), CertaintyOf(node)));
        }
        return penalties;
    }

    /// <summary>
    /// A declared penalty's key. A draft may still write the penalty in words: the text becomes a penalty of the bill
    /// (one per distinct text, keyed after the first duty that uses it), so an answer still carries each text once.
    /// </summary>
    private static string? PenaltyKey(string? penalty, OrderedDictionary<string, Penalty> penalties, string localId)
    {
        if (penalty is null || penalties.ContainsKey(penalty))
        {
            return penalty;
        }
        foreach (var (key, declared) in penalties)
        {
            if (declared.Text == penalty)
            {
                return key;
            }
        }
        var name = penalties.ContainsKey(localId) ? localId + "-penalty" : localId;
        for (var i = 2; penalties.ContainsKey(name); i++)
        {
            name = $"{localId}-penalty-{i}";
        }
        penalties.Add(name, new Penalty(penalty, null, Certainty.Primary));
        return name;
    }

    private static Certainty CertaintyOf(JsonNode? node) => CertaintyName.Parse(Str(node?["certainty"]));

    /// <summary>
    /// A parameter with its unit and citation. The schema asks a variant's override for its value alone; the merged
    /// document must still give every parameter a citation and a unit (kept from the base, or its own).
    /// </summary>
    private Parameter CompileParameter(string name, JsonObject p)
    {
        var at = "/parameters/" + name;
        var unit = Str(p["unit"]);
        if (unit is null)
        {
            _errors.Add(new InputError(at + "/unit", $"a parameter needs a unit, one of {string.Join(", ", Unit.Names)}"));
        }
        else if (!Unit.IsUnit(unit))
        {
            _errors.Add(new InputError(at + "/unit", $"'{unit}' is not a unit; use one of {string.Join(", ", Unit.Names)}"));
        }
        if (Str(p["citation"]) is null)
        {
            _errors.Add(new InputError(at + "/citation", "a parameter needs a citation: where its value is read"));
        }
        var dated = (p["values"]?.AsArray() ?? []).Select(v => new DatedValue(
            DateOnly.Parse(Str(v!["from"])!, CultureInfo.InvariantCulture), Num(v["value"]), Str(v["citation"])!, CertaintyOf(v))).OrderBy(v => v.From).ToList();
        return new Parameter(name, Num(p["value"]), unit, Str(p["citation"]) ?? "", Str(p["description"]), dated, CertaintyOf(p));
    }

    /// <summary>A title or description with the parameters it names (<c>{name}</c>) written out at the pack's values.</summary>
    private string? Words(string? text, string at)
    {
        if (ParameterText.Parse(text) is not { } words)
        {
            return text;
        }
        foreach (var name in words.Parameters.Where(n => !_parameters.ContainsKey(n)))
        {
            _errors.Add(new InputError(at, $"{{{name}}} names no parameter of this pack; a text names one as {{parameter_name}}"));
        }
        return words.Render(name => _parameters.TryGetValue(name, out var p) ? Unit.Format(p.Value, p.Unit) : null);
    }

    /// <summary>
    /// Each definition's certainty and parameters, folded over the definitions it refers to (same artifact or base):
    /// a definition is as sure as the least sure text it rests on.
    /// </summary>
    private static List<Definition> ResolveReliance(List<Definition> definitions)
    {
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var resolved = new Dictionary<string, Definition>(StringComparer.Ordinal);
        // base: references may loop back (A is B of the base, B refers to A); a definition met again while it is being
        // resolved contributes what it holds so far, and its own text is folded in where the walk started.
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        Definition Resolve(Definition d)
        {
            if (resolved.TryGetValue(d.Name, out var done))
            {
                return done;
            }
            if (!visiting.Add(d.Name))
            {
                return d with { Parameters = [.. ParametersOf(d.When)] };
            }
            var certainty = d.Certainty;
            var parameters = new SortedSet<string>(ParametersOf(d.When), StringComparer.Ordinal);
            foreach (var name in References(d.When).Concat(BaseReferences(d.When)).Distinct(StringComparer.Ordinal))
            {
                // A base: reference to itself asks the same definition of the base; it adds nothing new.
                if (name != d.Name && byName.TryGetValue(name, out var other))
                {
                    var r = Resolve(other);
                    certainty = CertaintyName.Weaker(certainty, r.Certainty);
                    parameters.UnionWith(r.Parameters);
                }
            }
            return resolved[d.Name] = d with { Certainty = certainty, Parameters = [.. parameters] };
        }
        return definitions.Select(Resolve).ToList();
    }

    /// <summary>What a duty's condition rests on: the least sure definition it refers to, and the parameters it reads.</summary>
    private static (Certainty, IReadOnlyList<string>) Reliance(Condition when, Dictionary<string, Definition> definitions)
    {
        var certainty = Certainty.Primary;
        var parameters = new SortedSet<string>(ParametersOf(when), StringComparer.Ordinal);
        foreach (var name in References(when).Concat(BaseReferences(when)))
        {
            if (definitions.TryGetValue(name, out var d))
            {
                certainty = CertaintyName.Weaker(certainty, d.Certainty);
                parameters.UnionWith(d.Parameters);
            }
        }
        return (certainty, [.. parameters]);
    }

    private static IEnumerable<string> ParametersOf(Condition c) => c switch
    {
        ComparisonCondition { Operand.Parameter: { } name } => [name],
        AllCondition all => all.Items.SelectMany(ParametersOf),
        AnyCondition any => any.Items.SelectMany(ParametersOf),
        NotCondition not => ParametersOf(not.Inner),
        _ => [],
    };

    private static IEnumerable<string> BaseReferences(Condition c) => c switch
    {
        BaseCondition b => [b.Name],
        AllCondition all => all.Items.SelectMany(BaseReferences),
        AnyCondition any => any.Items.SelectMany(BaseReferences),
        NotCondition not => BaseReferences(not.Inner),
        _ => [],
    };

    private static Phase ParsePhase(string text) => Enum.Parse<Phase>(text, ignoreCase: true);

    private static bool UsesDeploymentFacts(Condition c) => c switch
    {
        ComparisonCondition cmp => cmp.Fact.IsDeploymentFact,
        AllCondition all => all.Items.Any(UsesDeploymentFacts),
        AnyCondition any => any.Items.Any(UsesDeploymentFacts),
        NotCondition not => UsesDeploymentFacts(not.Inner),
        _ => false,
    };

    private static readonly string[] Forms = ["all", "any", "not", "fact", "definition", "base", "reading"];

    private static readonly Dictionary<string, ComparisonOperator> Operators = new(StringComparer.Ordinal)
    {
        ["eq"] = ComparisonOperator.Eq, ["ne"] = ComparisonOperator.Ne,
        ["gt"] = ComparisonOperator.Gt, ["gte"] = ComparisonOperator.Gte,
        ["lt"] = ComparisonOperator.Lt, ["lte"] = ComparisonOperator.Lte,
        ["in"] = ComparisonOperator.In, ["contains"] = ComparisonOperator.Contains, ["intersects"] = ComparisonOperator.Intersects,
        ["known"] = ComparisonOperator.Known,
    };

    private Condition CompileCondition(JsonNode? node, string at, bool allowDeploymentFacts)
    {
        if (node is not JsonObject obj)
        {
            _errors.Add(new InputError(at, "a condition must be an object"));
            return AlwaysCondition.Instance;
        }
        var forms = Forms.Where(obj.ContainsKey).ToList();
        if (forms.Count != 1)
        {
            _errors.Add(new InputError(at, $"a condition needs exactly one of {string.Join(", ", Forms)}; found {(forms.Count == 0 ? "none" : string.Join(", ", forms))}"));
            return AlwaysCondition.Instance;
        }
        switch (forms[0])
        {
            case "all" or "any":
                var items = obj[forms[0]]!.AsArray().Select((c, i) => CompileCondition(c, $"{at}/{forms[0]}/{i}", allowDeploymentFacts)).ToList();
                Extra(obj, at, forms[0]);
                return forms[0] == "all" ? new AllCondition(items) : new AnyCondition(items);
            case "not":
                Extra(obj, at, "not");
                return new NotCondition(CompileCondition(obj["not"], at + "/not", allowDeploymentFacts));
            case "definition" or "base":
                Extra(obj, at, forms[0]);
                var name = Str(obj[forms[0]])!;
                if (!_definitions.Contains(name))
                {
                    _errors.Add(new InputError($"{at}/{forms[0]}", $"no definition named '{name}' in this pack"));
                }
                return forms[0] == "definition" ? new DefinitionCondition(name) : new BaseCondition(name);
            case "reading":
                return CompileReading(obj, at);
            default:
                return CompileComparison(obj, at, allowDeploymentFacts);
        }
    }

    /// <summary>The pack's readings, each default one of its own options.</summary>
    private OrderedDictionary<string, Reading> Readings(JsonObject? node)
    {
        var readings = new OrderedDictionary<string, Reading>(StringComparer.Ordinal);
        foreach (var (name, value) in node ?? [])
        {
            var options = new OrderedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (option, text) in value!["options"]!.AsObject())
            {
                options.Add(option, Str(text)!);
            }
            var preferred = Str(value["default"])!;
            if (!options.ContainsKey(preferred))
            {
                _errors.Add(new InputError($"/readings/{name}/default", $"'{preferred}' is not one of the options: {string.Join(", ", options.Keys)}"));
            }
            readings.Add(name, new Reading(name, Str(value["question"])!, options, preferred, Str(value["citation"])!, Str(value["why"]), CertaintyOf(value)));
        }
        return readings;
    }

    private Condition CompileReading(JsonObject obj, string at)
    {
        foreach (var (key, _) in obj)
        {
            if (key is not ("reading" or "is"))
            {
                _errors.Add(new InputError($"{at}/{key}", $"'{key}' does not belong in a 'reading' condition"));
            }
        }
        var name = Str(obj["reading"])!;
        if (obj["is"] is null)
        {
            _errors.Add(new InputError(at, "a reading condition names the option it holds for: {reading: name, is: option}"));
            return AlwaysCondition.Instance;
        }
        var option = Str(obj["is"])!;
        if (!_readings.TryGetValue(name, out var reading))
        {
            _errors.Add(new InputError(at + "/reading", _readings.Count == 0
                ? $"no reading named '{name}': the pack declares no readings"
                : $"no reading named '{name}'; the pack's readings: {string.Join(", ", _readings.Keys)}"));
        }
        else if (!reading.Options.ContainsKey(option))
        {
            _errors.Add(new InputError(at + "/is", $"'{option}' is not an option of the reading '{name}': {string.Join(", ", reading.Options.Keys)}"));
        }
        return new ReadingCondition(name, option);
    }

    private void Extra(JsonObject obj, string at, string form)
    {
        foreach (var (key, _) in obj)
        {
            if (key != form)
            {
                _errors.Add(new InputError($"{at}/{key}", $"'{key}' does not belong in a '{form}' condition"));
            }
        }
    }

    private Condition CompileComparison(JsonObject obj, string at, bool allowDeploymentFacts)
    {
        var path = Str(obj["fact"])!;
        if (!FactCatalog.All.TryGetValue(path, out var fact))
        {
            _errors.Add(new InputError(at + "/fact", $"unknown fact '{path}'; known facts: {string.Join(", ", FactCatalog.All.Keys)}"));
            return AlwaysCondition.Instance;
        }
        if (fact.IsDeploymentFact && !allowDeploymentFacts)
        {
            _errors.Add(new InputError(at + "/fact", $"'{path}' describes one deployment; a definition is a property of the artifact and cannot use it"));
        }
        var ops = obj.Where(p => p.Key != "fact").ToList();
        if (ops.Count != 1 || !Operators.TryGetValue(ops[0].Key, out var op))
        {
            _errors.Add(new InputError(at, $"a fact condition needs exactly one operator of {string.Join(", ", Operators.Keys)}"));
            return AlwaysCondition.Instance;
        }
        var operandAt = $"{at}/{ops[0].Key}";
        if (op == ComparisonOperator.Known)
        {
            if (ops[0].Value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                _errors.Add(new InputError(operandAt, "'known' takes true or false"));
            }
            return new ComparisonCondition(fact, op, new Operand(FactValue.Of(ops[0].Value?.GetValueKind() == JsonValueKind.True), null));
        }
        var allowed = fact.Kind switch
        {
            FactKind.Number or FactKind.Date => op is ComparisonOperator.Eq or ComparisonOperator.Ne or ComparisonOperator.Gt or ComparisonOperator.Gte or ComparisonOperator.Lt or ComparisonOperator.Lte,
            FactKind.Text => op is ComparisonOperator.Eq or ComparisonOperator.Ne or ComparisonOperator.In,
            FactKind.Boolean => op is ComparisonOperator.Eq or ComparisonOperator.Ne,
            _ => op is ComparisonOperator.Contains or ComparisonOperator.Intersects,
        };
        if (!allowed)
        {
            _errors.Add(new InputError(operandAt, $"'{ops[0].Key}' cannot be applied to '{path}', a {fact.Kind.ToString().ToLowerInvariant()} fact"));
            return AlwaysCondition.Instance;
        }
        return new ComparisonCondition(fact, op, CompileOperand(ops[0].Value, fact, op, operandAt));
    }

    private Operand CompileOperand(JsonNode? node, FactDefinition fact, ComparisonOperator op, string at)
    {
        var kind = fact.Kind;
        if (op is ComparisonOperator.In or ComparisonOperator.Intersects)
        {
            return new Operand(FactValue.Of(node!.AsArray().Select(n => Str(n)!).ToList()), null);
        }
        if (op is ComparisonOperator.Contains)
        {
            return new Operand(FactValue.Of(Str(node)!), null);
        }
        var value = node!.AsValue();
        if (value.GetValueKind() == JsonValueKind.String && Str(node)!.StartsWith('$'))
        {
            var name = Str(node)![1..];
            if (!_parameters.TryGetValue(name, out var parameter))
            {
                _errors.Add(new InputError(at, $"no parameter named '{name}' in this pack"));
            }
            else if (kind != FactKind.Number)
            {
                _errors.Add(new InputError(at, "parameters are numbers; only a number fact can be compared with one"));
            }
            else if (parameter.Unit is { } unit && fact.Unit is { } measured && unit != measured)
            {
                _errors.Add(new InputError(at, $"${name} is in {unit} but {fact.Path} is in {measured}: a threshold in {unit} cannot be compared with a fact in {measured}"));
            }
            return new Operand(null, name);
        }
        FactValue? literal = (kind, value.GetValueKind()) switch
        {
            (FactKind.Number, JsonValueKind.Number) => FactValue.Of(Num(node)),
            (FactKind.Text, JsonValueKind.String) => FactValue.Of(Str(node)!),
            (FactKind.Boolean, JsonValueKind.True or JsonValueKind.False) => FactValue.Of(value.GetValue<bool>()),
            (FactKind.Date, JsonValueKind.String) when DateOnly.TryParseExact(Str(node), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => FactValue.Of(date),
            _ => null,
        };
        if (literal is null)
        {
            _errors.Add(new InputError(at, $"a {kind.ToString().ToLowerInvariant()} fact must be compared with a {kind.ToString().ToLowerInvariant()}{(kind == FactKind.Date ? " (YYYY-MM-DD)" : "")}"));
        }
        return new Operand(literal, null);
    }

    /// <summary>Reports each cycle among the definitions; true when there is none.</summary>
    private bool CheckDefinitionCycles(List<Definition> definitions)
    {
        var before = _errors.Count;
        var byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(string name, List<string> path)
        {
            if (state.GetValueOrDefault(name) == 2 || !byName.TryGetValue(name, out var def))
            {
                return;
            }
            if (state.GetValueOrDefault(name) == 1)
            {
                _errors.Add(new InputError("/definitions/" + name, $"definitions refer to each other in a cycle: {string.Join(" -> ", path.SkipWhile(n => n != name).Append(name))}"));
                return;
            }
            state[name] = 1;
            path.Add(name);
            foreach (var dep in References(def.When))
            {
                Visit(dep, path);
            }
            path.RemoveAt(path.Count - 1);
            state[name] = 2;
        }
        foreach (var d in definitions)
        {
            Visit(d.Name, []);
        }
        return _errors.Count == before;
    }

    // A base: reference asks another artifact, so it cannot loop on this one; only same-artifact references form cycles.
    private static IEnumerable<string> References(Condition c) => c switch
    {
        DefinitionCondition d => [d.Name],
        AllCondition all => all.Items.SelectMany(References),
        AnyCondition any => any.Items.SelectMany(References),
        NotCondition not => References(not.Inner),
        _ => [],
    };

    private static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString();

    private static double Num(JsonNode? node) => double.Parse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static DateOnly? Date(JsonNode? node) => node is null ? null : DateOnly.ParseExact(Str(node)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
