using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// The CI decision computed from an evaluation: an act is blocked by every blocking duty of an enforced bill that
/// attaches to it (or was due before training) and is still outstanding, and by undetermined ones unless allowed.
/// </summary>
internal static class Gate
{
    public static GateResult Decide(GateRequest request, IReadOnlyList<BillPack> packs, IReadOnlyList<BillResult> results)
    {
        var gated = request.GatedPhases.Select(Evaluator.Name).ToHashSet(StringComparer.Ordinal);
        var blocking = new List<string>();
        var undetermined = new List<string>();
        foreach (var bill in results.Where(b => request.Enforced.Contains($"{b.Bill}@{b.Version}")))
        {
            foreach (var o in bill.Obligations.Where(o => o.Blocking && o.Phases.Any(gated.Contains)))
            {
                var target = o.Status switch
                {
                    ObligationStatus.Outstanding => blocking,
                    ObligationStatus.Undetermined => undetermined,
                    _ => null,
                };
                if (target is not null && !target.Contains(o.Id))
                {
                    target.Add(o.Id);
                }
            }
        }
        var allowed = blocking.Count == 0 && (request.AllowUndetermined || undetermined.Count == 0);
        var enforced = packs.Select(p => p.Key).Where(request.Enforced.Contains).Order(StringComparer.Ordinal).ToList();
        var activity = Evaluator.Name(request.Activity switch
        {
            ActivityKind.Training => Phase.Training,
            ActivityKind.Release => Phase.Release,
            _ => Phase.Deployment,
        });
        return new GateResult
        {
            Activity = activity,
            Allowed = allowed,
            Blocking = blocking,
            Undetermined = undetermined,
            AllowUndetermined = request.AllowUndetermined,
            Enforced = enforced,
            EnforcedStatus = EnforcedStatus(results, enforced),
            Reason = Reason(allowed, blocking, undetermined, enforced, request.AllowUndetermined, activity),
        };
    }

    private static OrderedDictionary<string, string> EnforcedStatus(IReadOnlyList<BillResult> results, List<string> enforced)
    {
        var statuses = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in enforced)
        {
            if (results.FirstOrDefault(b => $"{b.Bill}@{b.Version}" == key) is { } bill)
            {
                statuses.TryAdd(key, bill.StatusText);
            }
        }
        return statuses;
    }

    private static string Reason(bool allowed, List<string> blocking, List<string> undetermined, List<string> enforced, bool allowUndetermined, string activity)
    {
        if (enforced.Count == 0)
        {
            return $"no enforced bill: nothing gates the {activity}";
        }
        if (allowed)
        {
            return undetermined.Count > 0 && allowUndetermined
                ? $"allowed: no outstanding blocking duty; {undetermined.Count} undetermined let through on request"
                : "allowed: every blocking duty is met or does not apply";
        }
        var parts = new List<string>();
        if (blocking.Count > 0)
        {
            parts.Add($"{Duties(blocking.Count)} outstanding");
        }
        if (undetermined.Count > 0 && !allowUndetermined)
        {
            parts.Add($"{Duties(undetermined.Count)} undetermined (the manifest lacks facts that would settle them)");
        }
        return "blocked: " + string.Join("; ", parts);
    }

    private static string Duties(int count) => count == 1 ? "1 blocking duty" : $"{count} blocking duties";
}
