using System.Globalization;
using System.Text;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Turns a reasoning tree into the one or two sentences a lawyer reads ("training compute of 2.0e26 FLOP is greater
/// than 1.0e26 FLOP (§ 22602(e)(1)(A)(i)) and training cost of $150M is greater than $100M"). Only the steps that
/// decided the outcome are told: every step of a condition that holds, the first step that fails, the steps still
/// unknown. A reference to a definition is told through the definition's own steps.
/// </summary>
public sealed class Explanation(BillPack pack, Func<string?, string, TraceNode?> definitionTrace)
{
    /// <summary>How many steps a sentence names before it says how many more there are.</summary>
    private const int MaxSteps = 4;

    /// <summary>How deep definitions are followed when expanding: packs nest them a few levels; a deeper chain is named, not told.</summary>
    private const int MaxDefinitionDepth = 8;

    /// <summary>
    /// The steps that decided <paramref name="node"/>, each in words, without repeats. A definition the node refers
    /// to is named ("frontier developer (BPC § 22757.11(h)) is met"): the answer explains each definition once, beside
    /// it. With <paramref name="expand"/>, its own steps are told instead, down to the facts: a bill under which
    /// nothing is owed says which fact put the model outside it.
    /// </summary>
    public List<string> Steps(TraceNode node, bool expand = false)
    {
        var steps = new List<string>();
        Collect(node, steps, depth: expand ? 0 : MaxDefinitionDepth);
        return steps;
    }

    /// <summary>The steps joined into one clause, at most <see cref="MaxSteps"/> of them.</summary>
    public static string Join(IReadOnlyList<string> steps)
    {
        if (steps.Count == 0)
        {
            return "";
        }
        var shown = steps.Count <= MaxSteps ? steps : steps.Take(MaxSteps - 1).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < shown.Count; i++)
        {
            text.Append(i == 0 ? "" : i == shown.Count - 1 && shown.Count == steps.Count ? " and " : "; ").Append(shown[i]);
        }
        if (shown.Count < steps.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $"; and {steps.Count - shown.Count} more (see the trace)");
        }
        return text.ToString();
    }

    private void Collect(TraceNode node, List<string> steps, int depth)
    {
        switch (node.Kind)
        {
            case "all" or "any" or "not":
                foreach (var child in node.DecidingSteps())
                {
                    Collect(child, steps, depth);
                }
                return;
            case "definition":
                Definition(node, steps, depth);
                return;
            case "base":
                if (node.Children is null or { Count: 0 })
                {
                    Add(steps, node.Note is { } baseNote ? WithoutPrefix(baseNote) : $"no lineage base for '{node.Definition}'");
                }
                foreach (var child in node.Children ?? [])
                {
                    if (child.Outcome == node.Outcome || node.Outcome == Tri.False)
                    {
                        Definition(child, steps, depth);
                    }
                }
                return;
            case "fact":
                Add(steps, Fact(node));
                return;
            case "always":
                return;
            case "reading":
                // The pack's default reading goes without saying; a reading the request chose is part of the answer.
                if (!Equals(node.Value, node.Threshold) && node.Note is { } reading)
                {
                    Add(steps, reading);
                }
                return;
            default:
                // Territory and transitions write their own sentence.
                if (node.Note is { } note)
                {
                    Add(steps, note);
                }
                foreach (var child in node.Children ?? [])
                {
                    Collect(child, steps, depth);
                }
                return;
        }
    }

    private void Definition(TraceNode node, List<string> steps, int depth)
    {
        var name = node.Definition!;
        // "Frontier developer" reads "frontier developer" mid-sentence; "General-purpose AI model" keeps its AI.
        var title = pack.DefinitionsByName.TryGetValue(name, out var d) ? LowerFirst(d.Title) : name;
        // The defined term in quotes: "“frontier developer” (BPC § 22757.11(h)) is met" reads as the statute's test.
        var named = node.Artifact is { } artifact ? $"for the base {artifact}, “{title}” ({node.Citation})" : $"“{title}” ({node.Citation})";
        // A base's definition is not explained elsewhere in the answer, so it is told one level down, with its owner
        // (so "7.9e24 FLOP" is not read as the fine-tune's own).
        var tell = depth < MaxDefinitionDepth || (node.Artifact is not null && depth == MaxDefinitionDepth);
        if (!tell || definitionTrace(node.Artifact, name) is not { } trace)
        {
            Add(steps, $"{named} {Met(node.Outcome)}");
            return;
        }
        if (node.Artifact is not null)
        {
            var inner = new List<string>();
            Collect(trace, inner, depth + 1);
            // A base that fails a definition is told by its first failing step: the rest is in its own answer.
            var told = node.Outcome == Tri.False && inner.Count > 1 ? inner[..1] : inner;
            Add(steps, inner.Count == 0 ? $"{named} {Met(node.Outcome)}" : $"{named} {Met(node.Outcome)} ({Join(told)})");
            return;
        }
        Collect(trace, steps, depth + 1);
    }

    private static string LowerFirst(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;

    private static string Met(Tri outcome) => outcome switch
    {
        Tri.True => "is met",
        Tri.False => "is not met",
        _ => "may be met",
    };

    private static void Add(List<string> steps, string step)
    {
        if (!steps.Contains(step))
        {
            steps.Add(step);
        }
    }

    private string Fact(TraceNode node)
    {
        var label = Label(node.Fact!);
        if (node.Artifact is { } artifact)
        {
            label = $"{artifact}'s {label}";
        }
        // A fact about something the model does not have ("the artifact has no lineage") is told as that absence.
        if (node.Outcome == Tri.False && node.Value is null && node.Note is { } notApplicable)
        {
            return WithoutPrefix(notApplicable);
        }
        var unit = node.Parameter is { } p && pack.ParametersByName.TryGetValue(p, out var parameter) ? parameter.Unit : null;
        unit ??= UnitOf(node.Fact!);
        var cited = node.Citation is { } citation ? $" ({citation})" : "";
        if (node.Operator == "known")
        {
            var wanted = node.Threshold is true;
            return node.Outcome == Tri.True == wanted ? $"{label} is given" : $"{label} is not given";
        }
        if (node.Value is null)
        {
            return $"{label} is not given";
        }
        var value = Format(node.Value, unit);
        var threshold = Format(node.Threshold, unit);
        var holds = node.Outcome == Tri.True;
        return node.Operator switch
        {
            // Only number and date facts are ordered, and a date reaches here as its text: dates come before or after.
            "gt" when node.Value is string => $"{label} ({value}) is {Not(holds)}after {threshold}{cited}",
            "gte" when node.Value is string => $"{label} ({value}) is {(holds ? "on or after" : "before")} {threshold}{cited}",
            "lt" when node.Value is string => $"{label} ({value}) is {Not(holds)}before {threshold}{cited}",
            "lte" when node.Value is string => $"{label} ({value}) is {(holds ? "on or before" : "after")} {threshold}{cited}",
            "gt" => $"{label} of {value} is {Not(holds)}greater than {threshold}{cited}",
            "gte" => $"{label} of {value} is {(holds ? "at least" : "less than")} {threshold}{cited}",
            "lt" => $"{label} of {value} is {Not(holds)}less than {threshold}{cited}",
            "lte" => $"{label} of {value} is {(holds ? "at most" : "more than")} {threshold}{cited}",
            "eq" when node.Value is bool => $"{label} is {value}{cited}",
            "eq" => holds ? $"{label} is {value}{cited}" : $"{label} is {value}, not {threshold}{cited}",
            "ne" => holds ? $"{label} is {value}, not {threshold}{cited}" : $"{label} is {value}{cited}",
            "in" => holds ? $"{label} is {value}{cited}" : $"{label} is {value}, not one of {threshold}{cited}",
            "contains" => $"{label} {(holds ? "includes" : "does not include")} {threshold}{cited}",
            "intersects" => holds ? $"{label} ({value}) includes one of {threshold}{cited}" : $"{label} ({value}) includes none of {threshold}{cited}",
            _ => $"{label} is {value}",
        };
    }

    private const string NotApplicable = "not applicable: ";

    private static string WithoutPrefix(string note) =>
        note.StartsWith(NotApplicable, StringComparison.Ordinal) ? note[NotApplicable.Length..] : note;

    private static string Not(bool holds) => holds ? "" : "not ";

    /// <summary>A fact path in words: training.computeFlop is "training compute", developer.annualRevenueUsd "developer annual revenue".</summary>
    internal static string Label(string path)
    {
        if (Labels.TryGetValue(path, out var known))
        {
            return known;
        }
        var text = new StringBuilder(path.Length + 8);
        foreach (var part in path.Split('.'))
        {
            var word = part;
            foreach (var suffix in (ReadOnlySpan<string>)["Flop", "Usd", "OpsPerSecond", "Gbps"])
            {
                if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
                {
                    word = word[..^suffix.Length];
                }
            }
            if (text.Length > 0)
            {
                text.Append(' ');
            }
            foreach (var c in word)
            {
                if (char.IsUpper(c))
                {
                    text.Append(' ').Append(char.ToLowerInvariant(c));
                }
                else
                {
                    text.Append(c);
                }
            }
        }
        return text.ToString();
    }

    /// <summary>Derived facts whose path does not read as words.</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["asOf"] = "the date of the answer",
        ["developer.country"] = "the developer's country (developer headquarters)",
        ["developer.annualRevenueKrw"] = "the developer's revenue in Korean won",
        ["developer.aiServiceRevenueKrw"] = "the developer's AI-service revenue in Korean won",
        ["developer.averageDailyUsersKorea"] = "the developer's average daily users in Korea",
        ["developer.establishedInEu"] = "whether the developer is established in the EU (developer headquarters)",
        ["training.cumulativeComputeFlop"] = "cumulative training compute",
        ["training.developerComputeFlop"] = "the developer's own training compute",
        ["lineage.baseComputeFlop"] = "the base's training compute",
        ["lineage.computeShare"] = "the modification's share of the base's compute",
    };

    private static string? UnitOf(string path) =>
        path.EndsWith("Flop", StringComparison.Ordinal) ? "FLOP"
        : path.EndsWith("Usd", StringComparison.Ordinal) ? "USD"
        : path.EndsWith("OpsPerSecond", StringComparison.Ordinal) ? "operations per second"
        : path.EndsWith("Gbps", StringComparison.Ordinal) ? "Gbit/s"
        : null;

    /// <summary>A value as a reader expects it: compute in powers of ten, dollars with M and B, lists with commas.</summary>
    internal static string Format(object? value, string? unit) => value switch
    {
        double d when unit == "USD" => Dollars(d),
        double d when unit is not null && Math.Abs(d) >= 1e6 => Scientific(d) + " " + unit,
        double d when unit is not null => d.ToString("G6", CultureInfo.InvariantCulture) + " " + unit,
        double d when Math.Abs(d) >= 1e9 => Scientific(d),
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IReadOnlyList<string> list => list.Count == 0 ? "none" : string.Join(", ", list),
        null => "unknown",
        _ => value.ToString() ?? "",
    };

    // Two decimals at most: 7.93e24 FLOP. Thresholds are round, and a reader compares orders of magnitude.
    private static string Scientific(double d) => d.ToString("0.0#e0", CultureInfo.InvariantCulture);

    private static string Dollars(double d)
    {
        var sign = d < 0 ? "-" : "";
        var a = Math.Abs(d);
        return a >= 1e9 && a % 1e7 == 0 ? $"{sign}${(a / 1e9).ToString("0.##", CultureInfo.InvariantCulture)}B"
            : a >= 1e6 && a % 1e4 == 0 ? $"{sign}${(a / 1e6).ToString("0.##", CultureInfo.InvariantCulture)}M"
            : $"{sign}${a.ToString("N0", CultureInfo.InvariantCulture)}";
    }
}
