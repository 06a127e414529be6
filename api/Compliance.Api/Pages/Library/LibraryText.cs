using System.Globalization;
using System.Text;
using Compliance.Rules.Corpus;
using Compliance.Rules.Packs;
using Microsoft.AspNetCore.Components;

namespace Compliance.Api.Pages.Library;

/// <summary>How the bills and analysis pages write numbers, dates and names: as a reader of the statute would.</summary>
internal static class LibraryText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    public static string Day(DateOnly? date) => date is { } d ? Day(d) : "";

    /// <summary>
    /// A threshold as the statute writes it: 10^26 operations in powers of ten (marked up, with the plain number for
    /// copying in the title), revenues in grouped digits, fractions as they are.
    /// </summary>
    public static MarkupString Number(double value)
    {
        var plain = Plain(value);
        if (Math.Abs(value) >= 1e10 && double.IsFinite(value))
        {
            var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
            var mantissa = value / Math.Pow(10, exponent);
            var m = Math.Round(mantissa, 3);
            var head = m == 1 ? "" : m == -1 ? "−" : m.ToString("0.###", Invariant) + " × ";
            return new MarkupString($"<span class=\"num\" title=\"{plain}\">{head}10<sup>{exponent}</sup></span>");
        }
        var text = value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("#,0", Invariant) : value.ToString("G6", Invariant);
        return new MarkupString($"<span class=\"num\">{text}</span>");
    }

    /// <summary>The number as a form field or a query string takes it back: 1e+26 written 1e26.</summary>
    public static string Plain(double value) => value.ToString("R", Invariant).Replace("E+", "e", StringComparison.Ordinal).Replace("E-", "e-", StringComparison.Ordinal);

    public static string Words(string name) => name.Replace('-', ' ').Replace('_', ' ');

    public static string Certainty(Certainty certainty) => CertaintyName.Of(certainty);

    /// <summary>What each certainty means, for the badge's title and the legend.</summary>
    public static string CertaintyMeaning(Certainty certainty) => certainty switch
    {
        Rules.Packs.Certainty.Secondary => "read in a secondary source only (a law firm's note, a tracker, a commentary)",
        Rules.Packs.Certainty.Unsettled => "the text is ambiguous or disputed: the pack encodes one reading",
        _ => "read in the enacted or official text",
    };

    /// <summary>A corpus model's name for an id, or the id when the model is not in the corpus.</summary>
    public static string ModelName(string id) => Models.Value.TryGetValue(id, out var name) ? name : id;

    private static readonly Lazy<Dictionary<string, string>> Models = new(() =>
        ReferenceCorpus.Bundled.Entries.ToDictionary(e => e.Manifest.Id, e => e.Manifest.Name ?? e.Manifest.Id, StringComparer.Ordinal));

    /// <summary>A query string from pairs, skipping empty values.</summary>
    public static string Query(string path, params (string Name, string? Value)[] pairs)
    {
        var query = new StringBuilder(path);
        var first = true;
        foreach (var (name, value) in pairs)
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            query.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return query.ToString();
    }
}
