using System.Text.Json;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using RulesEngine.Models;

namespace Compliance.Bench;

/// <summary>Before racing, both engines must list the same SB 1047 obligations on a spread of manifests, or the race is void.</summary>
public static class PeerEquivalence
{
    private static readonly string[] Manifests =
    [
        TypicalManifest.Json,
        """{ "schemaVersion": "1", "id": "a/base", "developer": { "name": "A" }, "training": { "status": "completed", "computeFlop": 2e26, "costUsd": 2e8 }, "release": { "weights": "open" } }""",
        """{ "schemaVersion": "1", "id": "a/at", "training": { "status": "completed", "computeFlop": 1e26, "costUsd": 2e8 }, "release": { "weights": "open" } }""",
        """{ "schemaVersion": "1", "id": "a/api", "training": { "computeFlop": 3e26, "costUsd": 3e8 }, "release": { "weights": "none" }, "deployments": [ { "id": "d", "channel": "api" } ] }""",
        """{ "schemaVersion": "1", "id": "a/cluster", "training": { "status": "planned", "computeFlop": 3e26, "costUsd": 3e8, "cluster": { "peakOpsPerSecond": 1e20, "networkGbps": 400 } } }""",
        """{ "schemaVersion": "1", "id": "b/quant", "developer": { "name": "A" }, "lineage": { "relation": "quantization", "base": { "schemaVersion": "1", "id": "a/base", "developer": { "name": "A" }, "training": { "computeFlop": 2e26, "costUsd": 2e8 } } }, "release": { "weights": "open" } }""",
        """{ "schemaVersion": "1", "id": "c/tune", "developer": { "name": "C" }, "lineage": { "relation": "finetune", "computeFlop": 3e25, "costUsd": 2e7, "base": { "schemaVersion": "1", "id": "a/base", "developer": { "name": "A" }, "training": { "computeFlop": 2e26, "costUsd": 2e8 } } }, "training": { "status": "completed" }, "release": { "weights": "open" } }""",
        """{ "schemaVersion": "1", "id": "c/light", "developer": { "name": "C" }, "lineage": { "relation": "finetune", "computeFlop": 1e24, "costUsd": 2e6, "base": { "schemaVersion": "1", "id": "a/base", "developer": { "name": "A" }, "training": { "computeFlop": 2e26, "costUsd": 2e8 } } }, "release": { "weights": "open" } }""",
        """{ "schemaVersion": "1", "id": "s/small", "training": { "status": "completed", "computeFlop": 1e24, "costUsd": 1e6 }, "release": { "weights": "open" } }""",
    ];

    public static void Check(RulesEngine.RulesEngine peer, IReadOnlyList<BillPack> sb1047, DateOnly asOf)
    {
        foreach (var json in Manifests)
        {
            var manifest = JsonSerializer.Deserialize<Manifest>(json, ManifestJson.Options)!;
            var ours = Evaluator.Evaluate(LineageResolver.Resolve(manifest, _ => null), sb1047, new EvaluationOptions { AsOf = asOf, Trace = false })
                .Bills[0].Obligations.Select(o => o.Id).ToHashSet();
            var theirs = peer.ExecuteAllRulesAsync("us-ca-sb1047", new RuleParameter("m", PeerFacts.From(manifest, asOf))).AsTask().GetAwaiter().GetResult()
                .Where(r => r.IsSuccess).Select(r => r.Rule.RuleName).ToHashSet();
            if (!ours.SetEquals(theirs))
            {
                throw new InvalidOperationException($"the engines disagree on {manifest.Id}: ours only [{string.Join(", ", ours.Except(theirs))}], peer only [{string.Join(", ", theirs.Except(ours))}]");
            }
        }
    }
}
