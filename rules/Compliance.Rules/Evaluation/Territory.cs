using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Whether an act reaches a bill's territory. Definitions are properties of the artifact and ignore territory; an
/// obligation applies only to an act that reaches the bill's jurisdiction. An open release that names no
/// jurisdictions reaches everywhere; a gated or licensed release, or a deployment, that names none is unknown.
/// Training, incident and periodic duties follow the developer and are not filtered here.
/// </summary>
internal static class Territory
{
    // The Union's member states (ISO 3166-1 alpha-2; Greece is EL in EU usage and GR in ISO: both accepted).
    private static readonly HashSet<string> EuMembers = new(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    };

    public readonly record struct Reach(Tri Value, string? Need, string Note);

    public static Reach Of(IReadOnlyList<string> territory, Phase phase, Manifest manifest, Deployment? deployment, bool perDeployment, bool excludesInternalUse)
    {
        if (territory.Count == 0)
        {
            return new Reach(Tri.True, null, "the bill has no territorial limit");
        }
        var where = string.Join(", ", territory);
        switch (phase)
        {
            case Phase.Release:
                if (manifest.Release?.Jurisdictions is { } released)
                {
                    return Matches(released, territory)
                        ? new Reach(Tri.True, null, $"release.jurisdictions [{string.Join(", ", released)}] reaches {where}")
                        : new Reach(Tri.False, null, $"release.jurisdictions [{string.Join(", ", released)}] does not reach {where}");
                }
                return manifest.Release?.Weights == "open"
                    ? new Reach(Tri.True, null, "an open release that names no jurisdictions reaches everywhere")
                    : new Reach(Tri.Unknown, "release.jurisdictions", $"the release names no jurisdictions: unknown whether it reaches {where}");
            case Phase.Deployment when perDeployment || deployment is not null:
                return deployment?.Jurisdictions is { } served
                    ? Matches(served, territory)
                        ? new Reach(Tri.True, null, $"deployment.jurisdictions [{string.Join(", ", served)}] reaches {where}")
                        : new Reach(Tri.False, null, $"deployment.jurisdictions [{string.Join(", ", served)}] does not reach {where}")
                    : new Reach(Tri.Unknown, "deployment.jurisdictions", $"the deployment names no jurisdictions: unknown whether it reaches {where}");
            case Phase.Deployment:
                return AnyDeployment(territory, manifest, where, excludesInternalUse);
            default:
                return new Reach(Tri.True, null, $"{phase.ToString().ToLowerInvariant()} duties follow the developer, wherever the act");
        }
    }

    private static Reach AnyDeployment(IReadOnlyList<string> territory, Manifest manifest, string where, bool excludesInternalUse)
    {
        string? unknown = null;
        foreach (var d in (manifest.Deployments ?? []).Where(d => !excludesInternalUse || d.Channel != "internal"))
        {
            if (d.Jurisdictions is null)
            {
                unknown ??= $"deployments[{d.Id}].jurisdictions";
            }
            else if (Matches(d.Jurisdictions, territory))
            {
                return new Reach(Tri.True, null, $"deployment {d.Id} serves [{string.Join(", ", d.Jurisdictions)}], which reaches {where}");
            }
        }
        if (manifest.Training?.ExternalInteraction == true)
        {
            // Evaluations wired to the world during training run where the developer is established.
            if (manifest.Developer?.Headquarters is { } hq)
            {
                if (Matches([hq], territory))
                {
                    return new Reach(Tri.True, null, $"evaluations during training run from developer.headquarters {hq}, in {where}");
                }
            }
            else
            {
                unknown ??= "developer.headquarters";
            }
        }
        return unknown is not null
            ? new Reach(Tri.Unknown, unknown, $"a deployment names no jurisdictions: unknown whether it reaches {where}")
            : new Reach(Tri.False, null, $"no deployment reaches {where}");
    }

    /// <summary>A code reaches a territory when it is the territory, lies within it (US-CA in US; DE in EU), or contains it (US contains US-CA).</summary>
    public static bool Matches(IReadOnlyList<string> codes, IReadOnlyList<string> territory) =>
        codes.Any(code => territory.Any(t => Matches(code, t)));

    private static bool Matches(string code, string territory) =>
        code == territory
        || code.StartsWith(territory + "-", StringComparison.Ordinal)
        || territory.StartsWith(code + "-", StringComparison.Ordinal)
        || (territory == "EU" && EuMembers.Contains(code.Split('-')[0]))
        || (code == "EU" && EuMembers.Contains(territory.Split('-')[0]));
}
