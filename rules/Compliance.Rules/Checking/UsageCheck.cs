using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// A parameter no condition compares with, or a definition no duty rests on (directly or through other definitions),
/// is a leftover or a duty forgotten. A definition is still evaluated and reported, so this is a warning.
/// </summary>
internal static class UsageCheck
{
    public static IEnumerable<CheckFinding> Run(BillPack pack)
    {
        var conditions = pack.Definitions.Select(d => d.When).Concat(pack.Obligations.SelectMany(o => o.Transitions.Select(t => t.When).Append(o.When))).ToList();
        var compared = conditions.SelectMany(Parameters).ToHashSet(StringComparer.Ordinal);
        foreach (var parameter in pack.Parameters.Where(p => !compared.Contains(p.Name)))
        {
            yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Unused, JsonPointer.Append("/parameters", parameter.Name),
                $"${parameter.Name} is never used: no condition compares a fact with it");
        }
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(pack.Obligations.SelectMany(o => o.Transitions.Select(t => t.When).Append(o.When)).SelectMany(Definitions));
        while (pending.TryPop(out var name))
        {
            if (used.Add(name) && pack.DefinitionsByName.TryGetValue(name, out var definition))
            {
                foreach (var next in Definitions(definition.When))
                {
                    pending.Push(next);
                }
            }
        }
        foreach (var definition in pack.Definitions.Where(d => !used.Contains(d.Name)))
        {
            yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Unused, JsonPointer.Append("/definitions", definition.Name),
                $"{definition.Name} is never used: no duty rests on it (it is still evaluated and reported)");
        }
    }

    private static IEnumerable<string> Parameters(Condition condition) => Walk(condition).OfType<ComparisonCondition>().Select(c => c.Operand.Parameter).OfType<string>();

    private static IEnumerable<string> Definitions(Condition condition) => Walk(condition).Select(c => c switch
    {
        DefinitionCondition d => d.Name,
        BaseCondition b => b.Name,
        _ => null,
    }).OfType<string>();

    private static IEnumerable<Condition> Walk(Condition condition) => condition switch
    {
        AllCondition all => all.Items.SelectMany(Walk).Prepend(condition),
        AnyCondition any => any.Items.SelectMany(Walk).Prepend(condition),
        NotCondition not => Walk(not.Inner).Prepend(condition),
        _ => [condition],
    };
}
