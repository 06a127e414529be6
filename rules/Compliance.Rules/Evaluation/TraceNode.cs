namespace Compliance.Rules.Evaluation;

/// <summary>
/// One step of the reasoning, as a tree: a fact compared with a threshold, or a combination of steps. A lawyer reads
/// it top-down: the outcome, then why. <c>Value</c> is the fact as the manifest gave it (absent when unknown).
/// </summary>
public sealed record TraceNode
{
    public required string Kind { get; init; }
    public required Tri Outcome { get; init; }
    public string? Fact { get; init; }
    public string? Operator { get; init; }
    public object? Value { get; init; }
    public object? Threshold { get; init; }
    public string? Parameter { get; init; }
    public string? Citation { get; init; }
    public string? Definition { get; init; }
    public string? Artifact { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<TraceNode>? Children { get; init; }

    /// <summary>
    /// The steps beneath this one that decided its outcome. Of "all" (or "any"): the first false (or true) step when
    /// it settled the outcome; otherwise every step, or only the unknown ones when the outcome is unknown. Of any other
    /// kind, every step beneath it. What an explanation tells, and what a CI report points at.
    /// </summary>
    public IEnumerable<TraceNode> DecidingSteps()
    {
        var children = Children ?? [];
        if (Kind is not ("all" or "any"))
        {
            return children;
        }
        var decisive = Kind == "all" ? Tri.False : Tri.True;
        if (Outcome == decisive && children.FirstOrDefault(c => c.Outcome == decisive) is { } settled)
        {
            return [settled];
        }
        return children.Where(c => Outcome != Tri.Unknown || c.Outcome == Tri.Unknown);
    }
}
