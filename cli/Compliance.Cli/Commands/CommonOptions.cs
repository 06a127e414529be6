using System.CommandLine;
using System.Globalization;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Commands;

/// <summary>The options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Bills() => new("--bill", "-b")
    {
        Description = "A bill to evaluate, as ID or ID@VERSION, or the path of a pack file (a draft, or a variant that extends a bill), "
            + "whatever its status; repeat for several; 'all' for every bill. Default: the bills in force on --as-of.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a parameter for this run: BILL.PARAMETER=VALUE, e.g. us-ca-sb1047.covered_compute_flop=1e25 "
            + "(BILL as given to --bill, or a draft's id); repeat for several.",
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

    public static Option<string[]> Readings() => new("--reading")
    {
        Description = "Choose a bill's reading of unsettled text for this run, as BILL.READING=OPTION (e.g. us-ca-sb53.base-compute=cumulative); "
            + "repeat for several. 'compliance bills' lists the readings and their options.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>
    /// The readings chosen with --reading, checked against the bills evaluated as the service checks a request's
    /// <c>readings</c>; a malformed one is an error naming the option and the form it takes.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? ParseReadings(string[]? written, IReadOnlyList<BillPack> bills)
    {
        if (written is not { Length: > 0 })
        {
            return null;
        }
        var byBill = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var text in written)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var dot = equals < 0 ? -1 : text.LastIndexOf('.', equals);
            if (equals < 0 || dot <= 0 || dot == equals - 1 || equals == text.Length - 1)
            {
                throw new InvalidInputException("Bad reading", "--reading", $"'{text}' is not BILL.READING=OPTION (e.g. us-ca-sb53.base-compute=cumulative)");
            }
            var bill = text[..dot];
            if (!byBill.TryGetValue(bill, out var choices))
            {
                byBill[bill] = choices = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            choices[text[(dot + 1)..equals]] = text[(equals + 1)..];
        }
        var chosen = byBill.ToDictionary(b => b.Key, b => (IReadOnlyDictionary<string, string>)b.Value, StringComparer.Ordinal);
        // The option, not a JSON Pointer below it: the message names the bill and the reading.
        var errors = ReadingChoices.Check(chosen, bills, "").Select(e => new InputError("--reading", e.Message)).ToList();
        return errors.Count > 0 ? throw new InvalidInputException("Bad reading", errors) : chosen;
    }

    /// <summary>The filters of an answer (--role, --phase, --status, --jurisdiction), each repeatable.</summary>
    public sealed record Filters(Option<string[]> Role, Option<string[]> Phase, Option<string[]> Status, Option<string[]> Jurisdiction)
    {
        public static Filters Create() => new(
            Repeatable("--role", $"Only the duties of this role ({string.Join(", ", Rules.Packs.Role.Names)}); repeat for several."),
            Repeatable("--phase", $"Only the duties attaching to this phase ({string.Join(", ", ResultFilter.PhaseNames)}); repeat for several."),
            Repeatable("--status", $"Only the duties with this status ({string.Join(", ", ResultFilter.StatusNames)}); repeat for several."),
            Repeatable("--jurisdiction", "Only the bills of this jurisdiction (US-CA, EU, US: the bills of a place, of the places within it, and of those containing it); repeat for several."));

        public IEnumerable<Option> All => [Role, Phase, Status, Jurisdiction];

        /// <summary>The filter asked for; a bad value is an error naming the option and the values allowed.</summary>
        public ResultFilter Parse(ParseResult parse) =>
            ResultFilter.Parse(parse.GetValue(Role), parse.GetValue(Phase), parse.GetValue(Status), parse.GetValue(Jurisdiction), name => "--" + name);

        private static Option<string[]> Repeatable(string name, string description) => new(name)
        {
            Description = description,
            AllowMultipleArgumentsPerToken = false,
        };
    }
}
