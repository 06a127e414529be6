namespace Compliance.Rules.Packs;

/// <summary>
/// A named reading of text the law leaves unsettled: the question, its options in words, the one the pack applies by
/// default, and where the question arises. A condition may depend on it (<see cref="ReadingCondition"/>); a request
/// may choose another option, and every result records the options it applied, so an analyst can switch an
/// interpretation per request and still reproduce the decision.
/// </summary>
public sealed record Reading(
    string Name,
    string Question,
    IReadOnlyDictionary<string, string> Options,
    string Default,
    string Citation,
    string? Why,
    Certainty Certainty);

/// <summary>True when the evaluation applies <paramref name="Option"/> of the pack's reading <paramref name="Name"/>; never unknown.</summary>
public sealed record ReadingCondition(string Name, string Option) : Condition;
