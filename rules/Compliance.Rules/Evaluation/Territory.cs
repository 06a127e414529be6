using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Whether an act reaches a bill's territory. Definitions are properties of the artifact and ignore territory; an
/// obligation applies only to an act that reaches the bill's jurisdiction. An open release that names no
/// jurisdictions reaches everywhere; a gated or licensed release, or a deployment, that names none is unknown.
/// Training, incident and periodic duties follow the developer: they reach the territory when the developer is
/// established there or the model is released or deployed there; a model with no link to it owes them nothing.
/// </summary>
internal static class Territory
{
    // The Union's member states (ISO 3166-1 alpha-2; Greece is EL in EU usage and GR in ISO: both accepted).
    private static readonly HashSet<string> EuMembers = new(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "EL", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EuMemberCodes = EuMembers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the act reaches the territory, the fact that would settle it when unknown, and (when explained) why.</summary>
    public readonly record struct Reach(Tri Value, string? Need, string? Note);

    /// <summary>
    /// Whether the act reaches <paramref name="territory"/>. The note is written only when <paramref name="explain"/>
    /// is set: it is for the trace, and an evaluation without one should not pay for the words.
    /// </summary>
    public static Reach Of(IReadOnlyList<string> territory, Phase phase, Manifest manifest, Deployment? deployment, bool perDeployment, bool excludesInternalUse, bool explain)
    {
        if (territory.Count == 0)
        {
            return new Reach(Tri.True, null, "the bill has no territorial limit");
        }
        switch (phase)
        {
            case Phase.Release:
                if (manifest.Release?.Jurisdictions is { } released)
                {
                    return Matches(released, territory)
                        ? new Reach(Tri.True, null, explain ? $"the release reaches {Where(territory)} (it names {string.Join(", ", released)})" : null)
                        : new Reach(Tri.False, null, explain ? $"the release names {string.Join(", ", released)}, outside {Where(territory)}" : null);
                }
                return manifest.Release?.Weights == "open"
                    ? new Reach(Tri.True, null, "an open release that names no jurisdictions reaches everywhere")
                    : new Reach(Tri.Unknown, "release.jurisdictions", explain ? $"the release names no jurisdictions: unknown whether it reaches {Where(territory)}" : null);
            case Phase.Deployment when perDeployment || deployment is not null:
                return deployment?.Jurisdictions is { } served
                    ? Matches(served, territory)
                        ? new Reach(Tri.True, null, explain ? $"the deployment reaches {Where(territory)} (it serves {string.Join(", ", served)})" : null)
                        : new Reach(Tri.False, null, explain ? $"the deployment serves {string.Join(", ", served)}, outside {Where(territory)}" : null)
                    : new Reach(Tri.Unknown, "deployment.jurisdictions", explain ? $"the deployment names no jurisdictions: unknown whether it reaches {Where(territory)}" : null);
            case Phase.Deployment:
                return AnyDeployment(territory, manifest, excludesInternalUse, explain);
            default:
                return Developer(territory, manifest, explain);
        }
    }

    /// <summary>
    /// Whether a developer's training, incident or periodic duty reaches the territory: the developer is established
    /// there, or the model is released or deployed there (a law reaches whoever places a model on its market, wherever
    /// established). Unknown names the first fact that would settle it.
    /// </summary>
    private static Reach Developer(IReadOnlyList<string> territory, Manifest manifest, bool explain)
    {
        string? unknown = null;
        if (manifest.Developer?.Headquarters is { } hq)
        {
            if (Matches([hq], territory))
            {
                return new Reach(Tri.True, null, explain ? $"the developer is established in {hq}, within {Where(territory)}" : null);
            }
        }
        else
        {
            unknown = "developer.headquarters";
        }
        if (manifest.Release is { } release && (ActivityClassifier.ReleasesWeights(release) || release.Code is "open" or "licensed"))
        {
            var reach = Of(territory, Phase.Release, manifest, null, false, false, explain);
            if (reach.Value == Tri.True)
            {
                return new Reach(Tri.True, null, explain ? $"the model's release reaches {Where(territory)}" : null);
            }
            unknown ??= reach.Need;
        }
        if (manifest.Deployments is { Count: > 0 })
        {
            var reach = AnyDeployment(territory, manifest, excludesInternalUse: false, explain);
            if (reach.Value == Tri.True)
            {
                return new Reach(Tri.True, null, explain ? $"the model is deployed in {Where(territory)}" : null);
            }
            unknown ??= reach.Need;
        }
        return unknown is not null
            ? new Reach(Tri.Unknown, unknown, explain ? $"unknown whether the developer or the model reaches {Where(territory)}: {unknown} would settle it" : null)
            : new Reach(Tri.False, null, explain ? $"neither the developer ({manifest.Developer?.Headquarters}) nor the model's release or deployments reach {Where(territory)}" : null);
    }

    private static string Where(IReadOnlyList<string> territory) => string.Join(", ", territory);

    private static Reach AnyDeployment(IReadOnlyList<string> territory, Manifest manifest, bool excludesInternalUse, bool explain)
    {
        string? unknown = null;
        var deployments = manifest.Deployments ?? [];
        for (var i = 0; i < deployments.Count; i++)
        {
            var d = deployments[i];
            if (excludesInternalUse && d.Channel == "internal")
            {
                continue;
            }
            if (d.Jurisdictions is null)
            {
                unknown ??= $"deployments[{d.Id}].jurisdictions";
            }
            else if (Matches(d.Jurisdictions, territory))
            {
                return new Reach(Tri.True, null, explain ? $"deployment {d.Id} reaches {Where(territory)}" : null);
            }
        }
        if (manifest.Training?.ExternalInteraction == true)
        {
            // Evaluations wired to the world during training run where the developer is established.
            if (manifest.Developer?.Headquarters is { } hq)
            {
                if (Matches([hq], territory))
                {
                    return new Reach(Tri.True, null, explain ? $"evaluations during training run from developer.headquarters {hq}, in {Where(territory)}" : null);
                }
            }
            else
            {
                unknown ??= "developer.headquarters";
            }
        }
        return unknown is not null
            ? new Reach(Tri.Unknown, unknown, explain ? $"a deployment names no jurisdictions: unknown whether it reaches {Where(territory)}" : null)
            : new Reach(Tri.False, null, explain ? $"no deployment reaches {Where(territory)}" : null);
    }

    /// <summary>A code reaches a territory when it is the territory, lies within it (US-CA in US; DE in EU), or contains it (US contains US-CA).</summary>
    public static bool Matches(IReadOnlyList<string> codes, IReadOnlyList<string> territory)
    {
        for (var i = 0; i < codes.Count; i++)
        {
            for (var j = 0; j < territory.Count; j++)
            {
                if (Matches(codes[i], territory[j]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static bool Matches(string code, string territory) =>
        code == territory
        || Within(code, territory)
        || Within(territory, code)
        || (territory == "EU" && EuMemberCodes.Contains(Country(code)))
        || (code == "EU" && EuMemberCodes.Contains(Country(territory)));

    /// <summary>Whether <paramref name="code"/> is a subdivision of <paramref name="region"/>: US-CA of US.</summary>
    private static bool Within(string code, string region) =>
        code.Length > region.Length && code[region.Length] == '-' && code.StartsWith(region, StringComparison.Ordinal);

    /// <summary>The country part of a code: DE of DE-BY.</summary>
    private static ReadOnlySpan<char> Country(string code) =>
        code.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? code.AsSpan(0, dash) : code;
}
