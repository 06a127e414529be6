using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using RulesEngine.Models;

namespace Compliance.Bench;

/// <summary>
/// Parse-only (the limit), ours (parse + evaluate, with and without trace, one bill and all bills), the peer
/// (Microsoft RulesEngine on the same SB 1047 rules), and schema validation alone, on one typical manifest.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly DateOnly AsOf = new(2026, 7, 1);
    private IReadOnlyList<BillPack> _sb1047 = null!;
    private IReadOnlyList<BillPack> _all = null!;
    private RulesEngine.RulesEngine _peer = null!;
    private ResolvedArtifact _resolved = null!;
    private System.Text.Json.Nodes.JsonNode _node = null!;
    private Manifest _manifest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sb1047 = [BillCatalog.Bundled.Find("us-ca-sb1047")!];
        _all = BillCatalog.Bundled.Defaults.ToList();
        _peer = new RulesEngine.RulesEngine([PeerWorkflow.Sb1047()], new ReSettings());
        _resolved = Resolve(TypicalManifest.Json);
        _node = JsonDocuments.ParseJson(TypicalManifest.Json);
        _manifest = JsonSerializer.Deserialize<Manifest>(TypicalManifest.Json, ManifestJson.Options)!;
        PeerEquivalence.Check(_peer, _sb1047, AsOf);
        ResultFootprint.Print("SB 1047, trace off", _resolved, _sb1047, new EvaluationOptions { AsOf = AsOf, Trace = false });
        ResultFootprint.Print("all bills, trace off", _resolved, _all, new EvaluationOptions { AsOf = AsOf, Trace = false });
    }

    private static ResolvedArtifact Resolve(string json) =>
        LineageResolver.Resolve(JsonSerializer.Deserialize<Manifest>(json, ManifestJson.Options)!, _ => null);

    [Benchmark(Baseline = true, Description = "limit: System.Text.Json deserialise only")]
    public Manifest ParseOnly() => JsonSerializer.Deserialize<Manifest>(TypicalManifest.Json, ManifestJson.Options)!;

    [Benchmark(Description = "ours: parse + evaluate SB 1047, trace off")]
    public EvaluationResult OursSb1047() =>
        Evaluator.Evaluate(Resolve(TypicalManifest.Json), _sb1047, new EvaluationOptions { AsOf = AsOf, Trace = false });

    [Benchmark(Description = "ours: parse + evaluate SB 1047, trace on")]
    public EvaluationResult OursSb1047Traced() =>
        Evaluator.Evaluate(Resolve(TypicalManifest.Json), _sb1047, new EvaluationOptions { AsOf = AsOf, Trace = true });

    [Benchmark(Description = "ours: parse + evaluate all bills, trace off")]
    public EvaluationResult OursAllBills() =>
        Evaluator.Evaluate(Resolve(TypicalManifest.Json), _all, new EvaluationOptions { AsOf = AsOf, Trace = false });

    [Benchmark(Description = "ours: parse + evaluate all bills, trace on")]
    public EvaluationResult OursAllBillsTraced() =>
        Evaluator.Evaluate(Resolve(TypicalManifest.Json), _all, new EvaluationOptions { AsOf = AsOf, Trace = true });

    [Benchmark(Description = "ours: evaluate SB 1047 only (parsed), trace off")]
    public EvaluationResult OursEvaluateOnly() =>
        Evaluator.Evaluate(_resolved, _sb1047, new EvaluationOptions { AsOf = AsOf, Trace = false });

    [Benchmark(Description = "ours: resolve lineage and digest (parsed)")]
    public ResolvedArtifact OursResolveOnly() => LineageResolver.Resolve(_manifest, _ => null);

    [Benchmark(Description = "peer: parse + RulesEngine SB 1047")]
    public async Task<List<RuleResultTree>> PeerSb1047() =>
        await _peer.ExecuteAllRulesAsync("us-ca-sb1047", new RuleParameter("m", PeerFacts.From(JsonSerializer.Deserialize<Manifest>(TypicalManifest.Json, ManifestJson.Options)!, AsOf)));

    // The engines alone, on a manifest already parsed: ours reads its facts from the resolved manifest, the peer
    // flattens the same manifest into its fact object; neither parses.
    [Benchmark(Description = "peer: RulesEngine SB 1047 only (parsed)")]
    public async Task<List<RuleResultTree>> PeerEvaluateOnly() =>
        await _peer.ExecuteAllRulesAsync("us-ca-sb1047", new RuleParameter("m", PeerFacts.From(_manifest, AsOf)));

    [Benchmark(Description = "NJsonSchema: validate the manifest only")]
    public int SchemaValidation() => SchemaValidator.Manifest.Explain(_node).Count;

    [Benchmark(Description = "compiled schema: accept the manifest (the request path)")]
    public int CompiledSchemaValidation() => SchemaValidator.Manifest.Validate(_node).Count;
}
