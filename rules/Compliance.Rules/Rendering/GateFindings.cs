using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Rendering;

/// <summary>One duty as a CI report shows it: the obligation, the bill it comes from, and whether it holds the act back.</summary>
public sealed record GateFinding(BillResult Bill, ObligationResult Obligation, bool Fails)
{
    /// <summary>The reason a CI system prints: what is owed, under which section, and what is missing.</summary>
    public string Message => Obligation.Status switch
    {
        ObligationStatus.Outstanding => $"{Obligation.Title} ({Obligation.Citation}) is outstanding: {Obligation.Due ?? "no deadline given"}. Add evidence naming {Obligation.Id} to the manifest once met.",
        ObligationStatus.Undetermined => $"{Obligation.Title} ({Obligation.Citation}) may apply; the manifest lacks {string.Join(", ", Obligation.Needs)}.",
        _ => $"{Obligation.Title} ({Obligation.Citation}) is satisfied: {Obligation.Evidence}.",
    };

    /// <summary>The blocking duties of the enforced bills that the gated act depends on, each marked failing or not.</summary>
    public static IReadOnlyList<GateFinding> Of(EvaluationResult result)
    {
        var gate = result.Gate ?? throw new ArgumentException("the result carries no gate decision", nameof(result));
        var failing = gate.Blocking.Concat(gate.AllowUndetermined ? [] : gate.Undetermined).ToHashSet(StringComparer.Ordinal);
        var gated = GateRequest.PhasesGating(Enum.Parse<ActivityKind>(gate.Activity, ignoreCase: true))
            .Select(PhaseName.Of).ToHashSet(StringComparer.Ordinal);
        return result.Bills
            .Where(b => gate.Enforced.Contains($"{b.Bill}@{b.Version}"))
            .SelectMany(b => b.Obligations.Where(o => o.Blocking && o.Phases.Any(gated.Contains)).Select(o => new GateFinding(b, o, failing.Contains(o.Id))))
            .ToList();
    }
}
