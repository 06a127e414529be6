using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Rendering;

/// <summary>
/// The memo numbers its duties once, across bills, in the order it prints them, so that the list of facts to find
/// out can say which duties each would settle ("duties 3, 4 and 9") the way a lawyer cites paragraphs.
/// </summary>
internal sealed class DutyNumbers
{
    private readonly Dictionary<ObligationResult, int> _numbers = new(ReferenceEqualityComparer.Instance);

    public int this[ObligationResult duty] => _numbers[duty];

    public static DutyNumbers Of(EvaluationResult result)
    {
        var numbers = new DutyNumbers();
        foreach (var bill in result.Bills)
        {
            foreach (var group in Groups(bill))
            {
                foreach (var duty in group.Duties)
                {
                    numbers._numbers[duty] = numbers._numbers.Count + 1;
                }
            }
        }
        return numbers;
    }

    /// <summary>A bill's duties by role (in the order the bill first names each), then by phase, then as the bill lists them.</summary>
    public static IEnumerable<(string Role, string Phase, IReadOnlyList<ObligationResult> Duties)> Groups(BillResult bill) =>
        bill.Obligations.Select(o => o.Role).Distinct(StringComparer.Ordinal)
            .SelectMany(role => PhaseOrder
                .Select(phase => (role, phase, (IReadOnlyList<ObligationResult>)bill.Obligations.Where(o => o.Role == role && o.Phase == phase).ToList()))
                .Where(g => g.Item3.Count > 0))
            .Concat(Unphased(bill));

    private static readonly string[] PhaseOrder = [.. Enum.GetValues<Phase>().Select(PhaseName.Of)];

    // A phase outside the contract's five (a stored decision read back from an older or newer engine) still prints.
    private static IEnumerable<(string, string, IReadOnlyList<ObligationResult>)> Unphased(BillResult bill) =>
        bill.Obligations.Where(o => !PhaseOrder.Contains(o.Phase, StringComparer.Ordinal))
            .GroupBy(o => (o.Role, o.Phase))
            .Select(g => (g.Key.Role, g.Key.Phase, (IReadOnlyList<ObligationResult>)g.ToList()));
}
