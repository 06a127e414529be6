using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Api.Http;

/// <summary>Reads or checks <c>{ parameter: number }</c> for one bill: every name must be one of the bill's parameters.</summary>
public static class ParameterOverrides
{
    public static Dictionary<string, double> Read(JsonNode? node, BillPack pack, string pointer, List<InputError> errors)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (node is null)
        {
            return values;
        }
        if (node is not JsonObject given)
        {
            errors.Add(new InputError(pointer, "must be an object of parameter values"));
            return values;
        }
        foreach (var (name, value) in given)
        {
            var at = JsonPointer.Append(pointer, name);
            if (!pack.ParametersByName.ContainsKey(name))
            {
                errors.AddRange(Unknown([name], pack, pointer));
            }
            else if (value?.GetValueKind() != JsonValueKind.Number)
            {
                errors.Add(new InputError(at, "must be a number"));
            }
            else
            {
                values[name] = value.GetValue<double>();
            }
        }
        return values;
    }

    /// <summary>An error for each name that is not one of the bill's parameters, located below <paramref name="pointer"/>.</summary>
    public static IEnumerable<InputError> Unknown(IEnumerable<string> names, BillPack pack, string pointer) =>
        names.Where(name => !pack.ParametersByName.ContainsKey(name)).Select(name => new InputError(JsonPointer.Append(pointer, name),
            $"'{pack.Id}' has no parameter '{name}'; it has {string.Join(", ", pack.Parameters.Select(p => p.Name))}"));
}
