using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class CorpusTests
{
    private static readonly string CorpusFolder = Path.Combine(RepositoryRoot.Path, "rules", "corpus");


    public static TheoryData<string> CorpusFiles() =>
        [.. Directory.EnumerateFiles(CorpusFolder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(CorpusFolder, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_corpus_file_is_a_valid_manifest_citing_a_dated_source(string file)
    {
        var node = JsonDocuments.Parse(File.ReadAllText(Path.Combine(CorpusFolder, file)), yaml: false);

        Assert.Empty(SchemaValidator.Manifest.Validate(node));
        var manifest = ManifestJson.Read(node);
        Assert.NotNull(manifest.Sources);
        Assert.NotEmpty(manifest.Sources);
        Assert.All(manifest.Sources, s =>
        {
            Assert.StartsWith("https://", s.Uri, StringComparison.Ordinal);
            Assert.NotNull(s.Retrieved);
            Assert.False(string.IsNullOrWhiteSpace(s.Title));
        });
        // The file sits where its id says, so an analyst can find a model's file from its id.
        Assert.Equal(manifest.Id.ToLowerInvariant() + ".json", file.Replace('\\', '/'));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_figure_in_a_corpus_file_names_the_source_it_was_read_from(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(CorpusFolder, file)))!;
        var manifest = ManifestJson.Read(node);
        var cited = (manifest.Sources ?? []).SelectMany(s => s.Facts ?? []).ToList();

        // A number anywhere in the manifest (compute, cost, parameters, revenue) is a figure someone read somewhere.
        Assert.All(Figures(node, ""), pointer => Assert.Contains(pointer, cited));
        Assert.All(cited, pointer => Assert.True(Resolve(node, pointer) is not null, $"{pointer} names no fact of {manifest.Id}"));
    }

    private static IEnumerable<string> Figures(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(p => Figures(p.Value, $"{pointer}/{p.Key}")),
        JsonArray a => a.SelectMany((v, i) => Figures(v, $"{pointer}/{i}")),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => [pointer],
        _ => [],
    };

    private static JsonNode? Resolve(JsonNode node, string pointer) =>
        pointer.Split('/').Skip(1).Aggregate((JsonNode?)node, (at, segment) => at switch
        {
            JsonObject o => o[segment],
            JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
            _ => null,
        });

    [Fact]
    public void Every_lineage_names_its_bases_by_corpus_id_or_inline_and_each_named_base_is_in_the_corpus()
    {
        var corpus = ReferenceCorpus.Bundled;
        var ids = corpus.Entries.Select(e => e.Manifest.Id).ToHashSet(StringComparer.Ordinal);

        var named = corpus.Entries.SelectMany(e => NamedBases(e.Manifest)).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, id => Assert.Contains(id, ids));
    }

    // The bases a manifest names by id, its inline bases' own included.
    private static IEnumerable<string> NamedBases(Manifest m) =>
        (m.Lineage?.Base ?? []).SelectMany(b => b.Inline is { } inline ? NamedBases(inline) : [b.Id!]);

    [Fact]
    public void The_bundled_corpus_holds_every_file_with_base_models_and_each_kind_of_derivative()
    {
        var corpus = ReferenceCorpus.Bundled;

        Assert.Equal(CorpusFiles().Count, corpus.Entries.Count);
        Assert.True(corpus.Entries.Count >= 150, $"{corpus.Entries.Count} manifests");
        var relations = corpus.Entries.Select(e => e.Manifest.Lineage?.Relation).OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "finetune", "continued-pretraining", "quantization", "merge" }, relations);
        Assert.Contains(corpus.Entries, e => e.Manifest.Release?.Weights == "open" && e.Manifest.Lineage is null);
        Assert.Contains(corpus.Entries, e => e.Manifest.Deployments is { Count: > 0 } && e.Manifest.Release?.Weights == "internal");
        Assert.All(corpus.Artifacts, a => Assert.Equal(a.Manifest.Lineage?.Base.Count ?? 0, a.Bases.Count));
    }

    [Fact]
    public void A_model_without_a_published_estimate_has_no_compute_rather_than_a_guess()
    {
        var gpt4o = ReferenceCorpus.Bundled.Entries.Single(e => e.Manifest.Id == "openai/gpt-4o").Manifest;

        Assert.Null(gpt4o.Training?.ComputeFlop);
        Assert.Null(gpt4o.Training?.CostUsd);
    }

    // SB 1047 § 22602(e)(1)(A) and (f), read from the corpus columns rather than through the engine: (i) a model trained
    // from scratch above the compute and the cost figures, or a fine-tuning step above both; (ii) a fine-tune of a
    // covered model, or of a covered model derivative, with at least 3e25 operations costing over $10M. A derivative is
    // a copy (fine-tuned, adapted, trained further, merged or quantized) of a covered model or derivative whose maker did
    // not become the developer of a new covered model. A blank column is unknown, so the comparison is too.
    private sealed record Sb1047HandCount(double Threshold, IReadOnlyDictionary<string, Manifest> ById)
    {
        private const double CostFigure = 1e8, DerivativeCompute = 3e25, DerivativeCost = 1e7;

        public bool? Covered(Manifest m)
        {
            if (m.Lineage is not { } lineage || lineage.Relation is "distillation")
            {
                return And(Above(m.Training?.ComputeFlop, Threshold), Above(m.Training?.CostUsd, CostFigure));
            }
            if (!IsFineTuning(lineage))
            {
                return lineage.Relation is "merge" or "quantization" ? false : throw new NotSupportedException($"{m.Id}: no hand count for {lineage.Relation}");
            }
            var fineTuneOfCovered = And(BaseQualifies(lineage), And(AtLeast(lineage.ComputeFlop, DerivativeCompute), Above(lineage.CostUsd, DerivativeCost)));
            return Or(OwnStepAboveFigures(lineage), fineTuneOfCovered);
        }

        private bool? Derivative(Manifest m) =>
            m.Lineage is not { Relation: not "distillation" } lineage ? false : And(BaseQualifies(lineage), Not(BecameDeveloper(m, lineage)));

        // § 22602(i): its maker trained it above (e)'s figures, from scratch or in a fine-tuning step above either pair.
        private bool? BecameDeveloper(Manifest m, Manifests.Lineage lineage) =>
            And(Covered(m), IsFineTuning(lineage)
                ? Or(OwnStepAboveFigures(lineage), And(Above(lineage.ComputeFlop, DerivativeCompute), Above(lineage.CostUsd, DerivativeCost)))
                : true);

        private bool? BaseQualifies(Manifests.Lineage lineage) =>
            lineage.Base.Select(b => b.Inline ?? ById[b.Id!]).Select(b => Or(Covered(b), Derivative(b))).Aggregate((bool?)false, Or);

        private bool? OwnStepAboveFigures(Manifests.Lineage lineage) => And(Above(lineage.ComputeFlop, Threshold), Above(lineage.CostUsd, CostFigure));

        private static bool IsFineTuning(Manifests.Lineage lineage) => lineage.Relation is "finetune" or "adapter" or "continued-pretraining";
    }

    private static bool? Above(double? value, double figure) => value is { } v ? v > figure : null;

    private static bool? AtLeast(double? value, double figure) => value is { } v ? v >= figure : null;

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;

    private static bool? Not(bool? a) => a is { } v ? !v : null;

    [Fact]
    public void A_compute_threshold_sweep_over_the_corpus_matches_a_hand_count_of_its_compute_and_cost_columns()
    {
        var corpus = ReferenceCorpus.Bundled;
        var byId = corpus.Entries.ToDictionary(e => e.Manifest.Id, e => e.Manifest, StringComparer.Ordinal);
        var sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;
        var values = Sweep.Range(1e23, 1e27, 9, log: true);

        var sweep = Sweep.Run(corpus.Artifacts, sb1047, "covered_compute_flop", values, new DateOnly(2026, 11, 1));

        Assert.Equal(corpus.Entries.Count, sweep.Artifacts);
        foreach (var point in sweep.Points)
        {
            var handCount = new Sb1047HandCount(point.Value, byId);
            var hand = corpus.Entries.Select(e => handCount.Covered(e.Manifest)).ToList();
            var expected = new TriCounts(hand.Count(h => h == true), hand.Count(h => h == false), hand.Count(h => h is null));
            Assert.Equal(expected, point.Counts["covered_model"]);
        }
        // The corpus's three models above 1e26: Grok 3 (3.5e26, $850M at cloud prices) is covered at the enacted figure;
        // GPT-4.5 (3.8e26) and Grok 4 (5e26) have no cloud-cost estimate and stay undetermined; all fall out at 1e27.
        Assert.Equal(1, sweep.Points.Single(p => p.Value == 1e26).Counts["covered_model"].True);
        Assert.Equal(["openai/gpt-4.5", "xai/grok-3", "xai/grok-4"], sweep.Points.Single(p => p.Value == 1e27).Flipped);
    }
}
