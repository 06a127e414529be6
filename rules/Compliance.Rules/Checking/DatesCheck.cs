using System.Globalization;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// Dates that leave a gap or an overlap. A parameter's dated values each apply from their date until the next: two
/// from one date overlap. A transition defers a duty for the acts its condition picks out, usually those dated before
/// the duty applies ("placed on the market before 2 August 2025"): its cut-off must meet the duty's start, or the acts
/// between them are left out (a gap) or deferred twice over (an overlap); a transition to a date no later than the
/// start defers nothing; two transitions that can hold together overlap (the later date wins).
/// </summary>
internal static class DatesCheck
{
    public static IEnumerable<CheckFinding> Run(BillPack pack, ConditionSpace space) =>
        pack.Parameters.SelectMany(p => DatedValues(pack, p))
            .Concat(pack.Obligations.SelectMany((o, i) => Transitions(pack, o, JsonPointer.Append("/obligations", i), space)));

    private static IEnumerable<CheckFinding> DatedValues(BillPack pack, Parameter parameter)
    {
        var at = JsonPointer.Append("/parameters", parameter.Name) + "/values";
        var written = pack.Document["parameters"]?[parameter.Name]?["values"]?.AsArray() ?? [];
        var dates = written.Select(v => DateOnly.ParseExact(PackConditions.Text(v?["from"])!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        for (var i = 1; i < dates.Count; i++)
        {
            var first = dates.IndexOf(dates[i]);
            if (first < i)
            {
                yield return new CheckFinding(CheckSeverity.Error, CheckRules.Dates, $"{at}/{i}/from",
                    $"${parameter.Name} has two values from {Day(dates[i])} (values/{first} and values/{i}): which applies is not said");
            }
            else if (dates[i] < dates[i - 1])
            {
                yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Dates, $"{at}/{i}/from",
                    $"${parameter.Name}'s values are not in date order ({Day(dates[i])} after {Day(dates[i - 1])}); each applies until the next date, whatever the order written");
            }
        }
        if (pack.Effective.Until is { } until)
        {
            for (var i = 0; i < dates.Count; i++)
            {
                if (dates[i] >= until)
                {
                    yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Dates, $"{at}/{i}/from",
                        $"${parameter.Name}'s value from {Day(dates[i])} never applies: the bill is in force until {Day(until)}");
                }
            }
        }
    }

    private static IEnumerable<CheckFinding> Transitions(BillPack pack, Obligation obligation, string at, ConditionSpace space)
    {
        var start = obligation.AppliesFrom ?? pack.Effective.From;
        for (var i = 0; i < obligation.Transitions.Count; i++)
        {
            var transition = obligation.Transitions[i];
            var here = $"{at}/transitions/{i}";
            if (start is { } s && transition.AppliesFrom <= s)
            {
                yield return new CheckFinding(CheckSeverity.Error, CheckRules.Dates, here + "/appliesFrom",
                    $"{obligation.LocalId}: the transition to {Day(transition.AppliesFrom)} defers nothing: the duty applies from {Day(s)} anyway");
                continue;
            }
            if (start is { } from)
            {
                foreach (var finding in CutOffs(transition.When, here + "/when", obligation.LocalId, from))
                {
                    yield return finding;
                }
            }
            for (var j = 0; j < i; j++)
            {
                var other = obligation.Transitions[j];
                if (other.AppliesFrom != transition.AppliesFrom && space.CanBe(new AllCondition([other.When, transition.When]), Tri.True) == true)
                {
                    yield return new CheckFinding(CheckSeverity.Warning, CheckRules.Dates, here + "/when",
                        $"{obligation.LocalId}: transitions {j} (to {Day(other.AppliesFrom)}) and {i} (to {Day(transition.AppliesFrom)}) can both hold for one act; the later date wins");
                }
            }
        }
    }

    /// <summary>Each "dated before" comparison of a date fact in a transition's condition, held against the duty's start.</summary>
    private static IEnumerable<CheckFinding> CutOffs(Condition condition, string at, string duty, DateOnly start)
    {
        switch (condition)
        {
            case AllCondition all:
                return all.Items.SelectMany((c, i) => CutOffs(c, $"{at}/all/{i}", duty, start));
            case AnyCondition any:
                return any.Items.SelectMany((c, i) => CutOffs(c, $"{at}/any/{i}", duty, start));
            case ComparisonCondition { Fact.Kind: FactKind.Date, Operator: ComparisonOperator.Lt or ComparisonOperator.Lte, Operand.Literal: { } literal } c
                when c.Fact.Path != "asOf":
                // lt D covers acts up to the day before D; lte D up to D itself. The day before the start is the last one.
                var last = DateOnly.FromDayNumber((int)literal.Number - (c.Operator == ComparisonOperator.Lt ? 1 : 0));
                var lastBefore = start.AddDays(-1);
                var pointer = $"{at}/{OperatorWording.Name(c.Operator)}";
                if (last < lastBefore)
                {
                    return [new CheckFinding(CheckSeverity.Error, CheckRules.Dates, pointer,
                        $"{duty}: the transition covers {c.Fact.Path} up to {Day(last)}, but the duty applies from {Day(start)}: acts dated {Day(last.AddDays(1))} to {Day(lastBefore)} fall in the gap")];
                }
                if (last > lastBefore)
                {
                    return [new CheckFinding(CheckSeverity.Error, CheckRules.Dates, pointer,
                        $"{duty}: the transition covers {c.Fact.Path} up to {Day(last)}, but the duty applies from {Day(start)}: acts dated {Day(start)} to {Day(last)} are both subject and deferred")];
                }
                return [];
            default:
                // A cut-off under not, or a date compared otherwise, says something else than "before the start".
                return [];
        }
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
