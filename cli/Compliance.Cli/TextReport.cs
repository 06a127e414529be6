using Compliance.Rules.Evaluation;
using Compliance.Rules.Rendering;
using Spectre.Console;

namespace Compliance.Cli;

/// <summary>The terminal view: activities with their reasons, then per bill a table of what is owed. Colour only on a terminal.</summary>
internal static class TextReport
{
    public static void Evaluation(IAnsiConsole console, EvaluationResult result)
    {
        console.MarkupLine($"[bold]{Markup.Escape(result.ManifestId)}[/] as of {result.AsOf}  [grey]{result.ManifestDigest}[/]");
        foreach (var activity in result.Activities)
        {
            var what = activity.Activity.ToString().ToLowerInvariant() + (activity.Scope is { } scope ? $" ({scope})" : "") + (activity.Deployment is { } d ? $" {d}" : "");
            console.MarkupLine($"  [blue]{Markup.Escape(what)}[/]: {Markup.Escape(activity.Because)}");
        }
        foreach (var bill in result.Bills)
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(bill.Bill)}@{Markup.Escape(bill.Version)}[/] {Markup.Escape(bill.Title)} [grey]({bill.Status}, {(bill.InForce ? "in force" : "not in force")} on {result.AsOf})[/]");
            console.MarkupLine("  " + string.Join("   ", bill.Definitions.Select(d => $"{Markup.Escape(d.Key)}: {Colour(d.Value.Value)}"
                + (d.Value.Needs.Count > 0 ? $" [grey](needs {Markup.Escape(string.Join(", ", d.Value.Needs))})[/]" : ""))));
            if (bill.Obligations.Count == 0)
            {
                console.MarkupLine("  [green]no obligations[/]");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("obligation", "phase", "status", "blocks", "due", "citation");
                foreach (var o in bill.Obligations)
                {
                    table.AddRow(
                        Markup.Escape(o.Id + (o.Deployment is { } dep ? $" [{dep}]" : "")),
                        o.Phase,
                        Status(o.Status) + (o.Needs.Count > 0 ? $"\n[grey]needs {Markup.Escape(string.Join(", ", o.Needs))}[/]" : ""),
                        o.Blocking ? "yes" : "",
                        Markup.Escape(o.DueDate ?? o.Due ?? ""),
                        Markup.Escape(o.Citation));
                }
                console.Write(table);
            }
            foreach (var u in bill.Upcoming)
            {
                console.MarkupLine($"  [grey]from {u.AppliesFrom}: {Markup.Escape(u.Id)} ({Markup.Escape(u.Citation)})[/]");
            }
        }
    }

    public static void Gate(IAnsiConsole console, EvaluationResult result)
    {
        var gate = result.Gate!;
        console.MarkupLine(gate.Allowed
            ? $"[green bold]ALLOWED[/] {gate.Activity} of {Markup.Escape(result.ManifestId)}: {Markup.Escape(gate.Reason)}"
            : $"[red bold]BLOCKED[/] {gate.Activity} of {Markup.Escape(result.ManifestId)}: {Markup.Escape(gate.Reason)}");
        console.MarkupLine($"  enforced: {Markup.Escape(gate.Enforced.Count == 0 ? "(none: no named bill, and none in force on " + result.AsOf + ")" : string.Join(", ", gate.Enforced))}");
        var findings = GateFinding.Of(result).Where(f => f.Fails).ToList();
        if (findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("blocking duty", "citation", "status", "due");
            foreach (var f in findings)
            {
                table.AddRow(
                    $"{Markup.Escape(f.Obligation.Id)}\n[grey]{Markup.Escape(f.Obligation.Title)}[/]",
                    Markup.Escape(f.Obligation.Citation),
                    Status(f.Obligation.Status) + (f.Obligation.Needs.Count > 0 ? $"\n[grey]needs {Markup.Escape(string.Join(", ", f.Obligation.Needs))}[/]" : ""),
                    Markup.Escape(f.Obligation.DueDate ?? f.Obligation.Due ?? ""));
            }
            console.Write(table);
            console.MarkupLine("[grey]Once a duty is met, add it to the manifest's evidence: { \"obligation\": \"<id>\", \"uri\": \"<where the proof is>\" }.[/]");
        }
    }

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
