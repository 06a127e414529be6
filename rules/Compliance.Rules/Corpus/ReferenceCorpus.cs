using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Corpus;

/// <summary>
/// The bundled corpus of real models (rules/corpus): published estimates of compute and cost, each manifest with its
/// sources. A fact no source gives is absent, so it evaluates as unknown. Bases resolve within the corpus. It is also a
/// registry: a lineage anywhere may name one of its models by id or by Hugging Face alias (<see cref="BaseRegistry"/>).
/// </summary>
public sealed class ReferenceCorpus
{
    /// <summary>The name a portfolio uses to mean this corpus.</summary>
    public const string PortfolioName = "corpus";

    private const string ResourcePrefix = "corpus/";

    private readonly Dictionary<string, Manifest> _byId;
    private readonly Dictionary<string, Manifest> _byAlias;

    private ReferenceCorpus(IReadOnlyList<CorpusEntry> entries)
    {
        Entries = entries;
        _byId = entries.ToDictionary(e => e.Manifest.Id, e => e.Manifest, StringComparer.Ordinal);
        _byAlias = Aliases(entries);
        Artifacts = entries.Select(e =>
        {
            try
            {
                return LineageResolver.Resolve(e.Manifest, Find);
            }
            catch (InvalidInputException ex)
            {
                throw new InvalidOperationException($"bundled corpus file {e.Resource} has a broken lineage: {ex.Message}", ex);
            }
        }).ToList();
    }

    private static readonly Lazy<ReferenceCorpus> BundledCorpus = new(Load);

    public static ReferenceCorpus Bundled => BundledCorpus.Value;

    /// <summary>Every manifest, ordered by id, with the resource it was read from.</summary>
    public IReadOnlyList<CorpusEntry> Entries { get; }

    /// <summary>The same manifests with their lineage resolved, ready to evaluate.</summary>
    public IReadOnlyList<ResolvedArtifact> Artifacts { get; }

    private static ReferenceCorpus Load()
    {
        var assembly = typeof(ReferenceCorpus).Assembly;
        var entries = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                try
                {
                    return new CorpusEntry(name, ManifestJson.ReadText(reader.ReadToEnd()));
                }
                catch (InvalidInputException e)
                {
                    // A bundled file that does not validate is a build defect, not a user's input error.
                    throw new InvalidOperationException($"bundled corpus file {name} is invalid: {e.Message}", e);
                }
            })
            .ToList();
        return From(entries);
    }

    /// <summary>A corpus of these manifests; two claiming one id or one alias is a build defect, refused.</summary>
    internal static ReferenceCorpus From(IEnumerable<CorpusEntry> entries)
    {
        var ordered = entries.OrderBy(e => e.Manifest.Id, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(e => e.Manifest.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two corpus files claim the id {duplicate.Key}");
        }
        return new ReferenceCorpus(ordered);
    }

    /// <summary>
    /// The corpus model a lineage names: by its id exactly (<c>meta/llama-3.1-70b</c>), or by one of its Hugging Face
    /// ids in any case (<c>meta-llama/Llama-3.1-70B</c>); either may pin the version with <c>@sha256:…</c>, which must
    /// be the digest of the manifest the corpus holds. Null when no model is named so.
    /// </summary>
    public Manifest? Find(string reference)
    {
        var at = reference.IndexOf(DigestMark, StringComparison.Ordinal);
        var name = at < 0 ? reference : reference[..at];
        var manifest = _byId.GetValueOrDefault(name) ?? _byAlias.GetValueOrDefault(name);
        return manifest is null || at < 0 || ManifestJson.Digest(manifest) == reference[(at + 1)..] ? manifest : null;
    }

    /// <summary>
    /// A corpus id or alias that <paramref name="reference"/> nearly spells, for a "did you mean": the same letters
    /// and digits ignoring case and punctuation, or one letter off (two in a long name) with the same digits, since a
    /// digit is what tells 7B from 70B. Null when nothing is that close.
    /// </summary>
    public string? Suggest(string reference)
    {
        var at = reference.IndexOf(DigestMark, StringComparison.Ordinal);
        var key = Key(at < 0 ? reference : reference[..at]);
        if (key.Length == 0)
        {
            return null;
        }
        var allowed = key.Length >= 12 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in Entries.Select(e => e.Manifest.Id).Concat(Entries.SelectMany(e => e.Manifest.Aliases ?? [])))
        {
            var other = Key(name);
            var distance = other == key ? 0 : Digits(other) == Digits(key) ? Distance(key, other, allowed) : int.MaxValue;
            if (distance <= allowed && distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }
        return best;
    }

    private const string DigestMark = "@sha256:";

    /// <summary>Aliases to their manifests, in any case; an alias claimed twice, or spelling another model's id, is a build defect.</summary>
    private static Dictionary<string, Manifest> Aliases(IReadOnlyList<CorpusEntry> entries)
    {
        var byAlias = new Dictionary<string, Manifest>(StringComparer.OrdinalIgnoreCase);
        var ids = entries.ToDictionary(e => e.Manifest.Id, e => e.Manifest, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            foreach (var alias in entry.Manifest.Aliases ?? [])
            {
                if (!byAlias.TryAdd(alias, entry.Manifest))
                {
                    throw new InvalidOperationException($"two corpus files claim the alias {alias}: {byAlias[alias].Id} and {entry.Manifest.Id}");
                }
                if (ids.TryGetValue(alias, out var other) && !ReferenceEquals(other, entry.Manifest))
                {
                    throw new InvalidOperationException($"the alias {alias} of {entry.Manifest.Id} is the id of {other.Id}");
                }
            }
        }
        return byAlias;
    }

    private static string Key(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant));

    private static string Digits(string key) => string.Concat(key.Where(char.IsAsciiDigit));

    /// <summary>Edits (insert, delete, replace, swap two neighbours) from one key to the other, counted up to <paramref name="limit"/> + 1.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return Math.Min(d[a.Length, b.Length], limit + 1);
    }
}

/// <summary>One corpus manifest and the embedded resource (corpus/developer/model.json) it came from.</summary>
public sealed record CorpusEntry(string Resource, Manifest Manifest);
