using System.Globalization;
using System.Text.Json.Nodes;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Testing;

public sealed record PackTestResult(string Pack, string Name, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>
/// Runs the test cases a pack ships: each evaluates its manifest against the pack alone and checks the
/// classifications and obligations it expects. This is how a pack author works, in CI and at the desk.
/// </summary>
public static class PackTestRunner
{
    public static IReadOnlyList<PackTestResult> Run(BillPack pack) =>
        pack.Tests.Select((test, i) => RunCase(pack, test, i)).ToList();

    public static PackTestResult RunCase(BillPack pack, JsonObject test, int index)
    {
        var name = test["name"]!.GetValue<string>();
        var expect = test["expect"]!.AsObject();
        var failures = new List<string>();
        var at = $"/tests/{index}";
        EvaluationResult result;
        try
        {
            var registry = (test["registry"]?.AsArray() ?? []).Select((m, i) => ManifestJson.Read(m!, $"{at}/registry/{i}"))
                .ToDictionary(m => m.Id, StringComparer.Ordinal);
            var manifest = ManifestJson.Read(test["manifest"]!, at + "/manifest");
            var artifact = LineageResolver.Resolve(manifest, registry.GetValueOrDefault);
            var asOf = DateOnly.ParseExact(test["asOf"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var readings = Readings(test, pack, at);
            result = Evaluator.Evaluate(artifact, [pack], new EvaluationOptions { AsOf = asOf, Readings = readings });
        }
        catch (InvalidInputException e)
        {
            var expected = expect["error"]?.GetValue<string>();
            if (expected is null || !e.Message.Contains(expected, StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"evaluation failed: {e.Message}");
            }
            return new PackTestResult(pack.Key, name, failures);
        }
        if (expect["error"] is { } error)
        {
            failures.Add($"expected an error containing '{error}', but the evaluation succeeded");
        }
        Check(expect, result, result.Bills[0], pack, failures);
        return new PackTestResult(pack.Key, name, failures);
    }

    /// <summary>The case's choice of readings, checked as a request's would be.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>>? Readings(JsonObject test, BillPack pack, string at)
    {
        if (test["readings"] is not JsonObject chosen)
        {
            return null;
        }
        var byBill = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal)
        {
            [pack.Id] = chosen.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal),
        };
        var errors = ReadingChoices.Check(byBill, [pack], at + "/readings").ToList();
        return errors.Count > 0 ? throw new InvalidInputException("The case's readings are invalid", errors) : byBill;
    }

    private static void Check(JsonObject expect, EvaluationResult result, BillResult bill, BillPack pack, List<string> failures)
    {
        if (expect["inForce"] is { } inForce && inForce.GetValue<bool>() != bill.InForce)
        {
            failures.Add($"inForce: expected {inForce}, got {bill.InForce.ToString().ToLowerInvariant()}");
        }
        if (expect["activities"] is JsonArray activities)
        {
            SameSet("activities", Strings(activities), result.Activities.Select(a => a.Activity.ToString().ToLowerInvariant()), failures);
        }
        foreach (var (definition, value) in expect["definitions"]?.AsObject() ?? [])
        {
            var actual = bill.Definitions.TryGetValue(definition, out var d) ? d.Value.Text() : "(no such definition)";
            if (actual != value!.GetValue<string>())
            {
                failures.Add($"definition {definition}: expected {value}, got {actual}{Needs(d)}");
            }
        }
        var prefix = pack.Id + "/";
        string Local(string id) => id.StartsWith(prefix, StringComparison.Ordinal) ? id[prefix.Length..] : id;
        if (expect["obligations"] is JsonArray obligations)
        {
            SameSet("obligations", Strings(obligations), bill.Obligations.Select(o => Local(o.Id)), failures);
        }
        foreach (var (key, status) in new[] { ("outstanding", ObligationStatus.Outstanding), ("satisfied", ObligationStatus.Satisfied), ("undetermined", ObligationStatus.Undetermined) })
        {
            foreach (var id in Strings(expect[key] as JsonArray))
            {
                var listed = bill.Obligations.Where(o => Local(o.Id) == id).ToList();
                if (listed.Count == 0)
                {
                    failures.Add($"{id}: expected {key}, but it is not listed");
                }
                else if (listed.Any(o => o.Status != status))
                {
                    failures.Add($"{id}: expected {key}, got {string.Join(", ", listed.Select(o => o.Status.ToString().ToLowerInvariant()))}");
                }
            }
        }
        if (expect["upcoming"] is JsonArray upcoming)
        {
            SameSet("upcoming", Strings(upcoming), bill.Upcoming.Select(u => Local(u.Id)), failures);
        }
        var allNeeds = bill.Definitions.Values.SelectMany(d => d.Needs).Concat(bill.Obligations.SelectMany(o => o.Needs)).ToHashSet(StringComparer.Ordinal);
        foreach (var need in Strings(expect["needs"] as JsonArray))
        {
            if (!allNeeds.Contains(need))
            {
                failures.Add($"needs: expected '{need}' among [{string.Join(", ", allNeeds)}]");
            }
        }
        foreach (var (id, date) in expect["dueDates"]?.AsObject() ?? [])
        {
            var actual = bill.Obligations.FirstOrDefault(o => Local(o.Id) == id)?.DueDate ?? "(none)";
            if (actual != date!.GetValue<string>())
            {
                failures.Add($"{id} dueDate: expected {date}, got {actual}");
            }
        }
    }

    private static string Needs(DefinitionResult? d) => d is { Needs.Count: > 0 } ? $" (needs {string.Join(", ", d.Needs)})" : "";

    private static IEnumerable<string> Strings(JsonArray? array) => array?.Select(n => n!.GetValue<string>()) ?? [];

    private static void SameSet(string what, IEnumerable<string> expected, IEnumerable<string> actual, List<string> failures)
    {
        var e = expected.ToHashSet(StringComparer.Ordinal);
        var a = actual.ToHashSet(StringComparer.Ordinal);
        var missing = e.Except(a).Order(StringComparer.Ordinal).ToList();
        var extra = a.Except(e).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            failures.Add($"{what}: missing {string.Join(", ", missing)}");
        }
        if (extra.Count > 0)
        {
            failures.Add($"{what}: unexpected {string.Join(", ", extra)}");
        }
    }
}
