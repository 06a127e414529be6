using System.Globalization;

namespace Compliance.Rules.Facts;

public enum FactKind
{
    Number,
    Text,
    Boolean,
    List,
    Date,
}

/// <summary>
/// A known fact or a literal it is compared with. Numbers are doubles: compute and dollars reach 1e26 and beyond,
/// which no 64-bit integer holds. Dates compare as day numbers.
/// </summary>
public readonly record struct FactValue(FactKind Kind, double Number, string? Text, IReadOnlyList<string>? List)
{
    public static FactValue Of(double number) => new(FactKind.Number, number, null, null);
    public static FactValue Of(string text) => new(FactKind.Text, 0, text, null);
    public static FactValue Of(bool value) => new(FactKind.Boolean, value ? 1 : 0, null, null);
    public static FactValue Of(IReadOnlyList<string> list) => new(FactKind.List, 0, null, list);
    // A date is compared as its day number; its text is written only when a trace or a message shows it.
    public static FactValue Of(DateOnly date) => new(FactKind.Date, date.DayNumber, null, null);

    public bool Boolean => Number != 0;

    /// <summary>The value as it appears in a trace: a JSON number, string, boolean or array.</summary>
    public object ToJsonValue() => Kind switch
    {
        FactKind.Number => Number,
        FactKind.Boolean => Boolean,
        FactKind.List => List!,
        FactKind.Date => DateText,
        _ => Text!,
    };

    private string DateText => DateOnly.FromDayNumber((int)Number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override string ToString() => Kind switch
    {
        FactKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        FactKind.Boolean => Boolean ? "true" : "false",
        FactKind.List => "[" + string.Join(", ", List!) + "]",
        FactKind.Date => DateText,
        _ => Text!,
    };
}
