using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// A case of a bill that is (or was) law states its exact obligation list, possibly []: a case that checks only a
/// definition lets a duty appear or vanish unnoticed. And every id a case names must be one of the pack's.
/// </summary>
internal static class TestCaseCheck
{
    private static readonly string[] DutyLists = ["obligations", "outstanding", "satisfied", "undetermined", "upcoming"];

    public static IEnumerable<CheckFinding> Run(BillPack pack)
    {
        var law = pack.Status is BillStatus.Enacted or BillStatus.Revoked or BillStatus.Repealed;
        var duties = pack.Obligations.Select(o => o.LocalId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < pack.Tests.Count; i++)
        {
            var at = JsonPointer.Append("/tests", i) + "/expect";
            if (pack.Tests[i]["expect"] is not JsonObject expect)
            {
                continue;
            }
            var name = PackConditions.Text(pack.Tests[i]["name"]);
            if (law && expect["obligations"] is null && expect["error"] is null)
            {
                yield return new CheckFinding(CheckSeverity.Error, CheckRules.TestCases, at,
                    $"case '{name}' of a bill that is {pack.StatusName} law states no exact obligation list: add obligations: [...] (possibly [])");
            }
            foreach (var list in DutyLists)
            {
                var ids = expect[list] as JsonArray ?? [];
                for (var j = 0; j < ids.Count; j++)
                {
                    if (PackConditions.Text(ids[j]) is { } id && !duties.Contains(id))
                    {
                        yield return new CheckFinding(CheckSeverity.Error, CheckRules.TestCases, $"{at}/{list}/{j}", $"case '{name}' names {id}, which is not an obligation of this pack");
                    }
                }
            }
            foreach (var (id, _) in expect["dueDates"] as JsonObject ?? [])
            {
                if (!duties.Contains(id))
                {
                    yield return new CheckFinding(CheckSeverity.Error, CheckRules.TestCases, JsonPointer.Append(at + "/dueDates", id), $"case '{name}' names {id}, which is not an obligation of this pack");
                }
            }
            foreach (var (definition, _) in expect["definitions"] as JsonObject ?? [])
            {
                if (!pack.DefinitionsByName.ContainsKey(definition))
                {
                    yield return new CheckFinding(CheckSeverity.Error, CheckRules.TestCases, JsonPointer.Append(at + "/definitions", definition), $"case '{name}' names {definition}, which is not a definition of this pack");
                }
            }
        }
    }
}
