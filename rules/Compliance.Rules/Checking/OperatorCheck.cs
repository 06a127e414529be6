using System.Text.Json.Nodes;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// For each comparison with a numeric parameter, three cases at every value the parameter takes (just below it, at it,
/// just above it) are decided by the engine's own comparison and by the words the comparison is cited with; they must
/// agree. The words are, nearest first: the phrase before <c>{parameter}</c> in the definition's or duty's own text (SB
/// 1047 § 22602(i) says "greater than" where (e)(1)(A)(ii) says "equal to or greater than" of the same figure), the
/// phrase before it in the parameter's description, else the phrases of the parameter's description and citation.
/// </summary>
internal static class OperatorCheck
{
    private static readonly ComparisonOperator[] Ordering = [ComparisonOperator.Gt, ComparisonOperator.Gte, ComparisonOperator.Lt, ComparisonOperator.Lte];

    public static IEnumerable<CheckFinding> Run(BillPack pack)
    {
        var unworded = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var comparison in PackConditions.ParameterComparisons(pack.Document))
        {
            if (!Ordering.Contains(comparison.Operator) || !pack.ParametersByName.TryGetValue(comparison.Parameter, out var parameter))
            {
                continue;
            }
            var (words, source, ambiguous) = Wording(pack.Document, comparison, parameter);
            if (words is null)
            {
                if (ambiguous is not null)
                {
                    yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Operator, JsonPointer.Append("/parameters", parameter.Name),
                        $"${parameter.Name} is described with several comparisons ({ambiguous}); name it as {{{parameter.Name}}} after the words that apply where it is compared");
                }
                else
                {
                    unworded.Add(parameter.Name);
                }
                continue;
            }
            if (Mismatch(comparison.Operator, words.Value.Operator, parameter) is { } boundary)
            {
                yield return new CheckFinding(CheckSeverity.Error, CheckRules.Operator, comparison.Pointer,
                    $"{comparison.Fact} {OperatorWording.Name(comparison.Operator)} ${parameter.Name}, but {source} says \"{words.Value.Words}\" ({OperatorWording.Name(words.Value.Operator)}): {boundary}");
            }
        }
        foreach (var name in unworded)
        {
            yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Operator, JsonPointer.Append("/parameters", name),
                $"nothing says which side of ${name} counts: its description, its citation and the texts that compare with it name no comparison (greater than, at least, exceeds, not exceeding, …)");
        }
    }

    /// <summary>The words nearest the comparison, where they were read, or the several phrases that left it open.</summary>
    private static (OperatorWording.Found? Words, string Source, string? Ambiguous) Wording(JsonObject document, ParameterComparison comparison, Parameter parameter)
    {
        var owner = comparison.Owner;
        foreach (var (text, what) in new[] { (owner.Description, "description"), (owner.Title, "title") })
        {
            if (text is not null && OperatorWording.Beside(text, parameter.Name) is { } beside)
            {
                return (beside, $"the {what} of {owner.Name}", null);
            }
        }
        var declared = document["parameters"]?[parameter.Name];
        var description = PackConditions.Text(declared?["description"]) ?? "";
        if (OperatorWording.Beside(description, parameter.Name) is { } own)
        {
            return (own, $"the description of ${parameter.Name}", null);
        }
        var phrases = OperatorWording.In(description).Concat(OperatorWording.In(parameter.Citation)).ToList();
        var operators = phrases.Select(p => p.Operator).Distinct().ToList();
        return operators.Count switch
        {
            0 => (null, "", null),
            1 => (phrases[0], $"the description or citation of ${parameter.Name}", null),
            _ => (null, "", string.Join(", ", phrases.Select(p => $"\"{p.Words}\"").Distinct(StringComparer.OrdinalIgnoreCase))),
        };
    }

    /// <summary>The first value at which the pack and the words disagree, in words; null when they agree at every value.</summary>
    private static string? Mismatch(ComparisonOperator written, ComparisonOperator worded, Parameter parameter)
    {
        foreach (var value in new[] { parameter.Value }.Concat(parameter.Values.Select(v => v.Value)))
        {
            var cases = new[] { Math.BitDecrement(value), value, Math.BitIncrement(value) };
            var pack = cases.Select(x => ConditionEvaluator.Holds(written, FactValue.Of(x), FactValue.Of(value))).ToArray();
            var words = cases.Select(x => ConditionEvaluator.Holds(worded, FactValue.Of(x), FactValue.Of(value))).ToArray();
            if (!pack.SequenceEqual(words))
            {
                return $"just below, at and just above {Unit.Format(value, parameter.Unit)} the pack gives {Outcomes(pack)} where the words give {Outcomes(words)}";
            }
        }
        return null;
    }

    private static string Outcomes(bool[] outcomes) => string.Join("/", outcomes.Select(o => o ? "true" : "false"));
}
