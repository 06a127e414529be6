using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using Spectre.Console;

namespace Compliance.Cli;

/// <summary>
/// The terminal view: which bills were asked and why, activities with their reasons, then per bill its standing in
/// words and a table of what is owed, each duty with its reason beneath it. Colour only on a terminal.
/// </summary>
internal static class TextReport
{
    public static void Evaluation(IAnsiConsole console, EvaluationResult result)
    {
        console.MarkupLine($"[bold]{Markup.Escape(result.ManifestId)}[/] as of {result.AsOf}  [grey]{result.ManifestDigest}[/]");
        console.MarkupLine($"  [grey]{Markup.Escape(Selection(result))}[/]");
        if (result.Filter is { } filter)
        {
            console.MarkupLine($"  [grey]only {Markup.Escape(filter.Describe())}[/]");
        }
        foreach (var activity in result.Activities)
        {
            var what = activity.Activity.ToString().ToLowerInvariant() + (activity.Scope is { } scope ? $" ({scope})" : "") + (activity.Deployment is { } d ? $" {d}" : "");
            console.MarkupLine($"  [blue]{Markup.Escape(what)}[/]: {Markup.Escape(activity.Because)}");
        }
        foreach (var bill in result.Bills)
        {
            console.WriteLine();
            Bill(console, bill);
        }
        if (result.Upcoming is { Count: > 0 } upcoming)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Not evaluated:[/] enacted, in force later");
            foreach (var u in upcoming)
            {
                console.MarkupLine($"  {Markup.Escape(u.Bill)}@{Markup.Escape(u.Version)} {Markup.Escape(u.Title)} [grey]({u.Jurisdiction}, from {u.InForceFrom})[/]");
            }
        }
    }

    /// <summary>How the bills were chosen, in words: a lawyer must know whether a bill absent from the list was left out or asked about.</summary>
    private static string Selection(EvaluationResult result) => result.Selection switch
    {
        BillSelection.InForce => $"bills in force on {result.AsOf} (name another with --bill ID, or --bill all for every bill whatever its status)",
        BillSelection.All => "every bill, whatever its status (--bill all)",
        _ => "the bills named, whatever their status",
    };

    private static void Bill(IAnsiConsole console, BillResult bill)
    {
        var standing = bill.InForce ? $"[green]{Markup.Escape(bill.StatusText)}[/]" : $"[yellow]{Markup.Escape(bill.StatusText)}[/]";
        console.MarkupLine($"[bold]{Markup.Escape(bill.Bill)}@{Markup.Escape(bill.Version)}[/] {Markup.Escape(bill.Title)} [grey]({bill.Jurisdiction})[/]");
        if (bill.Overrides is { Count: > 0 } overrides)
        {
            // An answer under values the bill does not have must say so where the bill is named.
            Indented(console, $"[yellow]with {Markup.Escape(string.Join(", ", overrides.Select(o => $"{o.Key} = {o.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")))}[/] [grey](--set, not the bill's own values)[/]");
        }
        Indented(console, standing);
        Indented(console, string.Join("   ", bill.Definitions.Select(d => $"{Markup.Escape(d.Key)}: {Colour(d.Value.Value)}"
            + (d.Value.Needs.Count > 0 ? $" [grey](needs {Markup.Escape(string.Join(", ", d.Value.Needs))})[/]" : "")
            + (d.Value.Certainty != Certainty.Primary ? $" [grey]({CertaintyName.Of(d.Value.Certainty)})[/]" : ""))));
        if (bill.Obligations.Count == 0)
        {
            // A bill whose duties all apply later gives no reason of its own (the engine explains a bill that lists nothing at all).
            var none = bill.Because ?? (bill.Upcoming.Count > 0 ? "no duty owed yet: those below apply later" : "no obligations");
            Indented(console, $"[green]{Markup.Escape(none)}[/]");
        }
        else
        {
            Obligations(console, bill);
        }
        foreach (var u in bill.Upcoming)
        {
            Indented(console, $"[grey]from {u.AppliesFrom}: {Markup.Escape(u.Id)}{(u.Role is { } role ? $" ({role})" : "")} {Markup.Escape(u.Citation)}[/]");
        }
        foreach (var (key, penalty) in bill.Penalties ?? new Dictionary<string, Penalty>())
        {
            var cited = penalty.Citation is { } citation && !penalty.Text.Contains(citation, StringComparison.Ordinal) ? $" ({citation})" : "";
            var sure = penalty.Certainty != Certainty.Primary ? $" [{CertaintyName.Of(penalty.Certainty)}]" : "";
            Indented(console, $"[grey]penalty {Markup.Escape(key)}: {Markup.Escape(penalty.Text + cited + sure)}[/]");
        }
    }

    /// <summary>A paragraph indented by two, wrapped within the terminal's width.</summary>
    private static void Indented(IAnsiConsole console, string markup) => console.Write(new Padder(new Markup(markup), new Padding(2, 0, 0, 0)) { Expand = false });

    // Columns besides the duty's own, at their widths on a terminal wide enough for them (120 columns reads well); the
    // duty, its reason and the facts it needs take the rest. On a narrower one the table sizes itself.
    private static readonly (string Name, int Width)[] Columns = [("role", 9), ("phase", 10), ("status", 12), ("due", 16), ("citation", 16)];

    private static void Obligations(IAnsiConsole console, BillResult bill)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("obligation, and why");
        foreach (var (name, width) in Columns)
        {
            table.AddColumn(new TableColumn(name));
            if (console.Profile.Width >= 110)
            {
                table.Columns[^1].Width(width);
            }
        }
        foreach (var o in bill.Obligations)
        {
            table.AddRow(
                $"[bold]{Markup.Escape(o.Id)}[/]{(o.Deployment is { } dep ? $" [grey]({Markup.Escape(dep)})[/]" : "")}\n[grey]{Markup.Escape(o.Because)}[/]"
                    + (o.Needs.Count > 0 ? $"\n[yellow]needs {Markup.Escape(string.Join(", ", o.Needs))}[/]" : ""),
                Markup.Escape(o.Role),
                o.Phase,
                Status(o.Status) + (o.Blocking ? "\nblocking" : ""),
                Due(o),
                Markup.Escape(o.Citation) + (o.Certainty != Certainty.Primary ? $"\n[yellow]{CertaintyName.Of(o.Certainty)}[/]" : ""));
        }
        console.Write(table);
    }

    private static string Due(ObligationResult o) =>
        Markup.Escape(o.DueDate ?? o.Due ?? "") + (o.Overdue is { } late ? $"\n[red]overdue {late.Days} {(late.Days == 1 ? "day" : "days")}[/]" : "");

    private static string Colour(Tri value) => value switch
    {
        Tri.True => "[bold]true[/]",
        Tri.False => "false",
        _ => "[yellow]unknown[/]",
    };

    private static string Status(ObligationStatus status) => status switch
    {
        ObligationStatus.Outstanding => "[red]outstanding[/]",
        ObligationStatus.Satisfied => "[green]satisfied[/]",
        _ => "[yellow]undetermined[/]",
    };
}
