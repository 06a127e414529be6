using System.Globalization;
using System.Text;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Rendering;

// The body of the memo: a section per bill that asks something, then the bills that ask nothing, the facts that would
// settle what is undetermined, and what comes later.
public static partial class DecisionMemo
{
    private static void Bill(StringBuilder memo, BillResult bill, string asOf, DutyNumbers numbers)
    {
        memo.Append("## ").Append(MarkdownText.Escape(bill.Title)).Append(" — ").Append(MarkdownText.Escape(bill.StatusText)).Append("\n\n");
        memo.Append(MarkdownText.Code($"{bill.Bill}@{bill.Version}")).Append(" · ").Append(MarkdownText.Escape(bill.Jurisdiction))
            .Append(" · ").Append(MarkdownText.Link("source", bill.Source)).Append("\n\n");
        if (!bill.InForce)
        {
            memo.Append("> **Not in force on ").Append(asOf).Append(":** ").Append(MarkdownText.Escape(bill.StatusText))
                .Append(". The duties below are what the bill would ask; nothing is owed under it.\n\n");
        }
        if (ChosenReadings(bill) is { Count: > 0 } readings)
        {
            memo.Append("> **Read as the request chose, not the pack's default:** ")
                .Append(string.Join("; ", readings.Select(r => MarkdownText.Code(r.Key) + ": " + MarkdownText.Code(r.Value.Option)))).Append(".\n\n");
        }
        Findings(memo, bill);
        var penalties = PenaltyLetters(bill);
        foreach (var role in DutyNumbers.Groups(bill).GroupBy(g => g.Role))
        {
            memo.Append("### Duties of the ").Append(MarkdownText.Escape(role.Key.Replace('-', ' '))).Append("\n\n");
            foreach (var (_, phase, duties) in role)
            {
                memo.Append("#### ").Append(PhaseHeading(phase)).Append("\n\n");
                foreach (var duty in duties)
                {
                    Duty(memo, duty, numbers[duty], penalties);
                }
                memo.Append('\n');
            }
        }
        Penalties(memo, bill, penalties);
        LaterDuties(memo, bill);
    }

    /// <summary>What the bill's defined terms say of this model: the footing every duty below stands on.</summary>
    private static void Findings(StringBuilder memo, BillResult bill)
    {
        if (bill.Definitions.Count == 0)
        {
            return;
        }
        memo.Append("### What the bill's terms say of this model\n\n");
        foreach (var (name, definition) in bill.Definitions)
        {
            memo.Append("- **").Append(MarkdownText.Escape(name.Replace('_', ' '))).Append(":** ").Append(DefinitionValue(definition.Value));
            if (definition.Certainty != Certainty.Primary)
            {
                memo.Append(" (").Append(CertaintyWords(definition.Certainty)).Append(')');
            }
            memo.Append(". ").Append(MarkdownText.Escape(definition.Because ?? ""));
            if (definition.Value == Tri.Unknown && definition.Needs.Count > 0)
            {
                memo.Append(" Needs ").Append(string.Join(", ", definition.Needs.Select(MarkdownText.Code))).Append('.');
            }
            memo.Append('\n');
        }
        memo.Append('\n');
    }

    private static string DefinitionValue(Tri value) => value switch
    {
        Tri.True => "met",
        Tri.False => "not met",
        _ => "undetermined",
    };

    private static string PhaseHeading(string phase) => phase switch
    {
        "training" => "Before and during training",
        "release" => "On release",
        "deployment" => "On deployment",
        "incident" => "When an incident occurs",
        "periodic" => "Continuing duties",
        _ => MarkdownText.Escape(phase),
    };

    /// <summary>One duty: what, where in the law, whether owed, by when, on what footing, why, and what it costs to ignore.</summary>
    private static void Duty(StringBuilder memo, ObligationResult duty, int number, Dictionary<string, string> penalties)
    {
        var label = number.ToString(CultureInfo.InvariantCulture) + ".";
        // A line under a list item belongs to it only when indented to the item's text: wider for 10. than for 9.
        var under = new string(' ', label.Length + 1) + "- ";
        memo.Append(label).Append(" **").Append(MarkdownText.Escape(duty.Title)).Append("** — ")
            .Append(MarkdownText.Link(duty.Citation, duty.Url)).Append('\n');
        memo.Append(under).Append(Status(duty)).Append('\n');
        if (duty.Due is not null || duty.DueDate is not null)
        {
            memo.Append(under).Append("Due: ").Append(MarkdownText.Escape(duty.Due ?? "a date"));
            if (duty.DueDate is { } date)
            {
                memo.Append(" (").Append(MarkdownText.Escape(date)).Append(')');
            }
            memo.Append('\n');
        }
        if (duty.Deployment is { } deployment)
        {
            memo.Append(under).Append("For deployment ").Append(MarkdownText.Code(deployment)).Append('\n');
        }
        if (duty.Certainty != Certainty.Primary)
        {
            memo.Append(under).Append("**Certainty:** ").Append(CertaintyWords(duty.Certainty)).Append('\n');
        }
        memo.Append(under).Append("Why: ").Append(MarkdownText.Escape(duty.Because)).Append('\n');
        if (duty.Description is { } description)
        {
            memo.Append(under).Append("What it asks: ").Append(MarkdownText.Escape(description)).Append('\n');
        }
        if (duty.Penalty is { } key && penalties.TryGetValue(key, out var letter))
        {
            memo.Append(under).Append("Penalty: see ").Append(letter).Append(" below\n");
        }
    }

    private static string Status(ObligationResult duty)
    {
        var status = duty.Status switch
        {
            ObligationStatus.Outstanding => "**Owed**",
            ObligationStatus.Satisfied => "**Met**" + (duty.Evidence is { } evidence ? ": evidence " + MarkdownText.Link(evidence, evidence) : ""),
            _ => "**Undetermined**" + (duty.Needs.Count > 0 ? ": needs " + string.Join(", ", duty.Needs.Select(MarkdownText.Code)) : ""),
        };
        if (duty.Blocking && duty.Status != ObligationStatus.Satisfied)
        {
            status += duty.Phase is "training" or "release" or "deployment" ? $"; blocks the {duty.Phase} until met" : "; blocking";
        }
        if (duty.Overdue is { } overdue)
        {
            status += $" · **OVERDUE by {Days(overdue.Days)}** (due since {MarkdownText.Escape(overdue.Since)})";
        }
        return status;
    }

    private static string Days(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";

    private static string CertaintyWords(Certainty certainty) => certainty switch
    {
        Certainty.Secondary => "secondary source only",
        Certainty.Unsettled => "unsettled reading",
        _ => "primary text",
    };

    /// <summary>The bill's penalties lettered A, B, … in the order the bill names them, so each is printed once.</summary>
    private static Dictionary<string, string> PenaltyLetters(BillResult bill) =>
        (bill.Penalties ?? new Dictionary<string, Penalty>()).Keys.Select((key, i) => (key, Letter(i)))
            .ToDictionary(p => p.key, p => p.Item2, StringComparer.Ordinal);

    private static string Letter(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : "P" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static void Penalties(StringBuilder memo, BillResult bill, Dictionary<string, string> letters)
    {
        if (bill.Penalties is not { Count: > 0 } penalties)
        {
            return;
        }
        memo.Append("### Penalties\n\n");
        foreach (var (key, penalty) in penalties)
        {
            memo.Append("- **").Append(letters[key]).Append(".** ").Append(MarkdownText.Escape(penalty.Text));
            if (penalty.Citation is { } citation)
            {
                memo.Append(" (").Append(MarkdownText.Escape(citation)).Append(')');
            }
            if (penalty.Certainty != Certainty.Primary)
            {
                memo.Append(". **Certainty:** ").Append(CertaintyWords(penalty.Certainty));
            }
            memo.Append(".\n");
        }
        memo.Append('\n');
    }

    /// <summary>Duties whose condition holds, or may, but that the bill imposes only from a later date.</summary>
    private static void LaterDuties(StringBuilder memo, BillResult bill)
    {
        if (bill.Upcoming.Count == 0)
        {
            return;
        }
        memo.Append("### Duties that apply later\n\n");
        foreach (var duty in bill.Upcoming)
        {
            memo.Append("- From ").Append(MarkdownText.Escape(duty.AppliesFrom)).Append(": ").Append(MarkdownText.Escape(duty.Title))
                .Append(" (").Append(MarkdownText.Escape(duty.Citation)).Append(')');
            if (duty.Role is { } role)
            {
                memo.Append(", for the ").Append(MarkdownText.Escape(role.Replace('-', ' ')));
            }
            memo.Append(".\n");
        }
        memo.Append('\n');
    }

    private static void NothingOwed(StringBuilder memo, List<BillResult> bills)
    {
        if (bills.Count == 0)
        {
            return;
        }
        memo.Append("## Bills under which nothing is owed\n\n");
        foreach (var bill in bills)
        {
            memo.Append("- **").Append(MarkdownText.Escape(bill.Title)).Append("** — ").Append(MarkdownText.Escape(bill.StatusText))
                .Append(" (").Append(MarkdownText.Code($"{bill.Bill}@{bill.Version}")).Append("). ")
                .Append(MarkdownText.Escape(bill.Because ?? "It lists no duty for these acts.")).Append('\n');
            foreach (var duty in bill.Upcoming)
            {
                memo.Append("  - From ").Append(MarkdownText.Escape(duty.AppliesFrom)).Append(": ").Append(MarkdownText.Escape(duty.Title))
                    .Append(" (").Append(MarkdownText.Escape(duty.Citation)).Append(").\n");
            }
        }
        memo.Append('\n');
    }

    /// <summary>The facts the manifest lacks, each with the duties it would settle, those settling most first.</summary>
    private static void ToSettle(StringBuilder memo, EvaluationResult result, DutyNumbers numbers)
    {
        var settles = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var duty in result.Bills.SelectMany(b => b.Obligations).Where(o => o.Status == ObligationStatus.Undetermined))
        {
            foreach (var fact in duty.Needs)
            {
                if (!settles.TryGetValue(fact, out var duties))
                {
                    settles[fact] = duties = [];
                    order.Add(fact);
                }
                duties.Add(numbers[duty]);
            }
        }
        if (order.Count == 0)
        {
            return;
        }
        memo.Append("## To settle\n\n");
        memo.Append("The duties marked undetermined turn on facts the manifest does not give. Finding out these would settle them:\n\n");
        foreach (var fact in order.OrderByDescending(f => settles[f].Count).ThenBy(order.IndexOf))
        {
            var duties = settles[fact].Distinct().Order().ToList();
            memo.Append("- ").Append(MarkdownText.Code(fact));
            if (FactCatalog.All.TryGetValue(fact, out var known))
            {
                memo.Append(" — ").Append(MarkdownText.Escape(known.Description));
            }
            memo.Append(". Needed to settle ").Append(duties.Count == 1 ? "duty " : "duties ").Append(Enumerate(duties)).Append(".\n");
        }
        memo.Append('\n');
    }

    private static string Enumerate(IReadOnlyList<int> numbers)
    {
        var texts = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        return texts.Count == 1 ? texts[0] : string.Join(", ", texts[..^1]) + " and " + texts[^1];
    }

    /// <summary>The enacted bills that come into force after the date asked about: not evaluated, but on the horizon.</summary>
    private static void ComingLater(StringBuilder memo, EvaluationResult result)
    {
        if (result.Upcoming is not { Count: > 0 } upcoming)
        {
            return;
        }
        memo.Append("## Bills not yet in force\n\n");
        memo.Append("Enacted, in force after ").Append(result.AsOf).Append(", and not evaluated here:\n\n");
        foreach (var bill in upcoming)
        {
            memo.Append("- **").Append(MarkdownText.Escape(bill.Title)).Append("** (").Append(MarkdownText.Code($"{bill.Bill}@{bill.Version}"))
                .Append(", ").Append(MarkdownText.Escape(bill.Jurisdiction)).Append("): in force from ").Append(MarkdownText.Escape(bill.InForceFrom)).Append(".\n");
        }
        memo.Append('\n');
    }
}
