using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

/// <summary>How one model's classification changed at a step, in a few words, for the plot's notes and the analysis page.</summary>
public static class FlipText
{
    /// <summary>
    /// The model's flips grouped by direction, each naming the first definition by its title and counting the rest:
    /// "Covered model and 2 more: undetermined → does not hold".
    /// </summary>
    public static string Change(IEnumerable<Flip> flips, IReadOnlyDictionary<string, string> titles) => string.Join(", ",
        flips.GroupBy(f => (f.From, f.To)).Select(g =>
        {
            var first = titles.GetValueOrDefault(g.First().Definition, g.First().Definition);
            var more = g.Count() - 1;
            return $"{first}{(more > 0 ? $" and {more} more" : "")}: {g.Key.From.Holds()} → {g.Key.To.Holds()}";
        }));
}
