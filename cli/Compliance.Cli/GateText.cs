using System.Text;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Cli;

/// <summary>
/// The gate's text report: the decision, each enforced bill with its standing in words, then each blocking duty
/// that fails, with its citation, status, due date and what it needs. Written as plain lines rather than through
/// Spectre.Console's table, because the gate runs once per CI job from a cold start: the table's first use compiled
/// some 300 generic methods that ReadyToRun cannot precompile, about 200 ms of a 500 ms run (bench/README.md), and a
/// CI log shows plain lines better than a box drawn for a terminal's width.
/// </summary>
internal static class GateText
{
    public static string Render(EvaluationResult result, bool colour)
    {
        var paint = new Paint(colour);
        var gate = result.Gate!;
        var text = new StringBuilder();
        text.Append(gate.Allowed ? paint.Green("ALLOWED") : paint.Red("BLOCKED"))
            .Append($" {gate.Activity} of {result.ManifestId}: {gate.Reason}\n");
        if (gate.Enforced.Count == 0)
        {
            text.Append($"  enforced: (none: no named bill, and none in force on {result.AsOf})\n");
        }
        else
        {
            // A gate may enforce a bill that is not law (an organisation following a vetoed bill): say so beside each.
            text.Append(result.Selection == BillSelection.InForce ? $"  enforced (in force on {result.AsOf}):\n" : "  enforced (named):\n");
            foreach (var key in gate.Enforced)
            {
                var status = gate.EnforcedStatus?.GetValueOrDefault(key);
                text.Append($"    {key}").Append(status is null ? "" : "  " + paint.Grey(status)).Append('\n');
            }
        }
        var findings = GateFinding.Of(result).Where(f => f.Fails).ToList();
        if (findings.Count == 0)
        {
            return text.ToString();
        }
        text.Append("  blocking duties:\n");
        foreach (var duty in findings.Select(f => f.Obligation))
        {
            text.Append($"    {paint.Bold(duty.Id)}  {Status(paint, duty.Status)}")
                .Append(duty.Needs.Count > 0 ? $", needs {string.Join(", ", duty.Needs)}" : "").Append('\n')
                .Append($"      {duty.Title}\n")
                .Append($"      {duty.Citation}");
            if ((duty.DueDate ?? duty.Due) is { } due)
            {
                text.Append($"; due {due}");
            }
            if (duty.Overdue is { } late)
            {
                text.Append(", ").Append(paint.Red($"overdue {late.Days} {(late.Days == 1 ? "day" : "days")}"));
            }
            text.Append('\n');
        }
        text.Append(paint.Grey("  Once a duty is met, add it to the manifest's evidence: { \"obligation\": \"<id>\", \"uri\": \"<where the proof is>\" }.")).Append('\n');
        return text.ToString();
    }

    /// <summary>Colour on a terminal only, and never when NO_COLOR is set (no-color.org) or the terminal is dumb.</summary>
    public static bool ColourFor(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    private static string Status(Paint paint, ObligationStatus status) => status switch
    {
        ObligationStatus.Outstanding => paint.Red("outstanding"),
        ObligationStatus.Satisfied => paint.Green("satisfied"),
        _ => paint.Yellow("undetermined"),
    };

    /// <summary>ANSI styles (SGR codes), or the text as it is.</summary>
    private readonly record struct Paint(bool On)
    {
        public string Bold(string s) => Sgr("1", s);
        public string Red(string s) => Sgr("1;31", s);
        public string Green(string s) => Sgr("1;32", s);
        public string Yellow(string s) => Sgr("33", s);
        public string Grey(string s) => Sgr("90", s);
        private string Sgr(string code, string s) => On ? $"\u001b[{code}m{s}\u001b[0m" : s;
    }
}
