using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Api.Analysis;

/// <summary>
/// Reads a sweep's <c>values</c>, after the request schema has checked their shape: a list of numbers, or
/// <c>{ from, to, steps, scale }</c>. What the schema leaves is a 4xx at its pointer: a number beyond a double (1e400),
/// a fractional or out-of-range step count, a scale that is not "linear" or "log", a field a range does not have, and
/// more values than the limit (a 413).
/// </summary>
public static class SweepValues
{
    private static readonly string[] RangeFields = ["from", "to", "steps", "scale"];

    public static IReadOnlyList<double> Read(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray list:
                var max = Rules.Analysis.Sweep.MaxSteps;
                if (list.Count == 0 || list.Count > max)
                {
                    throw new InvalidInputException("Bad values", "/values", $"give 1 to {max} values (limit)", list.Count > max ? InputProblem.TooLarge : InputProblem.Invalid);
                }
                var errors = new List<InputError>();
                var values = new double[list.Count];
                for (var i = 0; i < list.Count; i++)
                {
                    values[i] = Number(list[i], $"/values/{i}", errors);
                }
                return errors.Count == 0 ? values : throw new InvalidInputException("Bad values", errors);
            case JsonObject range:
                return Range(range);
            default:
                throw new InvalidInputException("Bad values", "/values", "give an array of values or { from, to, steps, scale: linear | log }");
        }
    }

    /// <summary>A JSON number as a finite double, or an error at <paramref name="pointer"/>.</summary>
    private static double Number(JsonNode? node, string pointer, List<InputError> errors)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            // A JSON number past ±1.7e308 (1e400) is valid JSON but no double: TryGetValue says so where GetValue throws.
            if (value.TryGetValue<double>(out var number) && double.IsFinite(number))
            {
                return number;
            }
            errors.Add(OutOfRange(pointer));
            return double.NaN;
        }
        errors.Add(new InputError(pointer, "must be a number"));
        return double.NaN;
    }

    /// <summary>A JSON number past ±1.7e308 (1e400): valid JSON, but no double.</summary>
    private static InputError OutOfRange(string pointer) =>
        new(pointer, "must be a number between -1.7976931348623157e308 and 1.7976931348623157e308");

    private static IReadOnlyList<double> Range(JsonObject range)
    {
        var errors = range.Where(p => !RangeFields.Contains(p.Key))
            .Select(p => new InputError(JsonPointer.Append("/values", p.Key), $"'{p.Key}' is not a range field; expected {string.Join(", ", RangeFields)}"))
            .ToList();
        var from = Number(range["from"], "/values/from", errors);
        var to = Number(range["to"], "/values/to", errors);
        var steps = Number(range["steps"], "/values/steps", errors);
        if (double.IsFinite(steps) && steps != Math.Floor(steps))
        {
            errors.Add(new InputError("/values/steps", $"must be a whole number, not {steps}"));
        }
        var scale = range["scale"] switch
        {
            null => "linear",
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };
        if (scale is not ("linear" or "log"))
        {
            errors.Add(new InputError("/values/scale", "must be \"linear\" or \"log\""));
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException("Bad range", errors);
        }
        // Past the limit either way; clamped first so that 1e300 steps is not an int overflow on the way to the 413.
        var count = (int)Math.Clamp(steps, int.MinValue, Rules.Analysis.Sweep.MaxSteps + 1);
        return Rules.Analysis.Sweep.Range(from, to, count, scale == "log");
    }
}
