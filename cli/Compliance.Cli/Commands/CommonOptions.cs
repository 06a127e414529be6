using System.CommandLine;
using System.Globalization;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Commands;

/// <summary>The options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Bills() => new("--bill", "-b")
    {
        Description = "A bill to evaluate, as ID or ID@VERSION; repeat for several. Default: every bundled bill.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> AsOf() => new("--as-of")
    {
        Description = "Evaluate as of this date (YYYY-MM-DD). Default: today (UTC).",
    };

    public static DateOnly ParseAsOf(string? text)
    {
        if (text is null)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow);
        }
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException("Bad date", "--as-of", $"'{text}' is not a date (YYYY-MM-DD)");
    }

    public static IReadOnlyList<BillPack> ResolveBills(string[]? names) =>
        names is null || names.Length == 0 ? BillCatalog.Bundled.Defaults.ToList() : BillCatalog.Bundled.Resolve(names, "--bill");
}
