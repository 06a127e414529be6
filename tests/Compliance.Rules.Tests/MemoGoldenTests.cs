using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Tests;

/// <summary>
/// The memo of every example manifest, as of a fixed date with a fixed id, held byte for byte to a file a person has
/// read. A change to the engine, a pack or the renderer that changes a memo shows as a diff of the memo itself.
/// Run with UPDATE_GOLDEN=1 to rewrite the files, then read the diff.
/// </summary>
public sealed class MemoGoldenTests
{
    public static readonly DateOnly AsOf = new(2026, 12, 2);
    public const string Engine = "golden";

    private static string GoldenFolder => Path.Combine(RepositoryRoot.Path, "tests", "Compliance.Rules.Tests", "Golden", "Memos");

    private static IReadOnlyDictionary<string, (string File, Manifest Manifest)> Examples { get; } = ReadExamples();

    private static Dictionary<string, (string File, Manifest Manifest)> ReadExamples()
    {
        var examples = new Dictionary<string, (string, Manifest)>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "examples"), "*.*").Order(StringComparer.Ordinal))
        {
            var yaml = JsonDocuments.IsYamlPath(path);
            if (yaml || path.EndsWith(".json", StringComparison.Ordinal))
            {
                var manifest = ManifestJson.ReadText(File.ReadAllText(path), yaml);
                examples[manifest.Id] = (Path.GetFileNameWithoutExtension(path), manifest);
            }
        }
        return examples;
    }

    public static TheoryData<string> ExampleFiles => [.. Examples.Values.Select(e => e.File).Order(StringComparer.Ordinal)];

    /// <summary>The decision the service would store for the example under the bills in force, with a fixed id and time.</summary>
    public static (EvaluationResult Result, Manifest Manifest) Decide(string file)
    {
        var manifest = Examples.Values.Single(e => e.File == file).Manifest;
        // A fine-tune names another example as its base, as a registered manifest would be named, or a corpus model.
        var artifact = LineageResolver.Resolve(manifest,
            BaseRegistry.WithCorpus(id => Examples.TryGetValue(id, out var e) ? e.Manifest : null, "register it", "GET /v1/corpus"), "");
        var selection = BillSelection.For(null, AsOf, BillCatalog.Bundled, BillCatalog.Bundled, "/bills");
        var result = Evaluator.Evaluate(artifact, selection.Bills, new EvaluationOptions
        {
            AsOf = AsOf,
            Trace = false,
            Selection = selection.Mode,
            UpcomingBills = selection.Upcoming,
        });
        return (result with { Id = "ev_0000000000000000000000000golden", CreatedAt = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.Zero) }, manifest);
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Each_example_reads_as_its_golden_memo(string file)
    {
        var (result, manifest) = Decide(file);
        AssertGolden(file + ".md", DecisionMemo.Markdown(result, manifest, Engine));
    }

    [Fact]
    public void The_html_memo_of_an_open_release_is_its_golden_page()
    {
        var (result, manifest) = Decide("frontier-release");
        AssertGolden("frontier-release.html", MemoHtml.Document(DecisionMemo.Title(result, manifest), DecisionMemo.Markdown(result, manifest, Engine)));
    }

    [Fact]
    public void The_same_decision_gives_the_same_bytes()
    {
        var (first, manifest) = Decide("api-deployment");
        var (second, _) = Decide("api-deployment");
        Assert.Equal(DecisionMemo.Markdown(first, manifest, Engine), DecisionMemo.Markdown(second, manifest, Engine));
        Assert.Equal(
            MemoHtml.Document(DecisionMemo.Title(first, manifest), DecisionMemo.Markdown(first, manifest, Engine)),
            MemoHtml.Document(DecisionMemo.Title(second, manifest), DecisionMemo.Markdown(second, manifest, Engine)));
    }

    private static void AssertGolden(string name, string actual)
    {
        var path = Path.Combine(GoldenFolder, name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenFolder);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden memo {name}: run the tests with UPDATE_GOLDEN=1 and read what they write");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
