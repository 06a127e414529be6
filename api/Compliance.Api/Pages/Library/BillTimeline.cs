using Compliance.Rules.Packs;

namespace Compliance.Api.Pages.Library;

/// <summary>One dated event of a bill: what happens that day, under which text, to whom.</summary>
internal sealed record TimelineEntry(DateOnly Date, string Event, string? Citation, Certainty Certainty, string? Anchor);

/// <summary>
/// A bill's dates in order: its history (introduced, signed, vetoed), when it takes and ceases to have effect, when
/// each duty applies and its transitional dates, and when a threshold changes.
/// </summary>
internal static class BillTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(BillPack pack)
    {
        var entries = new List<TimelineEntry>();
        entries.AddRange(pack.History.Select(h => new TimelineEntry(h.Date, h.Event, h.Citation, Certainty.Primary, null)));
        if (pack.Effective.From is { } from)
        {
            entries.Add(new TimelineEntry(from, pack.Status is BillStatus.Enacted or BillStatus.Revoked or BillStatus.Repealed
                ? "takes effect" : "would take effect", pack.Effective.Citation, pack.Effective.Certainty, null));
        }
        if (pack.Effective.Until is { } until)
        {
            entries.Add(new TimelineEntry(until, "ceases to have effect", pack.Effective.Citation, pack.Effective.Certainty, null));
        }
        foreach (var o in pack.Obligations)
        {
            if (o.AppliesFrom is { } applies)
            {
                entries.Add(new TimelineEntry(applies, $"duty applies: {o.Title}", o.Citation, o.Certainty, "duty-" + o.LocalId));
            }
            foreach (var t in o.Transitions)
            {
                entries.Add(new TimelineEntry(t.AppliesFrom, $"duty applies, for what its transitional provision covers: {o.Title}", t.Citation, t.Certainty, "duty-" + o.LocalId));
            }
        }
        foreach (var p in pack.Parameters)
        {
            foreach (var v in p.Values)
            {
                entries.Add(new TimelineEntry(v.From, $"{LibraryText.Words(p.Name)} becomes {LibraryText.Plain(v.Value)}{(p.Unit is { } unit ? " " + unit : "")}",
                    v.Citation, v.Certainty, "parameter-" + p.Name));
            }
        }
        // Stable: events of one day keep the order above (history, then effect, then duties).
        return [.. entries.OrderBy(e => e.Date)];
    }
}
