using Compliance.Rules.Facts;

namespace Compliance.Rules.Packs;

/// <summary>A compiled condition: data, never code. Every reference (fact, parameter, definition) is resolved when the pack loads.</summary>
public abstract record Condition;

public sealed record AlwaysCondition : Condition
{
    public static AlwaysCondition Instance { get; } = new();
}

public sealed record AllCondition(IReadOnlyList<Condition> Items) : Condition;

public sealed record AnyCondition(IReadOnlyList<Condition> Items) : Condition;

public sealed record NotCondition(Condition Inner) : Condition;

public enum ComparisonOperator
{
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    Contains,
    Intersects,

    /// <summary>Whether the manifest states the fact at all: never unknown.</summary>
    Known,
}

/// <summary>The right-hand side of a comparison: a literal, or a parameter of the pack (<c>$name</c>) read at evaluation time.</summary>
public sealed record Operand(FactValue? Literal, string? Parameter)
{
    public override string ToString() => Parameter is { } p ? "$" + p : Literal?.ToString() ?? "";
}

public sealed record ComparisonCondition(FactDefinition Fact, ComparisonOperator Operator, Operand Operand) : Condition;

/// <summary>Another definition of the same pack, asked of the same artifact.</summary>
public sealed record DefinitionCondition(string Name) : Condition;

/// <summary>A definition of the same pack asked of the artifact's lineage bases: true when any base satisfies it.</summary>
public sealed record BaseCondition(string Name) : Condition;
