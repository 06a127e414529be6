using System.Globalization;

namespace Compliance.Rules.Packs;

/// <summary>
/// What a number measures, in the closed vocabulary of the pack schema (its <c>unit</c> definition). Every numeric
/// parameter and every numeric fact declares one, so a pack that compares a cost with a compute threshold is refused
/// when it loads rather than answering nonsense. The list grows only when a law measures something new.
/// </summary>
public static class Unit
{
    public const string Flop = "FLOP";
    public const string OpsPerSecond = "OP/s";
    public const string GbitPerSecond = "Gbit/s";
    public const string Usd = "USD";
    public const string Eur = "EUR";
    public const string Krw = "KRW";
    public const string Cny = "CNY";

    /// <summary>A share of something else: a fraction, 1/3 written 0.333….</summary>
    public const string Ratio = "ratio";

    /// <summary>People, users, visitors, employees: whole things counted.</summary>
    public const string Count = "count";
    public const string Days = "days";

    /// <summary>The vocabulary, as the schema lists it.</summary>
    public static readonly IReadOnlyList<string> Names = [Flop, OpsPerSecond, GbitPerSecond, Usd, Eur, Krw, Cny, Ratio, Count, Days];

    public static bool IsUnit(string name) => Names.Contains(name, StringComparer.Ordinal);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// A value as a statute writes it, for a description that names a parameter: compute in powers of ten (10^26,
    /// 3 × 10^25), money with its sign or code and grouped digits ($100,000,000, EUR 15,000,000), counts grouped,
    /// shares as simple fractions (1/3). The unit's own words (operations, Gbit/s, days) are the text's to say.
    /// </summary>
    public static string Format(double value, string? unit)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(Invariant);
        }
        return unit switch
        {
            Usd => (value < 0 ? "-$" : "$") + Grouped(Math.Abs(value)),
            Eur or Krw or Cny => unit + " " + Grouped(value),
            Flop or OpsPerSecond => PowerOfTen(value),
            Ratio => Fraction(value),
            _ => Grouped(value),
        };
    }

    private static string Grouped(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("#,0", Invariant) : value.ToString("#,0.##", Invariant);

    /// <summary>10^26 for 1e26, 3 × 10^25 for 3e25, 3.33 × 10^24 for 3.333e24; below a million the digits themselves.</summary>
    private static string PowerOfTen(double value)
    {
        if (Math.Abs(value) < 1e6)
        {
            return Grouped(value);
        }
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
        if (Math.Abs(mantissa) >= 10)
        {
            // Math.Log10 of 9.999…e25 can round up to 26: the mantissa says so.
            mantissa /= 10;
            exponent++;
        }
        var power = "10^" + exponent.ToString(Invariant);
        return mantissa == 1 ? power : mantissa.ToString("0.##", Invariant) + " × " + power;
    }

    /// <summary>1/3 for 0.333…, 1/2 for 0.5: the fraction with the smallest denominator up to 12 that is the value; else the decimal.</summary>
    private static string Fraction(double value)
    {
        for (var denominator = 1; denominator <= 12; denominator++)
        {
            var numerator = Math.Round(value * denominator);
            if (numerator != 0 && Math.Abs(value * denominator - numerator) < 1e-9 * denominator)
            {
                return denominator == 1 ? numerator.ToString(Invariant) : $"{numerator.ToString(Invariant)}/{denominator.ToString(Invariant)}";
            }
        }
        return value.ToString("0.####", Invariant);
    }
}
