namespace Compliance.Rules.Packs;

/// <summary>
/// Who owes a duty, in the closed vocabulary of the pack schema (its `role` definition). A statute names the holder
/// in its own words (SB 53's "large frontier developer", EO 14110's "cluster owner"); the role is what a filter and a
/// reader can rely on across bills.
/// </summary>
public static class Role
{
    /// <summary>The vocabulary, as the schema lists it.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["developer", "provider", "deployer", "cluster-operator", "importer", "distributor", "authorised-representative", "operator"];

    public static bool IsRole(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The role a holder's words name when a pack gives none: the holder itself when it is a role, else the longest
    /// role its words end with ("large-frontier-developer" is a developer, "cluster-owner" is not inferred).
    /// </summary>
    public static string? Infer(string holder)
    {
        if (IsRole(holder))
        {
            return holder;
        }
        string? found = null;
        foreach (var role in Names)
        {
            if (holder.EndsWith("-" + role, StringComparison.Ordinal) && (found is null || role.Length > found.Length))
            {
                found = role;
            }
        }
        return found;
    }
}
