namespace Compliance.Rules.Evaluation;

/// <summary>A condition's value, the facts that would settle it when unknown, and (when tracing) why.</summary>
public readonly record struct Outcome(Tri Value, IReadOnlyList<string> Needs, TraceNode? Trace);
