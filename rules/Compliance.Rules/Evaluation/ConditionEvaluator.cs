using Compliance.Rules.Facts;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Evaluates one pack's conditions over one lineage graph in three-valued logic. Definitions are memoised per
/// artifact, so a definition asked of a shared base (a merge's common ancestor) is computed once.
/// With tracing off it builds no trace nodes at all.
/// </summary>
internal sealed class ConditionEvaluator
{
    private readonly ResolvedArtifact _root;
    private readonly IReadOnlyDictionary<string, Parameter> _parameters;
    private readonly bool _trace;
    private readonly DateOnly _asOf;
    private readonly IReadOnlyDictionary<string, Definition> _definitions;
    private readonly Dictionary<(ResolvedArtifact, string), Outcome> _memo = [];

    private readonly IReadOnlyDictionary<string, double>? _overrides;

    public ConditionEvaluator(ResolvedArtifact root, BillPack pack, bool trace, DateOnly asOf, IReadOnlyDictionary<string, double>? overrides = null)
    {
        _overrides = overrides;
        _asOf = asOf;
        _root = root;
        _parameters = pack.ParametersByName;
        _trace = trace;
        _definitions = pack.DefinitionsByName;
    }

    public Outcome Definition(ResolvedArtifact artifact, string name)
    {
        if (_memo.TryGetValue((artifact, name), out var known))
        {
            return known;
        }
        var outcome = Evaluate(_definitions[name].When, new FactScope(artifact, null, _asOf));
        _memo[(artifact, name)] = outcome;
        return outcome;
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
        _ => throw new InvalidOperationException("unknown condition " + condition.GetType().Name),
    };

    private Outcome Combine(string kind, IReadOnlyList<Condition> items, FactScope scope, bool isAll)
    {
        // all: false beats unknown beats true; any: true beats unknown beats false.
        var decisive = isAll ? Tri.False : Tri.True;
        var result = isAll ? Tri.True : Tri.False;
        List<string>? needs = null;
        List<TraceNode>? children = _trace ? new(items.Count) : null;
        foreach (var item in items)
        {
            var o = Evaluate(item, scope);
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
                (needs ??= []).AddRange(o.Needs);
            }
        }
        IReadOnlyList<string> settled = result == Tri.Unknown && needs is not null ? needs.Distinct(StringComparer.Ordinal).ToList() : [];
        return new Outcome(result, settled, children is null ? null : new TraceNode { Kind = kind, Outcome = result, Children = children });
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
            ? new TraceNode { Kind = "definition", Definition = def.Name, Outcome = o.Value, Citation = _definitions[def.Name].Citation, Artifact = Other(scope.Artifact), Children = ReferenceChildren(scope.Artifact, o) }
            : null);
    }

    // A definition of the artifact under evaluation is explained in the result's own definitions; one of a base is not, so it is inlined.
    private IReadOnlyList<TraceNode>? ReferenceChildren(ResolvedArtifact artifact, Outcome o) =>
        ReferenceEquals(artifact, _root) || o.Trace is null ? null : [o.Trace];

    private string? Other(ResolvedArtifact artifact) => ReferenceEquals(artifact, _root) ? null : artifact.Id;

    private Outcome Base(BaseCondition b, FactScope scope)
    {
        var bases = scope.Artifact.Bases;
        if (bases.Count == 0)
        {
            return new Outcome(Tri.False, [], _trace ? new TraceNode { Kind = "base", Definition = b.Name, Outcome = Tri.False, Note = "no lineage base: this is a base model" } : null);
        }
        var result = Tri.False;
        List<string>? needs = null;
        List<TraceNode>? children = _trace ? [] : null;
        foreach (var parent in bases)
        {
            var o = Definition(parent, b.Name);
            children?.Add(new TraceNode { Kind = "definition", Definition = b.Name, Artifact = parent.Id, Outcome = o.Value, Citation = _definitions[b.Name].Citation, Children = o.Trace is null ? null : [o.Trace] });
            if (o.Value == Tri.True)
            {
                result = Tri.True;
            }
            else if (o.Value == Tri.Unknown && result != Tri.True)
            {
                result = Tri.Unknown;
                (needs ??= []).AddRange(o.Needs);
            }
        }
        IReadOnlyList<string> settled = result == Tri.Unknown && needs is not null ? needs.Distinct(StringComparer.Ordinal).ToList() : [];
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
            IReadOnlyList<string> needs = ReferenceEquals(scope.Artifact, _root) ? missing : missing.Select(f => f.Contains(": ", StringComparison.Ordinal) ? f : $"{scope.Artifact.Id}: {f}").ToList();
            return new Outcome(Tri.Unknown, needs, _trace ? Node(cmp, scope, Tri.Unknown, null, threshold, citation) : null);
        }
        var result = TriExtensions.Of(Holds(cmp.Operator, value, threshold));
        return new Outcome(result, [], _trace ? Node(cmp, scope, result, value, threshold, citation) : null);
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

    private static bool Holds(ComparisonOperator op, FactValue fact, FactValue operand) => op switch
    {
        ComparisonOperator.Eq => Same(fact, operand),
        ComparisonOperator.Ne => !Same(fact, operand),
        ComparisonOperator.Gt => fact.Number > operand.Number,
        ComparisonOperator.Gte => fact.Number >= operand.Number,
        ComparisonOperator.Lt => fact.Number < operand.Number,
        ComparisonOperator.Lte => fact.Number <= operand.Number,
        ComparisonOperator.In => operand.List!.Contains(fact.Text!, StringComparer.Ordinal),
        ComparisonOperator.Contains => fact.List!.Contains(operand.Text!, StringComparer.Ordinal),
        ComparisonOperator.Intersects => fact.List!.Any(x => operand.List!.Contains(x, StringComparer.Ordinal)),
        _ => false,
    };

    private static bool Same(FactValue a, FactValue b) =>
        a.Kind is FactKind.Text ? string.Equals(a.Text, b.Text, StringComparison.Ordinal) : a.Number.Equals(b.Number);
}
