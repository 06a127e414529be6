using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Corpus;

/// <summary>
/// The bundled corpus of real models (rules/corpus): published estimates of compute and cost, each manifest with its
/// sources. A fact no source gives is absent, so it evaluates as unknown. Bases resolve within the corpus.
/// </summary>
public sealed class ReferenceCorpus
{
    /// <summary>The name a portfolio uses to mean this corpus.</summary>
    public const string PortfolioName = "corpus";

    private const string ResourcePrefix = "corpus/";

    private ReferenceCorpus(IReadOnlyList<CorpusEntry> entries)
    {
        Entries = entries;
        var byId = entries.ToDictionary(e => e.Manifest.Id, e => e.Manifest, StringComparer.Ordinal);
        Artifacts = entries.Select(e =>
        {
            try
            {
                return LineageResolver.Resolve(e.Manifest, byId.GetValueOrDefault);
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
            .OrderBy(e => e.Manifest.Id, StringComparer.Ordinal)
            .ToList();
        var duplicate = entries.GroupBy(e => e.Manifest.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two corpus files claim the id {duplicate.Key}");
        }
        return new ReferenceCorpus(entries);
    }
}

/// <summary>One corpus manifest and the embedded resource (corpus/developer/model.json) it came from.</summary>
public sealed record CorpusEntry(string Resource, Manifest Manifest);
