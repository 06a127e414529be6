using System.Text.RegularExpressions;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Tests;

/// <summary>The corpus as a registry of bases: found by id or Hugging Face alias, after the caller's own manifests.</summary>
public sealed partial class CorpusRegistryTests
{
    // A Hugging Face Hub repository id: owner/name, as in https://huggingface.co/<owner>/<name>.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex HubId();

    private static BaseRegistry Registry(params Manifest[] own) =>
        BaseRegistry.WithCorpus(own.ToDictionary(m => m.Id).GetValueOrDefault, "register it first", "the corpus listing");

    private static Manifest FineTuneOf(string baseId) =>
        TestPacks.Manifest($$"""{ "schemaVersion": "1", "id": "t/tuned", "lineage": { "base": "{{baseId}}", "relation": "finetune", "computeFlop": 2e24 } }""");

    [Fact]
    public void Aliases_are_hub_ids_unique_across_the_corpus_in_any_case_and_never_another_models_id()
    {
        var entries = ReferenceCorpus.Bundled.Entries;
        var aliases = entries.SelectMany(e => (e.Manifest.Aliases ?? []).Select(a => (Alias: a, e.Manifest.Id))).ToList();

        Assert.True(aliases.Count >= 120, $"{aliases.Count} aliases");
        Assert.All(aliases, a => Assert.Matches(HubId(), a.Alias));
        var repeated = aliases.GroupBy(a => a.Alias, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(repeated);
        var ids = entries.ToDictionary(e => e.Manifest.Id, StringComparer.OrdinalIgnoreCase);
        Assert.All(aliases, a => Assert.True(!ids.TryGetValue(a.Alias, out var other) || other.Manifest.Id == a.Id, $"{a.Alias} of {a.Id} is another model's id"));
    }

    [Fact]
    public void An_alias_stated_by_a_manifests_own_hugging_face_source_is_among_its_aliases()
    {
        foreach (var manifest in ReferenceCorpus.Bundled.Entries.Select(e => e.Manifest))
        {
            var repositories = (manifest.Sources ?? [])
                .Select(s => s.Uri is { } uri ? Regex.Match(uri, "^https://huggingface.co/([^/]+/[^/]+)$") : Match.Empty)
                .Where(m => m.Success && !m.Groups[1].Value.StartsWith("blog/", StringComparison.Ordinal))
                .Select(m => m.Groups[1].Value);
            Assert.All(repositories, repository => Assert.Contains(repository, manifest.Aliases ?? []));
        }
    }

    [Fact]
    public void The_loader_refuses_two_manifests_claiming_one_alias_in_any_case()
    {
        var one = new CorpusEntry("corpus/a/one.json", TestPacks.Manifest("""{ "schemaVersion": "1", "id": "a/one", "aliases": ["org/Model-1"] }"""));
        var two = new CorpusEntry("corpus/b/two.json", TestPacks.Manifest("""{ "schemaVersion": "1", "id": "b/two", "aliases": ["ORG/model-1"] }"""));
        var id = new CorpusEntry("corpus/c/three.json", TestPacks.Manifest("""{ "schemaVersion": "1", "id": "c/three", "aliases": ["A/One"] }"""));

        var twice = Assert.Throws<InvalidOperationException>(() => ReferenceCorpus.From([one, two]));
        var another = Assert.Throws<InvalidOperationException>(() => ReferenceCorpus.From([one, id]));

        Assert.Contains("two corpus files claim the alias", twice.Message, StringComparison.Ordinal);
        Assert.Contains("is the id of a/one", another.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta/llama-3.1-70b")]
    [InlineData("meta-llama/Llama-3.1-70B")]
    [InlineData("meta-llama/llama-3.1-70b")]
    [InlineData("META-LLAMA/META-LLAMA-3.1-70B")]
    public void A_corpus_model_is_found_by_its_id_or_any_case_of_its_hub_id(string reference)
    {
        var resolved = LineageResolver.Resolve(FineTuneOf(reference), Registry());

        var llama = ReferenceCorpus.Bundled.Artifacts.Single(a => a.Id == "meta/llama-3.1-70b");
        Assert.Equal("meta/llama-3.1-70b", resolved.Bases[0].Id);
        Assert.Equal(llama.Digest, resolved.Bases[0].Digest);
    }

    [Fact]
    public void Corpus_ids_match_exactly_and_a_pinned_digest_must_be_the_corpus_manifests()
    {
        var corpus = ReferenceCorpus.Bundled;
        var digest = corpus.Artifacts.Single(a => a.Id == "meta/llama-3.1-70b").Digest;

        Assert.Null(corpus.Find("Meta/Llama-3.1-70b"));
        Assert.Equal("meta/llama-3.1-70b", corpus.Find($"meta/llama-3.1-70b@{digest}")?.Id);
        Assert.Equal("meta/llama-3.1-70b", corpus.Find($"meta-llama/Llama-3.1-70B@{digest}")?.Id);
        Assert.Null(corpus.Find("meta/llama-3.1-70b@sha256:" + new string('0', 64)));
    }

    [Fact]
    public void The_callers_own_manifest_wins_over_a_corpus_model_of_the_same_id()
    {
        var own = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "meta/llama-3.1-70b", "training": { "computeFlop": 3e26 } }""");

        var resolved = LineageResolver.Resolve(FineTuneOf("meta/llama-3.1-70b"), Registry(own));

        Assert.Same(own, resolved.Bases[0].Manifest);
    }

    [Fact]
    public void A_merge_naming_one_corpus_model_by_id_and_by_alias_has_it_once_in_its_lineage()
    {
        var merge = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "t/merge", "lineage": { "base": ["meta/llama-3.1-70b", "meta-llama/Llama-3.1-70B"], "relation": "merge" } }""");

        var resolved = LineageResolver.Resolve(merge, Registry());

        Assert.Same(resolved.Bases[0], resolved.Bases[1]);
        Assert.Equal(["t/merge", "meta/llama-3.1-70b"], resolved.Closure().Select(a => a.Id));
    }

    [Theory]
    [InlineData("Meta/Llama-3.1-70b", "meta/llama-3.1-70b")]
    [InlineData("meta/llama-3-1-70b", "meta/llama-3.1-70b")]
    [InlineData("meta/lama-3.1-70b", "meta/llama-3.1-70b")]
    [InlineData("deepseek-ai/deepseek-v3-", "deepseek-ai/DeepSeek-V3")]
    [InlineData("qwen/qwen3-8", "Qwen/Qwen3-8B")]
    [InlineData("meta/llama-3.1-7b", null)]
    [InlineData("acme/frontier-1", null)]
    public void An_unknown_base_suggests_the_corpus_name_it_nearly_spells_but_never_one_with_other_digits(string reference, string? suggestion)
    {
        var error = Assert.Throws<InvalidInputException>(() => LineageResolver.Resolve(FineTuneOf(reference), Registry()));

        var message = error.Errors[0].Message;
        Assert.Equal("/lineage/base", error.Errors[0].Pointer);
        Assert.StartsWith($"unknown base artifact '{reference}': ", message, StringComparison.Ordinal);
        Assert.EndsWith("register it first, or name a model of the bundled corpus by its id or Hugging Face id (the corpus listing)", message, StringComparison.Ordinal);
        if (suggestion is null)
        {
            Assert.DoesNotContain("did you mean", message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"did you mean {suggestion}?", message, StringComparison.Ordinal);
        }
    }
}
