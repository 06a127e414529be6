using Compliance.Rules.Corpus;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Lineage;

/// <summary>
/// Where the base ids a lineage names are looked up, in order, and what a user is told when none knows one: the
/// caller's own manifests first (a tenant's registry, the files on a command line), then the bundled corpus by id, then
/// by Hugging Face alias. The caller's own come first, so an artifact a tenant registers under a corpus id is the
/// tenant's. The corpus is data in the engine: looking a base up in it reads no file and calls no service.
/// </summary>
public sealed class BaseRegistry
{
    private readonly Func<string, Manifest?> _own;
    // Read on the first base looked up, not when the registry is made: a manifest with no lineage (most gates) should
    // not pay for reading and validating the whole corpus.
    private readonly Func<ReferenceCorpus>? _corpus;
    private readonly string _howToGive;
    private readonly string? _corpusListing;

    private BaseRegistry(Func<string, Manifest?> own, Func<ReferenceCorpus>? corpus, string howToGive, string? corpusListing)
    {
        _own = own;
        _corpus = corpus;
        _howToGive = howToGive;
        _corpusListing = corpusListing;
    }

    /// <summary>
    /// The caller's own manifests, then the bundled corpus. <paramref name="howToGive"/> tells the surface's user how to
    /// give a base of their own ("register it first (POST /v1/manifests)"); <paramref name="corpusListing"/> where the
    /// corpus is listed ("GET /v1/corpus").
    /// </summary>
    public static BaseRegistry WithCorpus(Func<string, Manifest?> own, string howToGive, string corpusListing) =>
        new(own, () => ReferenceCorpus.Bundled, howToGive, corpusListing);

    /// <summary>Only the caller's own manifests: the corpus itself, a pack's test cases.</summary>
    public static BaseRegistry Only(Func<string, Manifest?> own, string howToGive = "write its manifest inline") =>
        new(own, corpus: null, howToGive, corpusListing: null);

    public Manifest? Find(string id) => _own(id) ?? _corpus?.Invoke().Find(id);

    /// <summary>Why <paramref name="id"/> names no base, and the fixes: a corpus id or alias it nearly spells, then the surface's own ways.</summary>
    public string Unknown(string id)
    {
        if (_corpus is null)
        {
            return $"unknown base artifact '{id}': {_howToGive}";
        }
        var ways = $"{_howToGive}, or name a model of the bundled corpus by its id or Hugging Face id ({_corpusListing})";
        return _corpus().Suggest(id) is { } near
            ? $"unknown base artifact '{id}': did you mean {near}? Otherwise {ways}"
            : $"unknown base artifact '{id}': {ways}";
    }
}
