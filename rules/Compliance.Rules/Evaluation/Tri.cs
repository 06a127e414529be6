using System.Text.Json.Serialization;

namespace Compliance.Rules.Evaluation;

/// <summary>Three-valued truth: a condition on a fact the manifest does not give is unknown, not false.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Tri>))]
public enum Tri
{
    [JsonStringEnumMemberName("false")] False,
    [JsonStringEnumMemberName("true")] True,
    [JsonStringEnumMemberName("unknown")] Unknown,
}

public static class TriExtensions
{
    public static Tri Not(this Tri value) => value switch
    {
        Tri.True => Tri.False,
        Tri.False => Tri.True,
        _ => Tri.Unknown,
    };

    public static Tri Of(bool value) => value ? Tri.True : Tri.False;

    /// <summary>The value said of a definition, for a reader: holds, does not hold, undetermined.</summary>
    public static string Holds(this Tri value) => value switch
    {
        Tri.True => "holds",
        Tri.False => "does not hold",
        _ => "undetermined",
    };

    public static string Text(this Tri value) => value switch
    {
        Tri.True => "true",
        Tri.False => "false",
        _ => "unknown",
    };
}
