using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Api.Http;

/// <summary>Checks <c>{ parameter: number }</c> for one bill: every name must be one of the bill's parameters.</summary>
public static class ParameterOverrides
{
    /// <summary>An error for each name that is not one of the bill's parameters, located below <paramref name="pointer"/>.</summary>
    public static IEnumerable<InputError> Unknown(IEnumerable<string> names, BillPack pack, string pointer) =>
        names.Where(name => !pack.ParametersByName.ContainsKey(name)).Select(name => new InputError(JsonPointer.Append(pointer, name), pack.NoSuchParameter(name)));
}
