using System.Globalization;

namespace Compliance.Rules.Packs;

/// <summary>
/// A bill's standing in words ("vetoed on 2024-09-29: not law"), from its status, its dates and its history. A reader
/// who sees a bill's duties must see at once whether the bill binds anyone.
/// </summary>
internal static class BillStatusText
{
    public static string Of(BillPack pack, DateOnly asOf)
    {
        var from = pack.Effective.From;
        var until = pack.Effective.Until;
        return pack.Status switch
        {
            BillStatus.Enacted when from is null => "enacted: in force from a date the text does not fix",
            BillStatus.Enacted when asOf < from => $"enacted: in force from {Day(from.Value)}",
            BillStatus.Enacted when until is { } end && end <= asOf => $"enacted: ceased to have effect on {Day(end)}",
            BillStatus.Enacted => $"enacted: in force since {Day(from!.Value)}",
            BillStatus.Vetoed => $"vetoed{On(pack, "veto")}: not law",
            BillStatus.Revoked or BillStatus.Repealed => Ended(pack, asOf),
            BillStatus.Proposed => $"proposed{On(pack, "introduc")}: not law",
            _ => "hypothetical: a proposal modelled as a bill, not law",
        };
    }

    private static string Ended(BillPack pack, DateOnly asOf)
    {
        var verb = pack.Status == BillStatus.Revoked ? "revoked" : "repealed";
        var (from, until) = (pack.Effective.From, pack.Effective.Until);
        if (from is { } start && until is { } end && start < end)
        {
            return asOf < start ? $"{verb} on {Day(end)}; in force from {Day(start)}"
                : asOf < end ? $"in force since {Day(start)}; {verb} with effect from {Day(end)}"
                : $"{verb} on {Day(end)}: no longer law (in force {Day(start)} to {Day(end)})";
        }
        // Repealed before it ever applied (Colorado's AI Act): never in force.
        return $"{verb}{On(pack, pack.Status == BillStatus.Revoked ? "revok" : "repeal")} before it applied: never in force";
    }

    /// <summary>" on DATE" of the first history event whose words contain <paramref name="stem"/>, or nothing.</summary>
    private static string On(BillPack pack, string stem)
    {
        foreach (var e in pack.History)
        {
            if (e.Event.Contains(stem, StringComparison.OrdinalIgnoreCase))
            {
                return " on " + Day(e.Date);
            }
        }
        return "";
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
