using System.Globalization;
using Compliance.Rules.Json;

namespace Compliance.Api.Http;

/// <summary>
/// The dates a request may be decided as of. Deadlines are computed as offsets from dates the engine reads, asOf among
/// them, and a date near the ends of the calendar would carry them past it.
/// </summary>
public static class AsOfRange
{
    public static readonly DateOnly Earliest = new(1000, 1, 1);

    public static readonly DateOnly Latest = new(9000, 12, 31);

    /// <summary>The error at /asOf when the date is outside the range; none otherwise.</summary>
    public static IEnumerable<InputError> Check(DateOnly? asOf)
    {
        if (asOf is { } date && (date < Earliest || date > Latest))
        {
            yield return new InputError("/asOf", $"'{Text(date)}' is outside the dates a decision can be made as of, {Text(Earliest)} to {Text(Latest)}");
        }
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
