using System.Globalization;

namespace Compliance.Rules.Rendering;

/// <summary>A number as an analyst writes it in a note: 1e26, 3.16e25, 2.1e-18, 100,000,000, 0.5.</summary>
public static class ShortNumber
{
    public static string Of(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude >= 1e9 || magnitude < 1e-3)
            ? value.ToString("0.##e0", CultureInfo.InvariantCulture)
            : magnitude >= 1000 && value == Math.Floor(value)
                ? value.ToString("N0", CultureInfo.InvariantCulture)
                : value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
