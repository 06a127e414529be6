using Compliance.Rules.Facts;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Evaluates one pack's conditions over one lineage graph in three-valued logic. Definitions are memoised per
/// artifact, so a definition asked of a shared base (a merge's common ancestor) is computed once.
/// With tracing off it builds no trace nodes at all. A trace names another definition (and, for a base, the artifact)
/// without repeating its explanation: the result explains each definition of each artifact once, and a trace that
/// inlined its bases' explanations grew geometrically with the depth of the lineage (several references per level).
/// </summary>
internal sealed class ConditionEvaluator
{
    private ResolvedArtifact _root = null!;
    private IReadOnlyDictionary<string, Parameter> _parameters = null!;
    private bool _trace;
    private DateOnly _asOf;
    private BillPack _pack = null!;
    private IReadOnlyDictionary<string, Definition> _definitions = null!;
    private IReadOnlyDictionary<string, double>? _overrides;
    private IReadOnlyDictionary<string, string>? _readings;

    // Each artifact's definitions, by their place in the pack. A lineage holds a handful of artifacts, so a list
    // searched by reference is cheaper than hashing (artifact, name) pairs. Entries past _memoCount are spare.
    private readonly List<(ResolvedArtifact? Artifact, Outcome?[] Outcomes)> _memo = new(2);
    private int _memoCount;

    /// <summary>
    /// An evaluator of its own for <paramref name="pack"/> over the lineage of <paramref name="root"/>. Nothing is
    /// shared between callers: an evaluator belongs to the one evaluation that made it, which may
    /// <see cref="Reset"/> it for its next bill.
    /// </summary>
    public static ConditionEvaluator For(ResolvedArtifact root, BillPack pack, bool trace, DateOnly asOf, IReadOnlyDictionary<string, double>? overrides = null,
        IReadOnlyDictionary<string, string>? readings = null) =>
        new ConditionEvaluator().Reset(root, pack, trace, asOf, overrides, readings);

    /// <summary>Ready for another pack (the memo of the last one forgotten): an evaluation asks its bills one after another.</summary>
    public ConditionEvaluator Reset(ResolvedArtifact root, BillPack pack, bool trace, DateOnly asOf, IReadOnlyDictionary<string, double>? overrides,
        IReadOnlyDictionary<string, string>? readings = null)
    {
        _overrides = overrides;
        _readings = readings;
        _asOf = asOf;
        _root = root;
        _parameters = pack.ParametersByName;
        _trace = trace;
        _pack = pack;
        _definitions = pack.DefinitionsByName;
        // Forget the last pack's outcomes, so the spare entries hold no artifact or outcome alive.
        for (var i = 0; i < _memoCount; i++)
        {
            Array.Clear(_memo[i].Outcomes);
            _memo[i] = (null, _memo[i].Outcomes);
        }
        _memoCount = 0;
        return this;
    }

    public Outcome Definition(ResolvedArtifact artifact, string name)
    {
        var outcomes = OutcomesOf(artifact);
        var index = _pack.DefinitionIndex[name];
        if (outcomes[index] is { } known)
        {
            return known;
        }
        var outcome = Evaluate(_pack.Definitions[index].When, new FactScope(artifact, null, _asOf));
        outcomes[index] = outcome;
        return outcome;
    }

    private Outcome?[] OutcomesOf(ResolvedArtifact artifact)
    {
        if (MemoOf(artifact) is var known and >= 0)
        {
            return _memo[known].Outcomes;
        }
        var size = _pack.Definitions.Count;
        if (_memoCount == _memo.Count)
        {
            _memo.Add((null, new Outcome?[size]));
        }
        var outcomes = _memo[_memoCount].Outcomes.Length >= size ? _memo[_memoCount].Outcomes : new Outcome?[size];
        _memo[_memoCount++] = (artifact, outcomes);
        return outcomes;
    }

    /// <summary>The definition's outcome for the artifact if this evaluation asked it, else null.</summary>
    public Outcome? Asked(ResolvedArtifact artifact, int index) =>
        MemoOf(artifact) is var known and >= 0 ? _memo[known].Outcomes[index] : null;

    private int MemoOf(ResolvedArtifact artifact)
    {
        for (var i = 0; i < _memoCount; i++)
        {
            if (ReferenceEquals(_memo[i].Artifact, artifact))
            {
                return i;
            }
        }
        return -1;
    }

    public Outcome Evaluate(Condition condition, FactScope scope) => condition switch
    {
        AlwaysCondition => new Outcome(Tri.True, [], _trace ? new TraceNode { Kind = "always", Outcome = Tri.True } : null),
        AllCondition all => Combine("all", all.Items, scope, isAll: true),
        AnyCondition any => Combine("any", any.Items, scope, isAll: false),
        NotCondition not => Negate(not, scope),
        ComparisonCondition cmp => Compare(cmp, scope),
        DefinitionCondition def => Reference(def, scope),
        BaseCondition b => Base(b, scope),
        ReadingCondition r => Reading(r),
        _ => throw new InvalidOperationException("unknown condition " + condition.GetType().Name),
    };

    private Outcome Combine(string kind, IReadOnlyList<Condition> items, FactScope scope, bool isAll)
    {
        // all: false beats unknown beats true; any: true beats unknown beats false.
        var decisive = isAll ? Tri.False : Tri.True;
        var result = isAll ? Tri.True : Tri.False;
        List<string>? needs = null;
        List<TraceNode>? children = _trace ? new(items.Count) : null;
        for (var i = 0; i < items.Count; i++)
        {
            var o = Evaluate(items[i], scope);
            children?.Add(o.Trace!);
            if (o.Value == decisive)
            {
                result = decisive;
                if (!_trace)
                {
                    break;
                }
            }
            else if (o.Value == Tri.Unknown && result != decisive)
            {
                result = Tri.Unknown;
                AddNeeds(ref needs, o.Needs);
            }
        }
        IReadOnlyList<string> settled = result == Tri.Unknown && needs is not null ? needs : Array.Empty<string>();
        return new Outcome(result, settled, children is null ? null : new TraceNode { Kind = kind, Outcome = result, Children = children });
    }

    /// <summary>Adds the facts not yet listed, in the order first met.</summary>
    private static void AddNeeds(ref List<string>? needs, IReadOnlyList<string> more)
    {
        for (var i = 0; i < more.Count; i++)
        {
            if (!Lists(needs ??= new(more.Count), more[i]))
            {
                needs.Add(more[i]);
            }
        }
    }

    private static bool Lists(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], item, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private Outcome Negate(NotCondition not, FactScope scope)
    {
        var inner = Evaluate(not.Inner, scope);
        var value = inner.Value.Not();
        return new Outcome(value, inner.Needs, _trace ? new TraceNode { Kind = "not", Outcome = value, Children = [inner.Trace!] } : null);
    }

    private Outcome Reference(DefinitionCondition def, FactScope scope)
    {
        var o = Definition(scope.Artifact, def.Name);
        return new Outcome(o.Value, o.Needs, _trace
            ? new TraceNode { Kind = "definition", Definition = def.Name, Outcome = o.Value, Citation = _definitions[def.Name].Citation, Artifact = Other(scope.Artifact) }
            : null);
    }

    /// <summary>Whether the evaluation applies the option: the request's choice, else the pack's default. Never unknown.</summary>
    private Outcome Reading(ReadingCondition r)
    {
        var reading = _pack.Readings[r.Name];
        var chosen = _readings?.GetValueOrDefault(r.Name) ?? reading.Default;
        var value = string.Equals(chosen, r.Option, StringComparison.Ordinal) ? Tri.True : Tri.False;
        return new Outcome(value, [], _trace
            ? new TraceNode
            {
                Kind = "reading",
                Outcome = value,
                Citation = reading.Citation,
                // The option applied, beside the pack's default: the words mention a reading only when they differ.
                Value = chosen,
                Threshold = reading.Default,
                Note = $"read as: {reading.Options[chosen]} (reading '{r.Name}': {chosen}{(chosen == reading.Default ? ", the pack's default" : ", chosen by the request")}; {reading.Citation})",
            }
            : null);
    }

    private string? Other(ResolvedArtifact artifact) => ReferenceEquals(artifact, _root) ? null : artifact.Id;

    private Outcome Base(BaseCondition b, FactScope scope)
    {
        var bases = scope.Artifact.Bases;
        if (bases.Count == 0)
        {
            return new Outcome(Tri.False, [], _trace ? new TraceNode { Kind = "base", Definition = b.Name, Outcome = Tri.False, Note = "not applicable: the artifact has no lineage (a base model)" } : null);
        }
        var result = Tri.False;
        List<string>? needs = null;
        List<TraceNode>? children = _trace ? [] : null;
        for (var i = 0; i < bases.Count; i++)
        {
            var parent = bases[i];
            var o = Definition(parent, b.Name);
            children?.Add(new TraceNode { Kind = "definition", Definition = b.Name, Artifact = parent.Id, Outcome = o.Value, Citation = _definitions[b.Name].Citation });
            if (o.Value == Tri.True)
            {
                result = Tri.True;
            }
            else if (o.Value == Tri.Unknown && result != Tri.True)
            {
                result = Tri.Unknown;
                AddNeeds(ref needs, o.Needs);
            }
        }
        IReadOnlyList<string> settled = result == Tri.Unknown && needs is not null ? needs : Array.Empty<string>();
        return new Outcome(result, settled, children is null ? null : new TraceNode { Kind = "base", Definition = b.Name, Outcome = result, Children = children });
    }

    private Outcome Compare(ComparisonCondition cmp, FactScope scope)
    {
        var (threshold, citation) = Operand(cmp.Operand);
        if (!cmp.Fact.AppliesTo(scope))
        {
            return new Outcome(Tri.False, [], _trace ? Node(cmp, scope, Tri.False, null, threshold, citation) with { Note = cmp.Fact.NotApplicableBecause } : null);
        }
        var fact = cmp.Fact.Read(scope);
        if (cmp.Operator == ComparisonOperator.Known)
        {
            var known = TriExtensions.Of((fact is not null) == threshold.Boolean);
            return new Outcome(known, [], _trace ? Node(cmp, scope, known, fact, threshold, citation) : null);
        }
        if (fact is not { } value)
        {
            var missing = cmp.Fact.MissingFacts?.Invoke(scope) is { Count: > 0 } fields ? fields : [cmp.Fact.Path];
            var needs = ReferenceEquals(scope.Artifact, _root) ? missing : OfBase(scope.Artifact, missing);
            return new Outcome(Tri.Unknown, needs, _trace ? Node(cmp, scope, Tri.Unknown, null, threshold, citation) : null);
        }
        var result = TriExtensions.Of(Holds(cmp.Operator, value, threshold));
        return new Outcome(result, [], _trace ? Node(cmp, scope, result, value, threshold, citation) : null);
    }

    /// <summary>Facts a base lacks, named with the base's id so the reader knows whose manifest to complete.</summary>
    private static List<string> OfBase(ResolvedArtifact artifact, IReadOnlyList<string> missing)
    {
        var named = new List<string>(missing.Count);
        for (var i = 0; i < missing.Count; i++)
        {
            var fact = missing[i];
            named.Add(fact.Contains(": ", StringComparison.Ordinal) ? fact : $"{artifact.Id}: {fact}");
        }
        return named;
    }

    private TraceNode Node(ComparisonCondition cmp, FactScope scope, Tri outcome, FactValue? value, FactValue threshold, string? citation) => new()
    {
        Kind = "fact",
        Fact = cmp.Fact.Path,
        Operator = cmp.Operator.ToString().ToLowerInvariant(),
        Value = value?.ToJsonValue(),
        Threshold = threshold.ToJsonValue(),
        Parameter = cmp.Operand.Parameter,
        Citation = citation,
        Artifact = Other(scope.Artifact),
        Outcome = outcome,
    };

    private (FactValue Value, string? Citation) Operand(Operand operand)
    {
        if (operand.Parameter is not { } name)
        {
            return (operand.Literal!.Value, null);
        }
        if (_overrides?.TryGetValue(name, out var overridden) == true)
        {
            return (FactValue.Of(overridden), "override in the request");
        }
        var (value, citation) = _parameters[name].At(_asOf);
        return (FactValue.Of(value), citation);
    }

    /// <summary>Whether a known fact meets a comparison: the one definition of each operator, which the pack checks reuse.</summary>
    internal static bool Holds(ComparisonOperator op, FactValue fact, FactValue operand) => op switch
    {
        ComparisonOperator.Eq => Same(fact, operand),
        ComparisonOperator.Ne => !Same(fact, operand),
        ComparisonOperator.Gt => fact.Number > operand.Number,
        ComparisonOperator.Gte => fact.Number >= operand.Number,
        ComparisonOperator.Lt => fact.Number < operand.Number,
        ComparisonOperator.Lte => fact.Number <= operand.Number,
        ComparisonOperator.In => Lists(operand.List!, fact.Text!),
        ComparisonOperator.Contains => Lists(fact.List!, operand.Text!),
        ComparisonOperator.Intersects => Intersects(fact.List!, operand.List!),
        _ => false,
    };

    private static bool Intersects(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            if (Lists(b, a[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Same(FactValue a, FactValue b) =>
        a.Kind is FactKind.Text ? string.Equals(a.Text, b.Text, StringComparison.Ordinal) : a.Number.Equals(b.Number);
}
