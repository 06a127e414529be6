using System.CommandLine;
using System.Globalization;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Commands;

/// <summary>The options several commands share, and the way each turns bad input into exit code 2.</summary>
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

    /// <summary>Runs a command body; input errors become one line per error on stderr and exit code 2, never a stack trace.</summary>
    public static int Guard(string what, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InvalidInputException e)
        {
            Console.Error.WriteLine($"error: {what}: {e.Title}");
            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine($"  {(error.Pointer.Length == 0 ? "" : error.Pointer + ": ")}{error.Message}");
            }
            return ExitCodes.CouldNotEvaluate;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {what}: {e.Message}");
            return ExitCodes.CouldNotEvaluate;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"error: {what}: {e.Message}");
            return ExitCodes.CouldNotEvaluate;
        }
    }
}
