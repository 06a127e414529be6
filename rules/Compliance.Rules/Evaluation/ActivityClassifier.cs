using Compliance.Rules.Manifests;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// Tells release (making weights or code available) from deployment (running a system on the model for someone),
/// following the contract's table (docs/design.md), and says why for each. An act the manifest does not declare is not assumed,
/// except when a gate asks about it.
/// </summary>
public static class ActivityClassifier
{
    public static IReadOnlyList<ActivityResult> Classify(Manifest manifest, ActivityKind? assumed = null)
    {
        var activities = new List<ActivityResult>();
        if (manifest.Training?.Status is { } status)
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Training,
                Because = $"training.status = {status}: the artifact's own training (pre-training duties apply)",
            });
        }
        if (manifest.Training?.ExternalInteraction == true)
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Deployment,
                Scope = "training-evaluation",
                Because = "training.externalInteraction = true: evaluations during training are connected to external systems, which is deployment even before release",
            });
        }
        ClassifyRelease(manifest.Release, activities);
        foreach (var deployment in manifest.Deployments ?? [])
        {
            activities.Add(Deployment(deployment));
        }
        if (assumed is { } asked && asked != ActivityKind.Neither && !Declares(activities, asked))
        {
            activities.Add(new ActivityResult
            {
                Activity = asked,
                Scope = asked == ActivityKind.Release ? "weights" : null,
                Assumed = true,
                Because = $"assumed: the gate asks whether this {asked.ToString().ToLowerInvariant()} may proceed, though the manifest does not declare it",
            });
        }
        if (activities.Count == 0)
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Neither,
                Because = "the manifest declares no training, release or deployment",
            });
        }
        return activities;
    }

    /// <summary>Whether the manifest declares the act (a release of code alone is not a release of the model).</summary>
    private static bool Declares(List<ActivityResult> activities, ActivityKind kind) =>
        activities.Exists(a => a.Activity == kind && a.Scope != "code");

    /// <summary>Whether the release makes the weights available to others: published, gated or licensed.</summary>
    public static bool ReleasesWeights(Release? release) => release?.Weights is "open" or "gated" or "licensed";

    private static void ClassifyRelease(Release? release, List<ActivityResult> activities)
    {
        if (ReleasesWeights(release))
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Release,
                Scope = "weights",
                Because = release!.Weights switch
                {
                    "open" => "release.weights = open: the weights are published for anyone to download",
                    "gated" => "release.weights = gated: the weights are downloadable by those granted access",
                    _ => "release.weights = licensed: the weights are sold or licensed to customers",
                },
            });
            return;
        }
        if (release?.Weights is "internal")
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Neither,
                Scope = "weights",
                Because = "release.weights = internal: weights shared only inside the developing organisation are not released",
            });
        }
        if (release?.Code is "open" or "licensed")
        {
            activities.Add(new ActivityResult
            {
                Activity = ActivityKind.Release,
                Scope = "code",
                Because = $"release.code = {release.Code} without the weights: a release of code only, to which most bills attach no duty",
            });
        }
    }

    private static ActivityResult Deployment(Deployment deployment) => deployment.Channel switch
    {
        "internal" => new ActivityResult
        {
            Activity = ActivityKind.Deployment,
            Deployment = deployment.Id,
            Internal = true,
            Because = "channel = internal: used inside the organisation for a purpose other than training or evaluation",
        },
        null => new ActivityResult
        {
            Activity = ActivityKind.Deployment,
            Deployment = deployment.Id,
            Because = "listed under deployments (channel not given)",
        },
        var channel => new ActivityResult
        {
            Activity = ActivityKind.Deployment,
            Deployment = deployment.Id,
            Because = $"channel = {channel}: a system runs the model and answers inputs for someone",
        },
    };
}
