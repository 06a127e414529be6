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
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new InvalidInputException("Bad date", "--as-of", $"'{text}' is not a date (YYYY-MM-DD)");
        }
        // The service's range (AsOfRange in the API): deadlines are computed from the dates an evaluation reads.
        return date.Year is >= 1000 and <= 9000
            ? date
            : throw new InvalidInputException("Bad date", "--as-of", $"'{text}' is outside the dates a decision can be made as of, 1000-01-01 to 9000-12-31");
    }

    public static IReadOnlyList<BillPack> ResolveBills(string[]? names) =>
        names is null || names.Length == 0 ? BillCatalog.Bundled.Defaults.ToList() : BillCatalog.Bundled.Resolve(names, "--bill");
}
