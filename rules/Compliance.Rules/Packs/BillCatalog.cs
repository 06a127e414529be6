using Compliance.Rules.Json;

namespace Compliance.Rules.Packs;

/// <summary>The bills a service or a CLI run knows, by id and version. Immutable: adding a bill makes a new catalog.</summary>
public sealed class BillCatalog
{
    private readonly Dictionary<string, BillPack> _byKey;
    private readonly Dictionary<string, BillPack> _defaults;

    public BillCatalog(IEnumerable<BillPack> packs)
    {
        Packs = packs.OrderBy(p => p.Id, StringComparer.Ordinal).ThenBy(p => p.Version, StringComparer.Ordinal).ToList();
        _byKey = new Dictionary<string, BillPack>(StringComparer.Ordinal);
        foreach (var pack in Packs)
        {
            if (!_byKey.TryAdd(pack.Key, pack))
            {
                throw new InvalidOperationException($"two packs claim {pack.Key}");
            }
        }
        _defaults = Packs.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.SingleOrDefault(p => p.IsDefault) ?? g.Last(),
            StringComparer.Ordinal);
    }

    private static readonly Lazy<BillCatalog> BundledCatalog = new(() => new BillCatalog(PackLoader.LoadBundled()));

    public static BillCatalog Bundled => BundledCatalog.Value;

    public IReadOnlyList<BillPack> Packs { get; }

    /// <summary>One pack per bill id: the default version of each.</summary>
    public IEnumerable<BillPack> Defaults => _defaults.Values.OrderBy(p => p.Id, StringComparer.Ordinal);

    public IEnumerable<BillPack> Versions(string id) => Packs.Where(p => p.Id == id);

    /// <summary>Finds "id" (its default version) or "id@version"; null when there is no such bill.</summary>
    public BillPack? Find(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? _defaults.GetValueOrDefault(reference) : _byKey.GetValueOrDefault(reference);
    }

    /// <summary>
    /// The catalog with a draft added, or the reason it cannot join: its key is taken, or it would be a second default
    /// version of its bill (which version "id" alone names must not depend on the order drafts arrive in).
    /// </summary>
    public BillCatalog Join(BillPack draft)
    {
        if (Find(draft.Key) is not null)
        {
            throw new InvalidInputException("The bill version exists", "/version", $"{draft.Key} is already in the catalog");
        }
        if (draft.IsDefault && Versions(draft.Id).FirstOrDefault(p => p.IsDefault) is { } other)
        {
            throw new InvalidInputException("The bill already has a default version", "/default",
                $"{other.Key} is the default version of {draft.Id}; remove 'default: true' from this one and name it as {draft.Key}");
        }
        return new BillCatalog([.. Packs, draft]);
    }

    /// <summary>Resolves the bills a request names; each unknown name is an error at its pointer. A <paramref name="skip"/> word is passed over.</summary>
    public IReadOnlyList<BillPack> Resolve(IReadOnlyList<string> references, string pointer, string? skip = null)
    {
        var packs = new List<BillPack>();
        var errors = new List<InputError>();
        for (var i = 0; i < references.Count; i++)
        {
            if (references[i] == skip)
            {
                continue;
            }
            if (Find(references[i]) is { } pack)
            {
                if (!packs.Contains(pack))
                {
                    packs.Add(pack);
                }
            }
            else if (errors.Count < SchemaValidator.MaxErrors)
            {
                // The known bills are named once, on the first error: repeated on each, a long list of unknown names
                // made an answer of a hundred megabytes.
                errors.Add(new InputError(JsonPointer.Append(pointer, i), errors.Count == 0
                    ? $"unknown bill '{references[i]}'; known: {string.Join(", ", Packs.Select(p => p.Key))}"
                    : $"unknown bill '{references[i]}'"));
            }
        }
        return errors.Count > 0 ? throw new InvalidInputException("Unknown bill", errors) : packs;
    }
}
