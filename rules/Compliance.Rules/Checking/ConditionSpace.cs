using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// Every way the facts a pack reads can be, few enough to try them all: each number or date fact just below, at and
/// just above each threshold the pack compares it with; each text fact each value the pack names and one it does not;
/// each list as including or not each item the pack names; and for every fact, unknown, and (for a lineage, a cluster
/// or a deployment) absent. Facts are taken as independent, so a combination may be impossible in a real manifest:
/// "never true" is therefore sound (no manifest makes it true), while "can be true" may be optimistic. The search
/// assigns one fact at a time and abandons a branch as soon as three-valued logic says the target is out of reach.
/// </summary>
internal sealed class ConditionSpace
{
    [Flags]
    private enum Can
    {
        None = 0,
        False = 1,
        True = 2,
        Unknown = 4,
        Any = 7,
    }

    /// <summary>A state of a fact: absent (its subject does not exist), unknown, or a value (a list's value is its items').</summary>
    private readonly record struct State(bool Absent, bool Unknown, FactValue Value);

    private readonly BillPack _pack;
    private readonly Dictionary<string, List<State>> _states = new(StringComparer.Ordinal);

    // The search under way: its variables in order, the value index each holds (-1: not yet), and the steps left.
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _variables = [];
    private int[] _assigned = [];
    private int _steps;
    private int _packSteps;

    // Definitions already evaluated under the current assignment: a definition a condition reaches by several paths
    // (d2 = all[d1, d1], d3 = all[d2, d2] …) is evaluated once, not once per path.
    private readonly Dictionary<string, Can> _definitionMemo = new(StringComparer.Ordinal);

    /// <summary>Combinations tried before giving up on one condition; a pack small enough to read stays far below it.</summary>
    public const int Budget = 200_000;

    /// <summary>Combinations tried for a whole pack: an upload of hundreds of huge conditions ends in bounded time.</summary>
    public const int PackBudget = 2_000_000;

    public ConditionSpace(BillPack pack)
    {
        _pack = pack;
        var thresholds = new Dictionary<string, (FactDefinition Fact, SortedSet<double> Numbers, SortedSet<string> Texts)>(StringComparer.Ordinal);
        foreach (var comparison in pack.Definitions.Select(d => d.When)
                     .Concat(pack.Obligations.SelectMany(o => o.Transitions.Select(t => t.When).Append(o.When)))
                     .SelectMany(ComparisonsIn))
        {
            if (!thresholds.TryGetValue(comparison.Fact.Path, out var known))
            {
                thresholds[comparison.Fact.Path] = known = (comparison.Fact, [], new SortedSet<string>(StringComparer.Ordinal));
            }
            foreach (var operand in Operands(comparison.Operand))
            {
                switch (operand.Kind)
                {
                    case FactKind.Number or FactKind.Date when comparison.Operator != ComparisonOperator.Known:
                        known.Numbers.Add(operand.Number);
                        break;
                    case FactKind.Text:
                        known.Texts.Add(operand.Text!);
                        break;
                    case FactKind.List:
                        known.Texts.UnionWith(operand.List!);
                        break;
                }
            }
        }
        foreach (var (path, (fact, numbers, texts)) in thresholds)
        {
            var states = new List<State> { new(false, true, default) };
            if (fact.MayNotApply)
            {
                states.Add(new State(true, false, default));
            }
            states.AddRange(Values(fact.Kind, numbers, texts).Select(v => new State(false, false, v)));
            _states[path] = states;
        }
    }

    /// <summary>Whether some combination of facts gives <paramref name="condition"/> the value <paramref name="target"/>; null when there are too many to try.</summary>
    public bool? CanBe(Condition condition, Tri target)
    {
        _index.Clear();
        _variables.Clear();
        Collect(condition, new HashSet<string>(StringComparer.Ordinal));
        _assigned = new int[_variables.Count];
        Array.Fill(_assigned, -1);
        _steps = 0;
        return Search(condition, target switch { Tri.True => Can.True, Tri.False => Can.False, _ => Can.Unknown }, 0);
    }

    private bool? Search(Condition condition, Can target, int next)
    {
        if (++_steps > Budget || ++_packSteps > PackBudget)
        {
            return null;
        }
        _definitionMemo.Clear();
        var can = Evaluate(condition);
        if ((can & target) == 0)
        {
            return false;
        }
        if (can == target || next == _variables.Count)
        {
            return true;
        }
        for (var value = 0; value < Size(_variables[next]); value++)
        {
            _assigned[next] = value;
            var found = Search(condition, target, next + 1);
            if (found != false)
            {
                _assigned[next] = -1;
                return found;
            }
        }
        _assigned[next] = -1;
        return false;
    }

    // Variables: a fact by its path; an item of a list fact as "path\0item"; a dated parameter as "$name"; a base's definition as "base:name".
    private void Collect(Condition condition, HashSet<string> definitions)
    {
        switch (condition)
        {
            case AllCondition all:
                all.Items.ToList().ForEach(c => Collect(c, definitions));
                break;
            case AnyCondition any:
                any.Items.ToList().ForEach(c => Collect(c, definitions));
                break;
            case NotCondition not:
                Collect(not.Inner, definitions);
                break;
            case DefinitionCondition d when definitions.Add(d.Name):
                Collect(_pack.DefinitionsByName[d.Name].When, definitions);
                break;
            case BaseCondition b:
                Add("base:" + b.Name);
                break;
            case ComparisonCondition c:
                Add(c.Fact.Path);
                if (c.Fact.Kind == FactKind.List && c.Operator != ComparisonOperator.Known)
                {
                    Operands(c.Operand).SelectMany(o => o.List ?? [o.Text!]).ToList().ForEach(item => Add(c.Fact.Path + "\0" + item));
                }
                if (c.Operand.Parameter is { } p && _pack.ParametersByName[p].Values.Count > 0)
                {
                    Add("$" + p);
                }
                break;
        }
    }

    private void Add(string variable)
    {
        if (_index.TryAdd(variable, _variables.Count))
        {
            _variables.Add(variable);
        }
    }

    private int Size(string variable) => variable switch
    {
        ['$', .. var name] => _pack.ParametersByName[name].Values.Count + 1,
        _ when variable.StartsWith("base:", StringComparison.Ordinal) => 3,
        _ when variable.Contains('\0', StringComparison.Ordinal) => 2,
        _ => _states[variable].Count,
    };

    /// <summary>The value a variable holds, or -1 while the search has not chosen one.</summary>
    private int Held(string variable) => _index.TryGetValue(variable, out var i) ? _assigned[i] : -1;

    private Can Evaluate(Condition condition) => condition switch
    {
        AlwaysCondition => Can.True,
        AllCondition all => all.Items.Aggregate(Can.True, (can, c) => can == Can.False ? can : Combine(can, Evaluate(c), And)),
        AnyCondition any => any.Items.Aggregate(Can.False, (can, c) => can == Can.True ? can : Combine(can, Evaluate(c), Or)),
        NotCondition not => Negate(Evaluate(not.Inner)),
        DefinitionCondition d => Definition(d.Name),
        BaseCondition b => Held("base:" + b.Name) is var held and >= 0 ? (Can)(1 << held) : Can.Any,
        ComparisonCondition c => Compare(c),
        _ => Can.Any,
    };

    private Can Definition(string name)
    {
        if (!_definitionMemo.TryGetValue(name, out var can))
        {
            _definitionMemo[name] = can = Evaluate(_pack.DefinitionsByName[name].When);
        }
        return can;
    }

    private Can Compare(ComparisonCondition c)
    {
        var states = _states[c.Fact.Path];
        var held = Held(c.Fact.Path);
        if (held >= 0)
        {
            return Compare(c, states[held]);
        }
        var can = Can.None;
        foreach (var state in states)
        {
            can |= Compare(c, state);
        }
        return can;
    }

    private Can Compare(ComparisonCondition c, State state)
    {
        if (state.Absent)
        {
            return Can.False;
        }
        if (c.Operator == ComparisonOperator.Known)
        {
            return Of(state.Unknown != c.Operand.Literal!.Value.Boolean);
        }
        if (state.Unknown)
        {
            return Can.Unknown;
        }
        if (c.Fact.Kind == FactKind.List)
        {
            return Items(c);
        }
        var can = Can.None;
        foreach (var operand in Thresholds(c.Operand))
        {
            can |= Of(ConditionEvaluator.Holds(c.Operator, state.Value, operand));
        }
        return can;
    }

    /// <summary>A known list against the items a comparison names: each item in it, out of it, or not yet chosen.</summary>
    private Can Items(ComparisonCondition c)
    {
        var open = false;
        foreach (var item in Operands(c.Operand).SelectMany(o => o.List ?? [o.Text!]))
        {
            switch (Held(c.Fact.Path + "\0" + item))
            {
                case 1:
                    return Can.True;
                case -1:
                    open = true;
                    break;
            }
        }
        return open ? Can.True | Can.False : Can.False;
    }

    /// <summary>The values the operand may take: a literal, a parameter's value, or each of a dated parameter's values not yet chosen.</summary>
    private IEnumerable<FactValue> Thresholds(Operand operand)
    {
        if (operand.Parameter is not { } name)
        {
            return [operand.Literal!.Value];
        }
        var parameter = _pack.ParametersByName[name];
        var all = new[] { parameter.Value }.Concat(parameter.Values.Select(v => v.Value)).ToList();
        return (Held("$" + name) is var held and >= 0 ? [all[held]] : all).Select(FactValue.Of);
    }

    private IEnumerable<FactValue> Operands(Operand operand) =>
        operand.Parameter is { } name
            ? new[] { _pack.ParametersByName[name].Value }.Concat(_pack.ParametersByName[name].Values.Select(v => v.Value)).Select(FactValue.Of)
            : [operand.Literal!.Value];

    private static IEnumerable<FactValue> Values(FactKind kind, SortedSet<double> numbers, SortedSet<string> texts) => kind switch
    {
        FactKind.Boolean => [FactValue.Of(false), FactValue.Of(true)],
        FactKind.Text => texts.Append("\u0001another value").Select(FactValue.Of),
        // A list's items are variables of their own; its one known state stands for all of them.
        FactKind.List => [FactValue.Of(Array.Empty<string>())],
        FactKind.Date => numbers.Count == 0 ? [new FactValue(FactKind.Date, 0, null, null)]
            : numbers.SelectMany(n => new[] { n - 1, n, n + 1 }).Distinct().Select(n => new FactValue(FactKind.Date, n, null, null)),
        _ => numbers.Count == 0 ? [FactValue.Of(0)]
            : numbers.SelectMany(n => new[] { Math.BitDecrement(n), n, Math.BitIncrement(n) }).Distinct().Select(FactValue.Of),
    };

    private static IEnumerable<ComparisonCondition> ComparisonsIn(Condition condition) => condition switch
    {
        ComparisonCondition c => [c],
        AllCondition all => all.Items.SelectMany(ComparisonsIn),
        AnyCondition any => any.Items.SelectMany(ComparisonsIn),
        NotCondition not => ComparisonsIn(not.Inner),
        _ => [],
    };

    private static Can Of(bool value) => value ? Can.True : Can.False;

    private static Can Negate(Can can) =>
        (can & Can.Unknown) | ((can & Can.True) != 0 ? Can.False : Can.None) | ((can & Can.False) != 0 ? Can.True : Can.None);

    /// <summary>Every value <paramref name="op"/> can give for a value of each side.</summary>
    private static Can Combine(Can a, Can b, Func<Tri, Tri, Tri> op)
    {
        var can = Can.None;
        foreach (var x in Values(a))
        {
            foreach (var y in Values(b))
            {
                can |= op(x, y) switch { Tri.True => Can.True, Tri.False => Can.False, _ => Can.Unknown };
            }
        }
        return can;
    }

    private static IEnumerable<Tri> Values(Can can)
    {
        if ((can & Can.False) != 0)
        {
            yield return Tri.False;
        }
        if ((can & Can.True) != 0)
        {
            yield return Tri.True;
        }
        if ((can & Can.Unknown) != 0)
        {
            yield return Tri.Unknown;
        }
    }

    // all: false beats unknown beats true; any: true beats unknown beats false (as ConditionEvaluator combines).
    private static Tri And(Tri a, Tri b) => a == Tri.False || b == Tri.False ? Tri.False : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.True;

    private static Tri Or(Tri a, Tri b) => a == Tri.True || b == Tri.True ? Tri.True : a == Tri.Unknown || b == Tri.Unknown ? Tri.Unknown : Tri.False;
}
