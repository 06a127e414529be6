namespace Compliance.Rules.Packs;

/// <summary>
/// Which bills an evaluation answers under when the caller names none, names some, or asks for all. The law in force
/// is the default: a lawyer asking what is owed must not read the duties of vetoed and proposed bills beside those of
/// enacted ones, and is told which enacted bills come into force later.
/// </summary>
public sealed record BillSelection(string Mode, IReadOnlyList<BillPack> Bills, IReadOnlyList<BillPack> Upcoming)
{
    public const string InForce = "in-force";
    public const string Named = "named";
    public const string All = "all";

    /// <summary>The word a request uses for every bill, whatever its status.</summary>
    public const string AllBills = "all";

    /// <summary>
    /// The bills for <paramref name="references"/>: none named, the bundled bills in force on <paramref name="asOf"/>
    /// (one version of each: the one in force) and the enacted ones still to come; "all" (alone or in the list), every
    /// bundled bill's default version; otherwise the named ones, from <paramref name="catalog"/> (which may hold a
    /// tenant's drafts). Unknown names throw, each at its pointer.
    /// </summary>
    public static BillSelection For(IReadOnlyList<string>? references, DateOnly asOf, BillCatalog bundled, BillCatalog catalog, string pointer)
    {
        if (references is null)
        {
            var inForce = new List<BillPack>();
            var upcoming = new List<BillPack>();
            foreach (var versions in bundled.Packs.GroupBy(p => p.Id, StringComparer.Ordinal))
            {
                // Of two versions in force, the later one in force (a chapter amendment replaces the text).
                if (versions.Where(p => p.InForceOn(asOf)).OrderBy(p => p.Effective.From).LastOrDefault() is { } current)
                {
                    inForce.Add(current);
                }
                else if (versions.Where(p => p.ComesIntoForceAfter(asOf)).OrderBy(p => p.Effective.From).FirstOrDefault() is { } next)
                {
                    upcoming.Add(next);
                }
            }
            return new BillSelection(InForce, inForce, upcoming);
        }
        if (references.Contains(AllBills, StringComparer.Ordinal))
        {
            var named = catalog.Resolve(references, pointer, skip: AllBills);
            return new BillSelection(All, [.. bundled.Defaults, .. named.Where(p => !bundled.Defaults.Contains(p))], []);
        }
        return new BillSelection(Named, catalog.Resolve(references, pointer), []);
    }
}
