using System.Globalization;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Input;

/// <summary>
/// One <c>--set BILL.PARAMETER=VALUE</c>: a parameter of a bill overridden for one run. BILL is written as on --bill
/// (id or id@version) or as a draft's own id; a version may hold dots, a parameter never does, so the parameter is
/// what follows the last dot.
/// </summary>
internal sealed record ParameterSetting(string Bill, string Parameter, string Value, string Pointer)
{
    private const string Example = "us-ca-sb1047.covered_compute_flop=1e25";

    public static IReadOnlyList<ParameterSetting> Parse(IReadOnlyList<string>? written)
    {
        var settings = new List<ParameterSetting>();
        for (var i = 0; i < (written?.Count ?? 0); i++)
        {
            var text = written![i];
            var pointer = JsonPointer.Append("--set", i);
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var dot = equals < 0 ? -1 : text.LastIndexOf('.', equals);
            if (dot <= 0 || dot == equals - 1 || equals == text.Length - 1)
            {
                throw new InvalidInputException("Bad --set", pointer, $"'{text}' is not BILL.PARAMETER=VALUE (e.g. {Example})");
            }
            var setting = new ParameterSetting(text[..dot], text[(dot + 1)..equals], text[(equals + 1)..], pointer);
            if (settings.Any(s => s.Bill == setting.Bill && s.Parameter == setting.Parameter))
            {
                throw new InvalidInputException("Bad --set", pointer, $"{setting.Bill}.{setting.Parameter} is set twice");
            }
            settings.Add(setting);
        }
        return settings;
    }

    /// <summary>The value for <paramref name="pack"/>'s parameter; an unknown parameter or a value that is not a finite number names the bill, the parameter and what is allowed.</summary>
    public double ValueFor(BillPack pack)
    {
        if (!pack.ParametersByName.TryGetValue(Parameter, out var parameter))
        {
            throw new InvalidInputException("Unknown parameter", Pointer, pack.NoSuchParameter(Parameter));
        }
        if (double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }
        var what = $"{pack.Id}.{Parameter} is a number" + (parameter.Unit is { } unit ? $" ({unit})" : "");
        return DateOnly.TryParseExact(Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? throw new InvalidInputException("Bad --set", Pointer, $"{what}, not a date: give it as a number, e.g. {parameter.Value.ToString("R", CultureInfo.InvariantCulture)}")
            : throw new InvalidInputException("Bad --set", Pointer, $"{what}; '{Value}' is not a finite number (e.g. 1e25)");
    }
}
