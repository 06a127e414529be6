using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// A duty no combination of facts makes owed is a mistake in the pack (two conditions that exclude each other, a
/// threshold on the wrong side), as is a duty that attaches only to acts the bill does not regulate. Found by trying
/// every combination (<see cref="ConditionSpace"/>); a definition that is never true is worth a look too.
/// </summary>
internal static class NeverTrueCheck
{
    public static IEnumerable<CheckFinding> Run(BillPack pack, ConditionSpace space)
    {
        for (var i = 0; i < pack.Obligations.Count; i++)
        {
            var obligation = pack.Obligations[i];
            var at = JsonPointer.Append("/obligations", i);
            if (!obligation.Phases.Any(phase => phase is Phase.Incident or Phase.Periodic || pack.Regulates.Contains(phase)))
            {
                yield return new CheckFinding(CheckSeverity.Error, CheckRules.NeverTrue, at + "/phase",
                    $"{obligation.LocalId} attaches to {string.Join(", ", obligation.PhaseNames)}, which the bill does not regulate (regulates: {string.Join(", ", pack.Regulates.Select(PhaseName.Of))}): it is never owed");
                continue;
            }
            switch (space.CanBe(obligation.When, Tri.True))
            {
                case false:
                    var undetermined = space.CanBe(obligation.When, Tri.Unknown) == true;
                    yield return new CheckFinding(CheckSeverity.Error, CheckRules.NeverTrue, at + "/when",
                        $"{obligation.LocalId} is never owed: no combination of facts makes its condition true{(undetermined ? " (at most undetermined)" : "")}");
                    break;
                case null:
                    yield return TooMany(at + "/when", obligation.LocalId);
                    break;
            }
        }
        foreach (var definition in pack.Definitions)
        {
            var at = JsonPointer.Append("/definitions", definition.Name);
            switch (space.CanBe(definition.When, Tri.True))
            {
                case false:
                    yield return new CheckFinding(CheckSeverity.Warning, CheckRules.NeverTrue, at + "/when",
                        $"{definition.Name} is never true: no combination of facts makes its condition true");
                    break;
                case null:
                    yield return TooMany(at + "/when", definition.Name);
                    break;
            }
        }
    }

    private static CheckFinding TooMany(string at, string name) => new(CheckSeverity.Warning, CheckRules.NeverTrue, at,
        $"{name}: more combinations of facts than the check tries ({ConditionSpace.Budget:N0} for one condition, {ConditionSpace.PackBudget:N0} for a pack); whether its condition can be true was not checked");
}
