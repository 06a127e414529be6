using Compliance.Rules.Manifests;
using RulesEngine.Models;

namespace Compliance.Bench;

/// <summary>The facts the peer engine reads: the manifest flattened one lineage level deep, missing values as zero or false.</summary>
public sealed class PeerFacts
{
    public bool Trained { get; init; }
    public bool Released { get; init; }
    public bool Deployed { get; init; }
    public double ComputeFlop { get; init; }
    public double CostUsd { get; init; }
    public bool HasLineage { get; init; }
    public string Relation { get; init; } = "";
    public double LineageComputeFlop { get; init; }
    public double LineageCostUsd { get; init; }
    public double BaseComputeFlop { get; init; }
    public double BaseCostUsd { get; init; }
    public bool SameDeveloper { get; init; }
    public bool HasCluster { get; init; }
    public double ClusterOps { get; init; }
    public double ClusterGbps { get; init; }
    public bool AuditApplies { get; init; }

    public static PeerFacts From(Manifest m, DateOnly asOf)
    {
        var baseManifest = m.Lineage is { Base.Count: > 0 } lineage ? lineage.Base[0].Inline : null;
        return new PeerFacts
        {
            Trained = m.Training?.Status is not null,
            Released = m.Release?.Weights is "open" or "gated" or "licensed",
            Deployed = m.Deployments is { Count: > 0 } || m.Training?.ExternalInteraction == true,
            ComputeFlop = m.Training?.ComputeFlop ?? 0,
            CostUsd = m.Training?.CostUsd ?? 0,
            HasLineage = m.Lineage is not null,
            Relation = m.Lineage?.Relation ?? "",
            LineageComputeFlop = m.Lineage?.ComputeFlop ?? 0,
            LineageCostUsd = m.Lineage?.CostUsd ?? 0,
            BaseComputeFlop = baseManifest?.Training?.ComputeFlop ?? 0,
            BaseCostUsd = baseManifest?.Training?.CostUsd ?? 0,
            SameDeveloper = baseManifest?.Developer?.Name is { } b && m.Developer?.Name is { } d && string.Equals(b, d, StringComparison.OrdinalIgnoreCase),
            HasCluster = m.Training?.Cluster is not null,
            ClusterOps = m.Training?.Cluster?.PeakOpsPerSecond ?? 0,
            ClusterGbps = m.Training?.Cluster?.NetworkGbps ?? 0,
            AuditApplies = asOf >= new DateOnly(2026, 1, 1),
        };
    }
}

/// <summary>
/// SB 1047 (enrolled) written as a Microsoft RulesEngine workflow: the same definitions as global parameters and one
/// rule per obligation, the phase trigger folded into each expression. Two-valued: the comparison set states every fact.
/// </summary>
public static class PeerWorkflow
{
    private const string Tuning = "(m.Relation == \"finetune\" || m.Relation == \"adapter\" || m.Relation == \"continued-pretraining\")";

    public static Workflow Sb1047() => new()
    {
        WorkflowName = "us-ca-sb1047",
        GlobalParams =
        [
            new ScopedParam { Name = "baseCovered", Expression = "m.BaseComputeFlop > 1e26 && m.BaseCostUsd > 1e8" },
            new ScopedParam
            {
                Name = "covered",
                Expression = "((!m.HasLineage || m.Relation == \"distillation\") && m.ComputeFlop > 1e26 && m.CostUsd > 1e8)"
                    + $" || ({Tuning} && m.LineageComputeFlop > 1e26 && m.LineageCostUsd > 1e8)"
                    + $" || (baseCovered && {Tuning} && m.LineageComputeFlop >= 3e25 && m.LineageCostUsd > 1e7)",
            },
            // § 22602(i): a fine-tuner is the developer only past (e)'s figures, "greater than" 3x10^25 where (e)(1)(A)(ii)
            // covers "equal to or greater than" it; the developer duties follow (i), the cluster duties (e).
            new ScopedParam
            {
                Name = "developer",
                Expression = "covered && (!m.HasLineage || m.Relation == \"distillation\" || m.Relation == \"merge\" || m.Relation == \"quantization\""
                    + " || (m.LineageComputeFlop > 1e26 && m.LineageCostUsd > 1e8) || (m.LineageComputeFlop > 3e25 && m.LineageCostUsd > 1e7))",
            },
            new ScopedParam { Name = "derivative", Expression = $"baseCovered && ({Tuning} || m.Relation == \"merge\" || m.Relation == \"quantization\") && !developer" },
            new ScopedParam { Name = "ownOrDerivative", Expression = "developer || (derivative && m.SameDeveloper)" },
            new ScopedParam { Name = "cluster", Expression = "m.HasCluster && m.ClusterOps >= 1e20 && m.ClusterGbps > 100" },
            new ScopedParam { Name = "active", Expression = "m.Trained || m.Released || m.Deployed" },
            new ScopedParam { Name = "used", Expression = "m.Released || m.Deployed" },
        ],
        Rules =
        [
            .. new[] { "cybersecurity-protections", "full-shutdown", "safety-protocol", "safety-protocol-implement", "safety-protocol-retain", "safety-protocol-publish", "other-measures" }
                .Select(id => Rule(id, "m.Trained && developer")),
            .. new[] { "critical-harm-assessment", "test-records", "safeguards", "attribution", "no-unreasonable-risk" }
                .Select(id => Rule(id, "used && ownOrDerivative")),
            Rule("compliance-statement-initial", "used && developer"),
            .. new[] { "safety-protocol-review", "safety-protocol-update", "annual-reevaluation", "consider-guidance", "whistleblower-protection", "whistleblower-notice", "whistleblower-internal-process" }
                .Select(id => Rule(id, "active && developer")),
            Rule("third-party-audit", "active && developer && m.AuditApplies"),
            Rule("annual-compliance-statement", "active && ownOrDerivative && used"),
            Rule("incident-report", "active && ownOrDerivative"),
            Rule("cluster-customer-verification", "m.Trained && cluster && covered"),
            Rule("cluster-shutdown-capability", "m.Trained && cluster && covered"),
        ],
    };

    private static Rule Rule(string id, string expression) => new()
    {
        RuleName = "us-ca-sb1047/" + id,
        Expression = expression,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
    };
}
