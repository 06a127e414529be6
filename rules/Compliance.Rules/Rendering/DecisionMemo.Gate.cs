using System.Text;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

// A gated decision's answer to the CI question, before the duties: a job summary or a filed memo opens with whether
// the act may proceed, under which bills and with what standing, and which duties hold it back.
public static partial class DecisionMemo
{
    private static void GateDecision(StringBuilder memo, EvaluationResult result, DutyNumbers numbers)
    {
        if (result.Gate is not { } gate)
        {
            return;
        }
        memo.Append("## The gate: ").Append(gate.Allowed ? "allowed" : "blocked").Append("\n\n");
        memo.Append("**").Append(gate.Allowed ? "Allowed" : "Blocked").Append(":** the ").Append(MarkdownText.Escape(gate.Activity))
            .Append(' ').Append(gate.Allowed ? "may" : "may not").Append(" proceed (").Append(MarkdownText.Escape(gate.Reason)).Append(").\n\n");
        if (gate.Enforced.Count == 0)
        {
            memo.Append("No bill is enforced: none was named and none is in force on ").Append(result.AsOf).Append(".\n\n");
        }
        else
        {
            memo.Append(result.Selection == Packs.BillSelection.InForce ? $"Enforced, as the bills in force on {result.AsOf}:\n\n" : "Enforced, as named:\n\n");
            foreach (var key in gate.Enforced)
            {
                memo.Append("- ").Append(MarkdownText.Code(key));
                if (gate.EnforcedStatus?.GetValueOrDefault(key) is { } status)
                {
                    memo.Append(": ").Append(MarkdownText.Escape(status));
                }
                memo.Append('\n');
            }
            memo.Append('\n');
        }
        var holding = GateFinding.Of(result).Where(f => f.Fails).ToList();
        if (holding.Count == 0)
        {
            return;
        }
        memo.Append("| Duty holding it back | Citation | Status | Due |\n|---|---|---|---|\n");
        foreach (var f in holding)
        {
            memo.Append("| ").Append(numbers[f.Obligation]).Append(". ").Append(MarkdownText.Code(f.Obligation.Id)).Append(' ').Append(MarkdownText.Escape(f.Obligation.Title))
                .Append(" | ").Append(MarkdownText.Escape(f.Obligation.Citation))
                .Append(" | ").Append(f.Obligation.Status == ObligationStatus.Outstanding ? "outstanding" : "undetermined: needs " + string.Join(", ", f.Obligation.Needs.Select(MarkdownText.Code)))
                .Append(" | ").Append(MarkdownText.Escape(f.Obligation.DueDate ?? f.Obligation.Due ?? "")).Append(f.Obligation.Overdue is { } late ? $" (overdue {late.Days} {(late.Days == 1 ? "day" : "days")})" : "")
                .Append(" |\n");
        }
        memo.Append("\nOnce a duty is met, the manifest's `evidence` names it (`{ \"obligation\": \"<id>\", \"uri\": \"<where the proof is>\" }`).\n\n");
    }
}
