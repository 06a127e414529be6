using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>What the static checks found in one pack: errors refuse it, warnings are worth a look.</summary>
public sealed record CheckReport(string Pack, IReadOnlyList<CheckFinding> Findings)
{
    public IReadOnlyList<CheckFinding> Errors => [.. Findings.Where(f => f.Severity == CheckSeverity.Error)];

    public IReadOnlyList<CheckFinding> Warnings => [.. Findings.Where(f => f.Severity == CheckSeverity.Warning)];

    public bool Passed => Findings.All(f => f.Severity != CheckSeverity.Error);
}

/// <summary>
/// Static checks of a compiled pack, before it ships or is stored: what loading cannot refuse but a reader of the law
/// would. Each comparison with a threshold agrees with the words it is cited with at the threshold's edge; dated values
/// and transitions leave no gap or overlap; every duty can be owed; every parameter and definition is used; every
/// case of a bill in force pins down its duties; texts name the parameters they state. A pack is small, so each is
/// settled by trying cases (Catala proves the like with an SMT solver). Pure: a pack in, findings out.
/// </summary>
public static class PackChecker
{
    public static CheckReport Check(BillPack pack)
    {
        var space = new ConditionSpace(pack);
        var findings = OperatorCheck.Run(pack)
            .Concat(DatesCheck.Run(pack, space))
            .Concat(NeverTrueCheck.Run(pack, space))
            .Concat(UsageCheck.Run(pack))
            .Concat(TestCaseCheck.Run(pack))
            .Concat(RestatedValueCheck.Run(pack))
            .OrderBy(f => f.Severity)
            .ThenBy(f => f.Pointer, PointerOrder.Instance)
            .ToList();
        return new CheckReport(pack.Key, findings);
    }

    /// <summary>Pointers segment by segment, array indexes as numbers: /tests/9 before /tests/10.</summary>
    private sealed class PointerOrder : IComparer<string>
    {
        public static readonly PointerOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('/');
            var b = (y ?? "").Split('/');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var order = int.TryParse(a[i], out var m) && int.TryParse(b[i], out var n) ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
                if (order != 0)
                {
                    return order;
                }
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
