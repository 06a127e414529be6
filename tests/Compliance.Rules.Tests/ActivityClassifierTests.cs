using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Tests;

/// <summary>The table of the contract (docs/design.md): each fact, the activity it is, and a reason.</summary>
public sealed class ActivityClassifierTests
{
    private static IReadOnlyList<ActivityResult> Classify(string body) =>
        ActivityClassifier.Classify(TestPacks.Manifest($$"""{ "schemaVersion": "1", "id": "a/m"{{body}} }"""));

    [Theory]
    [InlineData("open")]
    [InlineData("gated")]
    [InlineData("licensed")]
    public void Weights_published_gated_or_licensed_are_a_release_of_weights(string weights)
    {
        var activity = Assert.Single(Classify($$""", "release": { "weights": "{{weights}}" }"""));
        Assert.Equal(ActivityKind.Release, activity.Activity);
        Assert.Equal("weights", activity.Scope);
        Assert.Contains($"release.weights = {weights}", activity.Because, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_without_weights_is_a_release_of_code_only()
    {
        var activity = Assert.Single(Classify(""", "release": { "weights": "none", "code": "open" }"""));
        Assert.Equal(ActivityKind.Release, activity.Activity);
        Assert.Equal("code", activity.Scope);
    }

    [Fact]
    public void Weights_shared_only_inside_the_organisation_are_neither()
    {
        var activity = Assert.Single(Classify(""", "release": { "weights": "internal" }"""));
        Assert.Equal(ActivityKind.Neither, activity.Activity);
        Assert.Contains("inside the developing organisation", activity.Because, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api")]
    [InlineData("consumer-app")]
    [InlineData("agent")]
    [InlineData("embedded")]
    [InlineData("enterprise")]
    public void A_model_served_through_a_channel_is_a_deployment(string channel)
    {
        var activity = Assert.Single(Classify($$""", "deployments": [ { "id": "d1", "channel": "{{channel}}" } ]"""));
        Assert.Equal(ActivityKind.Deployment, activity.Activity);
        Assert.Equal("d1", activity.Deployment);
        Assert.Contains($"channel = {channel}", activity.Because, StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_use_beyond_training_is_an_internal_deployment()
    {
        var activity = Assert.Single(Classify(""", "deployments": [ { "id": "tool", "channel": "internal" } ]"""));
        Assert.Equal(ActivityKind.Deployment, activity.Activity);
        Assert.True(activity.Internal);
    }

    [Fact]
    public void Evaluations_wired_to_external_systems_during_training_are_a_deployment_before_release()
    {
        var activities = Classify(""", "training": { "status": "in-progress", "externalInteraction": true }""");
        Assert.Equal([ActivityKind.Training, ActivityKind.Deployment], activities.Select(a => a.Activity));
        Assert.Equal("training-evaluation", activities[1].Scope);
    }

    [Fact]
    public void Training_with_sandboxed_evaluation_only_is_training()
    {
        var activity = Assert.Single(Classify(""", "training": { "status": "planned", "externalInteraction": false }"""));
        Assert.Equal(ActivityKind.Training, activity.Activity);
    }

    [Fact]
    public void A_gate_question_about_an_undeclared_act_adds_it_as_assumed()
    {
        var activities = ActivityClassifier.Classify(TestPacks.Manifest("""{ "schemaVersion": "1", "id": "a/m" }"""), ActivityKind.Release);
        var activity = Assert.Single(activities);
        Assert.True(activity.Assumed);
        Assert.Equal(ActivityKind.Release, activity.Activity);
    }
}
