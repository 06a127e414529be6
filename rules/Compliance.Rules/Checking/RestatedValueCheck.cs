using System.Globalization;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Checking;

/// <summary>
/// A text that writes out the value of a parameter its condition reads ("more than 10^26 operations") goes stale in
/// a variant that overrides it; naming the parameter ("more than {frontier_compute_flop} operations") does not.
/// </summary>
internal static class RestatedValueCheck
{
    public static IEnumerable<CheckFinding> Run(BillPack pack)
    {
        foreach (var parameter in pack.Parameters)
        {
            var at = JsonPointer.Append("/parameters", parameter.Name) + "/description";
            if (Restates(PackConditions.Text(pack.Document["parameters"]?[parameter.Name]?["description"]), parameter) is { } written)
            {
                yield return Finding(at, parameter, written);
            }
        }
        foreach (var definition in pack.Definitions)
        {
            var node = pack.Document["definitions"]?[definition.Name];
            foreach (var finding in Texts(JsonPointer.Append("/definitions", definition.Name), node, definition.Parameters, pack))
            {
                yield return finding;
            }
        }
        for (var i = 0; i < pack.Obligations.Count; i++)
        {
            var node = pack.Document["obligations"]?[i];
            foreach (var finding in Texts(JsonPointer.Append("/obligations", i), node, pack.Obligations[i].Parameters, pack))
            {
                yield return finding;
            }
        }
    }

    private static IEnumerable<CheckFinding> Texts(string at, System.Text.Json.Nodes.JsonNode? node, IReadOnlyList<string> parameters, BillPack pack)
    {
        foreach (var field in Fields)
        {
            var text = PackConditions.Text(node?[field]);
            foreach (var name in parameters)
            {
                if (pack.ParametersByName.TryGetValue(name, out var parameter) && Restates(text, parameter) is { } written)
                {
                    yield return Finding($"{at}/{field}", parameter, written);
                    break;
                }
            }
        }
    }

    private static readonly string[] Fields = ["title", "description"];

    private static CheckFinding Finding(string at, Parameter parameter, string written) => new(CheckSeverity.Warning, CheckRules.RestatedValue, at,
        $"writes out ${parameter.Name}'s value ({written}); write {{{parameter.Name}}} so that a variant's text states its own value");

    /// <summary>The spelling of the parameter's value the text uses, if any: as the pack would write it, or the usual short forms.</summary>
    private static string? Restates(string? text, Parameter parameter)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return Spellings(parameter).FirstOrDefault(s => Contains(text, s));
    }

    private static IEnumerable<string> Spellings(Parameter parameter)
    {
        var value = parameter.Value;
        yield return Unit.Format(value, parameter.Unit);
        if (parameter.Unit is Unit.Flop or Unit.OpsPerSecond && value >= 1e6)
        {
            yield return value.ToString("0.##e0", CultureInfo.InvariantCulture);
            yield return Unit.Format(value, parameter.Unit).Replace(" × ", "x", StringComparison.Ordinal);
        }
        if (parameter.Unit == Unit.Usd && value >= 1e6)
        {
            yield return value % 1e9 == 0 ? $"${(value / 1e9).ToString(CultureInfo.InvariantCulture)}B" : $"${(value / 1e6).ToString(CultureInfo.InvariantCulture)}M";
        }
    }

    /// <summary>The spelling as a whole number: "10^26" is not found in "10^265", nor "$100M" in "$100Million".</summary>
    private static bool Contains(string text, string spelling)
    {
        for (var at = text.IndexOf(spelling, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(spelling, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + spelling.Length;
            var before = at == 0 || !char.IsDigit(text[at - 1]) && text[at - 1] != '^';
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]) && !(text[end] == ',' && end + 1 < text.Length && char.IsDigit(text[end + 1]));
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }
}
