using Compliance.Rules.Evaluation;
using Compliance.Rules.Facts;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Rendering;

/// <summary>A manifest field the bills need and the manifest leaves out, with what each bill would decide with it.</summary>
public sealed record NeededFact(string Field, string? Of, string? Meaning, IReadOnlyList<NeededBy> By)
{
    /// <summary>The field as a reader finds it: the artifact's own (training.computeFlop), or a base's (meta/x: training.computeFlop).</summary>
    public string Name => Of is null ? Field : $"{Of}: {Field}";
}

/// <summary>One bill's use of a missing fact: the definitions it cannot decide and the duties it cannot settle without it.</summary>
public sealed record NeededBy(string Bill, string BillName, IReadOnlyList<string> Definitions, IReadOnlyList<string> Duties)
{
    /// <summary>The bill's status in words when it is not in force on the date asked about (vetoed, not yet in force).</summary>
    public string? NotInForce { get; init; }

    private const int DutiesNamed = 3;

    /// <summary>"SB 53 needs it to decide whether these hold: frontier model, frontier developer."</summary>
    public string Sentence
    {
        get
        {
            var parts = new List<string>();
            if (Definitions.Count > 0)
            {
                parts.Add($"whether {(Definitions.Count == 1 ? "this holds" : "these hold")}: {string.Join(", ", Definitions)}");
            }
            if (Duties.Count > 0)
            {
                var owed = Duties.Count == 1 ? "a duty is owed" : $"{Duties.Count} duties are owed";
                parts.Add(Definitions.Count > 0
                    ? $"whether {owed}"
                    : $"whether {owed}: {string.Join("; ", Duties.Take(DutiesNamed))}{(Duties.Count > DutiesNamed ? $"; and {Duties.Count - DutiesNamed} more" : "")}");
            }
            return $"{BillName}{(NotInForce is null ? "" : $" ({NotInForce})")} needs it to decide {string.Join("; and ", parts)}.";
        }
    }
}

/// <summary>
/// What the bills still need to know, read from an evaluation: every fact an undetermined definition or duty names,
/// as the manifest field to fill in, with the definitions and duties each would settle. The importers print it and the
/// answer page shows it, so a user knows what to find out and why.
/// </summary>
public static class NeededFacts
{
    private sealed class Uses
    {
        public List<string> Definitions { get; } = [];
        public List<string> Duties { get; } = [];
    }

    /// <param name="packOf">The pack a bill result was evaluated under, for its definitions' titles; null to name them by id.</param>
    public static IReadOnlyList<NeededFact> Of(EvaluationResult result, Func<BillResult, BillPack?> packOf)
    {
        // Facts and bills in the order first met: the order the bills and their definitions are listed in.
        var needed = new OrderedDictionary<(string? Of, string Field), OrderedDictionary<string, (BillResult Bill, Uses Uses)>>();
        Uses UsesOf(string need, string? deployment, BillResult bill)
        {
            var key = Locate(need, deployment);
            if (!needed.TryGetValue(key, out var byBill))
            {
                needed[key] = byBill = [];
            }
            var billKey = $"{bill.Bill}@{bill.Version}";
            if (!byBill.TryGetValue(billKey, out var uses))
            {
                byBill[billKey] = uses = (bill, new Uses());
            }
            return uses.Uses;
        }
        foreach (var bill in result.Bills)
        {
            var pack = packOf(bill);
            foreach (var (name, definition) in bill.Definitions)
            {
                foreach (var need in definition.Value == Tri.Unknown ? definition.Needs : [])
                {
                    AddOnce(UsesOf(need, null, bill).Definitions, Lower(pack?.DefinitionsByName.GetValueOrDefault(name)?.Title ?? name.Replace('_', ' ')));
                }
            }
            foreach (var duty in bill.Obligations.Where(o => o.Status == ObligationStatus.Undetermined))
            {
                foreach (var need in duty.Needs)
                {
                    AddOnce(UsesOf(need, duty.Deployment, bill).Duties, duty.Title);
                }
            }
        }
        // The artifact's own facts first, then its bases'.
        return needed
            .OrderBy(n => n.Key.Of is not null)
            .Select(n => new NeededFact(n.Key.Field, n.Key.Of, FactCatalog.All.GetValueOrDefault(n.Key.Field)?.Description,
                [.. n.Value.Values.Select(b => new NeededBy(b.Bill.Bill, BillName(b.Bill.Title), b.Uses.Definitions, b.Uses.Duties)
                {
                    NotInForce = b.Bill.InForce ? null : b.Bill.StatusText,
                })]))
            .ToList();
    }

    /// <summary>
    /// The manifest field a need names, and the base it belongs to: a base's need reads "BASE: FIELD"; a deployment
    /// duty's "deployment.X" is that deployment's field, and "deployments.X" (a union over them) each deployment's.
    /// </summary>
    private static (string? Of, string Field) Locate(string need, string? deployment)
    {
        string? of = null;
        var colon = need.IndexOf(": ", StringComparison.Ordinal);
        if (colon >= 0)
        {
            (of, need) = (need[..colon], need[(colon + 2)..]);
        }
        const string One = "deployment.", Every = "deployments.";
        var field = need switch
        {
            _ when need.StartsWith(One, StringComparison.Ordinal) => $"deployments[{deployment}].{need[One.Length..]}",
            "deployments.channels" => "deployments[].channel",
            _ when need.StartsWith(Every, StringComparison.Ordinal) => $"deployments[].{need[Every.Length..]}",
            _ => need,
        };
        return (of, field);
    }

    private static void AddOnce(List<string> list, string item)
    {
        if (!list.Contains(item, StringComparer.Ordinal))
        {
            list.Add(item);
        }
    }

    /// <summary>A title inside a sentence: "Frontier model" becomes "frontier model"; "GPAI model" stays.</summary>
    private static string Lower(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && char.IsLower(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;

    /// <summary>
    /// A bill's name as a sentence uses it: the bill number its title ends with ("… Act (SB 53)": SB 53), else the
    /// title up to its first aside ("EU Artificial Intelligence Act (Regulation …), GPAI …": EU Artificial Intelligence Act).
    /// </summary>
    public static string BillName(string title)
    {
        var open = title.LastIndexOf(" (", StringComparison.Ordinal);
        if (title.EndsWith(')') && open > 0)
        {
            var aside = title[(open + 2)..^1];
            if (aside.Length <= 30 && aside.Length > 3 && char.IsAsciiLetterUpper(aside[0]) && char.IsAsciiLetterUpper(aside[1])
                && aside.Split(' ', 2) is [_, var rest] && rest.Length > 0 && char.IsAsciiDigit(rest[0]))
            {
                return aside;
            }
        }
        var cut = title.IndexOfAny(['(', ',']);
        return (cut > 0 ? title[..cut] : title).Trim();
    }
}
