using System.Text.RegularExpressions;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// Which comparison a statute's words name: "greater than", "exceeds", "in excess of" and "over" are strict;
/// "at least", "equal to or greater than" and "or more" are not; likewise below. Longer phrases are read first, so
/// "equal to or greater than" is not also read as "greater than", nor "not exceeding" as "exceeding".
/// </summary>
internal static partial class OperatorWording
{
    private static readonly (string Phrase, ComparisonOperator Operator)[] Phrases = new (string, ComparisonOperator)[]
    {
        ("equal to or greater than", ComparisonOperator.Gte), ("greater than or equal to", ComparisonOperator.Gte),
        ("equal to or more than", ComparisonOperator.Gte), ("more than or equal to", ComparisonOperator.Gte),
        ("at least", ComparisonOperator.Gte), ("not less than", ComparisonOperator.Gte), ("no less than", ComparisonOperator.Gte),
        ("no fewer than", ComparisonOperator.Gte), ("not fewer than", ComparisonOperator.Gte),
        ("at or above", ComparisonOperator.Gte), ("or more", ComparisonOperator.Gte), ("or greater", ComparisonOperator.Gte),
        ("or above", ComparisonOperator.Gte), ("or higher", ComparisonOperator.Gte), ("a minimum of", ComparisonOperator.Gte),
        ("greater than", ComparisonOperator.Gt), ("more than", ComparisonOperator.Gt), ("in excess of", ComparisonOperator.Gt),
        ("exceeds", ComparisonOperator.Gt), ("exceeding", ComparisonOperator.Gt), ("exceed", ComparisonOperator.Gt), ("exceeded", ComparisonOperator.Gt),
        ("larger than", ComparisonOperator.Gt), ("higher than", ComparisonOperator.Gt), ("over", ComparisonOperator.Gt),
        ("above", ComparisonOperator.Gt),
        ("equal to or less than", ComparisonOperator.Lte), ("less than or equal to", ComparisonOperator.Lte),
        ("equal to or fewer than", ComparisonOperator.Lte), ("not exceeding", ComparisonOperator.Lte),
        ("does not exceed", ComparisonOperator.Lte), ("do not exceed", ComparisonOperator.Lte), ("not exceeded", ComparisonOperator.Lte), ("not more than", ComparisonOperator.Lte),
        ("no more than", ComparisonOperator.Lte), ("not greater than", ComparisonOperator.Lte), ("at most", ComparisonOperator.Lte),
        ("at or below", ComparisonOperator.Lte), ("up to", ComparisonOperator.Lte), ("or less", ComparisonOperator.Lte),
        ("or fewer", ComparisonOperator.Lte), ("or below", ComparisonOperator.Lte), ("a maximum of", ComparisonOperator.Lte),
        ("less than", ComparisonOperator.Lt), ("fewer than", ComparisonOperator.Lt), ("lower than", ComparisonOperator.Lt),
        ("below", ComparisonOperator.Lt), ("under", ComparisonOperator.Lt),
    }.OrderByDescending(p => p.Item1.Length).ToArray();

    private static readonly Regex[] Patterns = Phrases
        .Select(p => new Regex(@"\b" + Regex.Escape(p.Phrase).Replace(@"\ ", @"\s+", StringComparison.Ordinal) + @"\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        .ToArray();

    /// <summary>A phrase found in a text: the operator it names, where, and the words as written.</summary>
    public readonly record struct Found(ComparisonOperator Operator, int Index, int Length, string Words)
    {
        /// <summary>Phrases that follow the number they qualify: "10^26 or more".</summary>
        public bool Follows => Words.StartsWith("or ", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every comparison phrase in <paramref name="text"/>, in reading order, none inside a longer one.</summary>
    public static IReadOnlyList<Found> In(string text)
    {
        var taken = new bool[text.Length];
        var found = new List<Found>();
        for (var i = 0; i < Phrases.Length; i++)
        {
            foreach (Match m in Patterns[i].Matches(text))
            {
                if (Enumerable.Range(m.Index, m.Length).Any(at => taken[at]))
                {
                    continue;
                }
                Array.Fill(taken, true, m.Index, m.Length);
                found.Add(new Found(Phrases[i].Operator, m.Index, m.Length, m.Value));
            }
        }
        return found.OrderBy(f => f.Index).ToList();
    }

    /// <summary>
    /// The phrase a text gives the value it names as <c>{name}</c>: "or more" right after it, else the last phrase
    /// between the previous named value (or the start) and it. Null when the text does not name the parameter with a phrase.
    /// </summary>
    public static Found? Beside(string text, string parameter)
    {
        if (ParameterText.Parse(text) is not { } words)
        {
            return null;
        }
        var phrases = In(text);
        var placeholders = words.Placeholders.ToList();
        Found? chosen = null;
        for (var i = 0; i < placeholders.Count; i++)
        {
            var (name, index, length) = placeholders[i];
            if (name != parameter)
            {
                continue;
            }
            var end = index + length;
            var from = i == 0 ? 0 : placeholders[i - 1].Index + placeholders[i - 1].Length;
            var after = phrases.FirstOrDefault(f => f.Index >= end && f.Follows && string.IsNullOrWhiteSpace(text[end..f.Index]));
            Found? here = after.Words is not null ? after : phrases.LastOrDefault(f => f.Index >= from && f.Index + f.Length <= index && !f.Follows) is { Words: not null } before ? before : null;
            if (here is not null && chosen is not null && here.Value.Operator != chosen.Value.Operator)
            {
                // The text names the parameter twice with different words: neither is the reading.
                return null;
            }
            chosen ??= here;
        }
        return chosen;
    }

    /// <summary>How a pack spells an operator, for messages.</summary>
    public static string Name(ComparisonOperator op) => op.ToString().ToLowerInvariant();
}
