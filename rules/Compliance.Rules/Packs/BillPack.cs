using System.Text.Json.Nodes;

namespace Compliance.Rules.Packs;

public enum BillStatus
{
    Enacted,
    Vetoed,
    Revoked,
    Repealed,
    Proposed,
    Hypothetical,
}

public enum Phase
{
    Training,
    Release,
    Deployment,
    Incident,
    Periodic,
}

public sealed record DatedValue(DateOnly From, double Value, string Citation, Certainty Certainty = Certainty.Primary);

public sealed record Parameter(string Name, double Value, string? Unit, string Citation, string? Description, IReadOnlyList<DatedValue> Values,
    Certainty Certainty = Certainty.Primary)
{
    /// <summary>The description as written, when it names parameters as <c>{name}</c>; <see cref="Description"/> states the pack's values.</summary>
    public ParameterText? DescriptionText { get; init; }

    /// <summary>The value in force on <paramref name="asOf"/>: the latest dated value that has started, else the base value.</summary>
    public (double Value, string Citation) At(DateOnly asOf)
    {
        var (value, citation, _) = Dated(asOf);
        return (value, citation);
    }

    /// <summary>The value in force on <paramref name="asOf"/> with the certainty of its source.</summary>
    public (double Value, string Citation, Certainty Certainty) Dated(DateOnly asOf)
    {
        var value = (Value, Citation, Certainty);
        foreach (var dated in Values)
        {
            if (dated.From <= asOf)
            {
                value = (dated.Value, dated.Citation, dated.Certainty);
            }
        }
        return value;
    }
}

/// <summary>
/// A named condition. <see cref="Certainty"/> is the least sure of its own text and the definitions it refers to;
/// <see cref="Parameters"/> are the parameters it reads, directly or through them, whose certainty depends on the date.
/// </summary>
public sealed record Definition(string Name, string Title, string Citation, string? Description, Condition When)
{
    public string? Url { get; init; }
    public Certainty Certainty { get; init; }
    public IReadOnlyList<string> Parameters { get; init; } = [];
}

/// <summary>A penalty, declared once per bill and named by the duties it sanctions.</summary>
public sealed record Penalty(string Text, string? Citation, Certainty Certainty);

public sealed record HistoryEvent(DateOnly Date, string Event, string? Citation);

public sealed record Due(string Text, string? From, int Days);

/// <summary>A transitional provision: when its condition holds, the duty applies only from this later date.</summary>
public sealed record Transition(DateOnly AppliesFrom, Condition When, string Citation, Certainty Certainty = Certainty.Primary);

public sealed record Obligation
{
    public required string Id { get; init; }
    public required string LocalId { get; init; }
    public required string Title { get; init; }
    public required string Citation { get; init; }
    public string? Description { get; init; }

    /// <summary>The title as written, when it names parameters (<see cref="ParameterText"/>); <see cref="Title"/> states the pack's values.</summary>
    public ParameterText? TitleText { get; init; }

    /// <summary>The description as written, when it names parameters; <see cref="Description"/> states the pack's values.</summary>
    public ParameterText? DescriptionText { get; init; }
    public required IReadOnlyList<Phase> Phases
    {
        get;
        init
        {
            field = value;
            PhaseNames = value.Select(PhaseName.Of).ToArray();
        }
    }

    /// <summary>The phases as the result spells them, computed once.</summary>
    public IReadOnlyList<string> PhaseNames { get; private init; } = [];
    public required string Holder { get; init; }

    /// <summary>The roles the duty binds, in the vocabulary of <see cref="Role"/>; usually one.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>The section's own address, when the source has one.</summary>
    public string? Url { get; init; }

    /// <summary>The least sure of the duty's text, the definitions it rests on and the bill's in-force date; parameters are added at evaluation.</summary>
    public Certainty Certainty { get; init; }

    /// <summary>The parameters the duty's condition reads, directly or through definitions.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
    public bool Blocking { get; init; }
    public DateOnly? AppliesFrom { get; init; }
    public IReadOnlyList<Transition> Transitions { get; init; } = [];
    public required Condition When { get; init; }
    public Due? Due { get; init; }

    /// <summary>The key of the bill's penalty for this duty (<see cref="BillPack.Penalties"/>).</summary>
    public string? Penalty { get; init; }

    /// <summary>Use inside the developing organisation is not an act this duty attaches to (SB 53 "deploy" means to a third party).</summary>
    public bool ExcludesInternalUse { get; init; }

    /// <summary>The condition reads deployment facts, so the duty is owed once per deployment.</summary>
    public bool PerDeployment { get; init; }
}

public sealed record Effective(DateOnly? From, DateOnly? Until, string? Citation, string? Note, Certainty Certainty = Certainty.Primary);

/// <summary>One version of one bill, compiled and ready to evaluate.</summary>
public sealed record BillPack
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public bool IsDefault { get; init; }
    public required string Title { get; init; }
    public required string Jurisdiction { get; init; }
    public required BillStatus Status { get; init; }
    public required string Source { get; init; }
    public required Effective Effective { get; init; }
    public IReadOnlyList<HistoryEvent> History { get; init; } = [];

    /// <summary>The bill's penalties by key, in the order the pack declares them (inline texts of drafts after them).</summary>
    public IReadOnlyDictionary<string, Penalty> Penalties { get; init; } = new Dictionary<string, Penalty>();

    /// <summary>The acts the bill regulates; an act outside them triggers none of its duties.</summary>
    public IReadOnlyList<Phase> Regulates { get; init; } = [Phase.Training, Phase.Release, Phase.Deployment];

    /// <summary>Jurisdictions an act must reach for the bill's release and deployment duties to apply; empty for none.</summary>
    public IReadOnlyList<string> Territory { get; init; } = [];
    public required IReadOnlyList<Parameter> Parameters
    {
        get;
        init
        {
            field = value;
            ParametersByName = value.ToDictionary(p => p.Name, StringComparer.Ordinal);
        }
    }

    public required IReadOnlyList<Definition> Definitions
    {
        get;
        init
        {
            field = value;
            DefinitionsByName = value.ToDictionary(d => d.Name, StringComparer.Ordinal);
            DefinitionIndex = value.Select((d, i) => (d.Name, i)).ToDictionary(d => d.Name, d => d.i, StringComparer.Ordinal);
        }
    }

    /// <summary>The pack's named readings of unsettled text, by name, in the order declared.</summary>
    public IReadOnlyDictionary<string, Reading> Readings { get; init; } = new Dictionary<string, Reading>();

    public IReadOnlyDictionary<string, Parameter> ParametersByName { get; private init; } = new Dictionary<string, Parameter>();
    public IReadOnlyDictionary<string, Definition> DefinitionsByName { get; private init; } = new Dictionary<string, Definition>();

    /// <summary>Each definition's place in <see cref="Definitions"/>: an evaluation keeps its outcomes in that order.</summary>
    public IReadOnlyDictionary<string, int> DefinitionIndex { get; private init; } = new Dictionary<string, int>();
    public required IReadOnlyList<Obligation> Obligations { get; init; }
    public required IReadOnlyList<JsonObject> Tests { get; init; }

    /// <summary>sha256 of the pack's canonical JSON without its tests: the rules a decision was made under.</summary>
    public required string Digest { get; init; }

    /// <summary>The pack as written (tests included), for clients that want every detail.</summary>
    public required JsonObject Document { get; init; }

    public string Key => $"{Id}@{Version}";

    /// <summary>Why <paramref name="name"/> is none of this bill's parameters, naming those it has.</summary>
    public string NoSuchParameter(string name) =>
        $"'{Id}' has no parameter '{name}'; " + (Parameters.Count == 0 ? "it has none" : $"it has {string.Join(", ", Parameters.Select(p => p.Name))}");

    private static readonly string[] StatusNames = Enum.GetNames<BillStatus>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The status as results spell it, without formatting an enum on every evaluation.</summary>
    public string StatusName => StatusNames[(int)Status];

    /// <summary>
    /// Whether the bill binds anyone on <paramref name="asOf"/>: only an enacted text (or one later revoked or
    /// repealed, within its dates) can be; a vetoed, proposed or hypothetical bill never is.
    /// </summary>
    public bool InForceOn(DateOnly asOf) =>
        Status is BillStatus.Enacted or BillStatus.Revoked or BillStatus.Repealed
        && Effective.From is { } from && from <= asOf
        && (Effective.Until is not { } until || asOf < until);

    /// <summary>Whether the bill is law that comes into force after <paramref name="asOf"/>.</summary>
    public bool ComesIntoForceAfter(DateOnly asOf) =>
        Status is BillStatus.Enacted && Effective.From is { } from && asOf < from;

    /// <summary>The bill's standing on <paramref name="asOf"/> in words, for every surface that names the bill.</summary>
    public string StatusText(DateOnly asOf) => BillStatusText.Of(this, asOf);
}

/// <summary>Phase names as results and packs spell them, without formatting an enum on every use.</summary>
public static class PhaseName
{
    private static readonly string[] Names = ["training", "release", "deployment", "incident", "periodic"];

    public static string Of(Phase phase) => Names[(int)phase];
}
