using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>Where a condition stands: in a definition or an obligation (or one of its transitions), with that text's own words.</summary>
internal sealed record ConditionOwner(string Pointer, string Name, string? Title, string? Description);

/// <summary>A comparison of a fact with a parameter, as written in the pack, with its JSON Pointer (to the operator).</summary>
internal sealed record ParameterComparison(string Pointer, ConditionOwner Owner, string Fact, ComparisonOperator Operator, string Parameter);

/// <summary>The conditions of a pack's document, walked with their pointers, for checks that report where a thing is written.</summary>
internal static class PackConditions
{
    public static IEnumerable<ParameterComparison> ParameterComparisons(JsonObject document)
    {
        foreach (var (owner, pointer, condition) in Conditions(document))
        {
            foreach (var found in Comparisons(condition, pointer, owner, document["readings"] as JsonObject))
            {
                yield return found;
            }
        }
    }

    /// <summary>Each top-level condition: every definition's, every obligation's and every transition's.</summary>
    public static IEnumerable<(ConditionOwner Owner, string Pointer, JsonNode? Condition)> Conditions(JsonObject document)
    {
        foreach (var (name, node) in document["definitions"] as JsonObject ?? [])
        {
            var at = JsonPointer.Append("/definitions", name);
            var owner = new ConditionOwner(at, name, Text(node?["title"]), Text(node?["description"]));
            yield return (owner, at + "/when", node?["when"]);
        }
        var obligations = document["obligations"] as JsonArray ?? [];
        for (var i = 0; i < obligations.Count; i++)
        {
            var node = obligations[i];
            var at = JsonPointer.Append("/obligations", i);
            var owner = new ConditionOwner(at, Text(node?["id"]) ?? "", Text(node?["title"]), Text(node?["description"]));
            if (node?["when"] is { } when)
            {
                yield return (owner, at + "/when", when);
            }
            var transitions = node?["transitions"] as JsonArray ?? [];
            for (var t = 0; t < transitions.Count; t++)
            {
                yield return (owner, $"{at}/transitions/{t}/when", transitions[t]?["when"]);
            }
        }
    }

    private static IEnumerable<ParameterComparison> Comparisons(JsonNode? node, string at, ConditionOwner owner, JsonObject? readings)
    {
        if (node is not JsonObject condition)
        {
            yield break;
        }
        // A branch that holds only under another reading than the pack's default follows that reading's words, not the
        // text's (SB 1047's "at least" reading of § 22602(i)): its operator is the reading's, not the description's.
        if (condition["all"] is JsonArray guarded && guarded.Any(item => UnderOtherReading(item, readings)))
        {
            yield break;
        }
        foreach (var (key, value) in condition)
        {
            switch (key, value)
            {
                case ("all" or "any", JsonArray items):
                    for (var i = 0; i < items.Count; i++)
                    {
                        foreach (var found in Comparisons(items[i], $"{at}/{key}/{i}", owner, readings))
                        {
                            yield return found;
                        }
                    }
                    break;
                case ("not", _):
                    foreach (var found in Comparisons(value, at + "/not", owner, readings))
                    {
                        yield return found;
                    }
                    break;
                case (_, JsonValue operand) when Text(condition["fact"]) is { } fact && operand.GetValueKind() == JsonValueKind.String
                    && operand.GetValue<string>() is ['$', .. var parameter] && Enum.TryParse<ComparisonOperator>(key, ignoreCase: true, out var op):
                    yield return new ParameterComparison($"{at}/{key}", owner, fact, op, parameter);
                    break;
            }
        }
    }

    private static bool UnderOtherReading(JsonNode? item, JsonObject? readings) =>
        item is JsonObject { Count: 2 } r && Text(r["reading"]) is { } name && Text(r["is"]) is { } option
        && Text(readings?[name]?["default"]) is { } preferred && option != preferred;

    public static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
