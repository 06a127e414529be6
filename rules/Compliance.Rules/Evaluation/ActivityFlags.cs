using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>The acts a manifest declares, among those a bill regulates: what decides which of its duties are triggered.</summary>
internal readonly record struct ActivityFlags(bool Training, bool Release, bool Deployment, bool ExternalDeployment)
{
    public static ActivityFlags Of(IReadOnlyList<ActivityResult> activities, IReadOnlyList<Phase> regulated)
    {
        bool training = false, release = false, deployment = false, external = false;
        for (var i = 0; i < activities.Count; i++)
        {
            var a = activities[i];
            training |= a.Activity == ActivityKind.Training;
            release |= a.Activity == ActivityKind.Release && a.Scope != "code";
            deployment |= a.Activity == ActivityKind.Deployment;
            external |= a.Activity == ActivityKind.Deployment && a.Internal != true;
        }
        var deploymentRegulated = Regulates(regulated, Phase.Deployment);
        return new(
            training && Regulates(regulated, Phase.Training),
            release && Regulates(regulated, Phase.Release),
            deployment && deploymentRegulated,
            external && deploymentRegulated);
    }

    private static bool Regulates(IReadOnlyList<Phase> regulated, Phase phase)
    {
        for (var i = 0; i < regulated.Count; i++)
        {
            if (regulated[i] == phase)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The first of the duty's phases that an act triggers: training duties for a manifest with its own training,
    /// release duties for a release of weights (a code-only release triggers none), deployment duties for each
    /// deployment, incident and periodic duties while the model is trained, released or deployed.
    /// </summary>
    public Phase? TriggeringPhase(Obligation obligation)
    {
        var deployment = obligation.ExcludesInternalUse ? ExternalDeployment : Deployment;
        for (var i = 0; i < obligation.Phases.Count; i++)
        {
            var phase = obligation.Phases[i];
            var triggered = phase switch
            {
                Phase.Training => Training,
                Phase.Release => Release,
                Phase.Deployment => deployment,
                _ => Training || Release || deployment,
            };
            if (triggered)
            {
                return phase;
            }
        }
        return null;
    }
}
