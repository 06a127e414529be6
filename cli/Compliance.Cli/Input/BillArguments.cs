using Compliance.Rules.Analysis;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Input;

/// <summary>
/// The bills a command names and the parameters it overrides, read the same way by every command. A bill is written as
/// an id, id@version or 'all', or as the path of a pack file: a draft, or a variant that extends a bundled bill (or a
/// draft named before it). A draft joins the bundled bills in a catalog for this run only, refused as the service
/// refuses an upload (a bad pack by pointer, a version that ships with the tool, a second default version), each error
/// naming the file. A --set overrides one parameter of a bill the run evaluates, for this run only.
/// </summary>
internal sealed class BillArguments
{
    private readonly IReadOnlyList<string> _written;
    private readonly IReadOnlyDictionary<string, BillPack> _drafts;
    private readonly IReadOnlyList<ParameterSetting> _settings;

    private BillArguments(IReadOnlyList<string> written, IReadOnlyDictionary<string, BillPack> drafts, BillCatalog catalog, IReadOnlyList<ParameterSetting> settings)
    {
        _written = written;
        _drafts = drafts;
        Catalog = catalog;
        _settings = settings;
    }

    /// <summary>The bundled bills and the drafts named.</summary>
    public BillCatalog Catalog { get; }

    /// <summary>Reads the drafts among <paramref name="bills"/> (in order, so one may extend another) and parses <paramref name="sets"/>.</summary>
    public static BillArguments Read(IReadOnlyList<string>? bills, IReadOnlyList<string>? sets = null)
    {
        var written = bills ?? [];
        var drafts = new Dictionary<string, BillPack>(StringComparer.Ordinal);
        var catalog = BillCatalog.Bundled;
        foreach (var path in written.Where(IsPath).Distinct(StringComparer.Ordinal))
        {
            var draft = PackFile.Read(path, catalog.Find);
            catalog = InputFileException.About(path, () => BillCatalog.Bundled.Find(draft.Key) is null
                ? catalog.Join(draft)
                : throw new InvalidInputException("The bill version exists", "/version",
                    $"{draft.Key} ships with the tool; give the draft another version, or make it a variant that extends {draft.Key}"));
            drafts[path] = draft;
        }
        return new BillArguments(written, drafts, catalog, ParameterSetting.Parse(sets));
    }

    /// <summary>
    /// Whether a bill is written as a file rather than an id: with a path separator, ending in .yaml, .yml or .json, or
    /// naming a file that exists. 'all' is always the word for every bill (a file of that name is ./all).
    /// </summary>
    public static bool IsPath(string written) =>
        written != BillSelection.AllBills
        && (written.Contains('/', StringComparison.Ordinal) || written.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || written.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || JsonDocuments.IsYamlPath(written)
            || File.Exists(written));

    /// <summary>
    /// The bills as the service chooses them, drafts included: none named, those in force on <paramref name="asOf"/>
    /// (and the enacted ones to come, named but not evaluated); 'all', every bill; otherwise the ones named.
    /// </summary>
    public BillSelection Select(DateOnly asOf) =>
        BillSelection.For(_written.Count > 0 ? [.. _written.Select(Reference)] : null, asOf, BillCatalog.Bundled, Catalog, "--bill");

    /// <summary>
    /// Each bill named, in order, one per name (for commands that take bills one by one, or as sides); every unknown
    /// name is an error at its place below <paramref name="pointer"/>, and 'all' is none of them.
    /// </summary>
    public IReadOnlyList<BillPack> Named(string pointer = "--bill")
    {
        var references = _written.Select(Reference).ToList();
        _ = Catalog.Resolve(references, pointer);
        return [.. references.Select(r => Catalog.Find(r)!)];
    }

    /// <summary>
    /// The overrides as the engine takes them (bill id, then parameter), each --set checked against the bills
    /// <paramref name="evaluated"/>; null when there is none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Overrides(IReadOnlyList<BillPack> evaluated)
    {
        if (_settings.Count == 0)
        {
            return null;
        }
        var overrides = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var setting in _settings)
        {
            var pack = evaluated.FirstOrDefault(p => Names(p, setting.Bill))
                ?? throw NotEvaluated(setting, "evaluates", evaluated.Select(p => p.Key));
            var values = overrides.TryGetValue(pack.Id, out var known) ? known : overrides[pack.Id] = new(StringComparer.Ordinal);
            values[setting.Parameter] = setting.ValueFor(pack);
        }
        return overrides.ToDictionary(o => o.Key, o => (IReadOnlyDictionary<string, double>)o.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Each bill named with its own overrides, for commands whose bills are sides (compare) or a subject (sweep). A
    /// --set applies to the bill written exactly as it names it; failing that, to each bill of that id or id@version
    /// (a draft's among them). So one bill can be compared with itself: --bill ID --bill ID@VERSION --set ID@VERSION.P=V.
    /// </summary>
    public IReadOnlyList<BillVariant> Variants(string verb)
    {
        var packs = Named();
        var overrides = packs.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        foreach (var setting in _settings)
        {
            var sides = Enumerable.Range(0, packs.Count).Where(i => _written[i] == setting.Bill).ToList() is { Count: > 0 } exact
                ? exact
                : [.. Enumerable.Range(0, packs.Count).Where(i => Names(packs[i], setting.Bill))];
            if (sides.Count == 0)
            {
                throw NotEvaluated(setting, verb, _written);
            }
            if (sides.Count > 1 && sides.All(i => packs[i].Key == packs[sides[0]].Key))
            {
                throw new InvalidInputException("Bad --set", setting.Pointer,
                    $"'{setting.Bill}' names both sides; to set {setting.Parameter} on one side only, name that side {packs[sides[0]].Key} and the other {packs[sides[0]].Id}, and set it on {packs[sides[0]].Key}");
            }
            foreach (var i in sides)
            {
                overrides[i][setting.Parameter] = setting.ValueFor(packs[i]);
            }
        }
        return [.. packs.Select((pack, i) => new BillVariant(pack, overrides[i].Count > 0 ? overrides[i] : null))];
    }

    // A draft by the key the catalog knows it by; anything else as written, for the catalog to find or refuse.
    private string Reference(string written) => _drafts.TryGetValue(written, out var draft) ? draft.Key : written;

    private static bool Names(BillPack pack, string bill) => bill == pack.Key || bill == pack.Id;

    private static InvalidInputException NotEvaluated(ParameterSetting setting, string verb, IEnumerable<string> bills) =>
        new("Unknown bill", setting.Pointer, $"'{setting.Bill}' is not a bill this run {verb} ({string.Join(", ", bills)}); name it with --bill, or as its id or id@version");
}
