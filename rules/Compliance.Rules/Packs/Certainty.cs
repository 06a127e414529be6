using System.Text.Json.Serialization;

namespace Compliance.Rules.Packs;

/// <summary>
/// How sure an encoded text is. Ordered from surest to least sure, so the certainty of an answer is the largest of
/// the certainties it rests on: a duty resting on a threshold read only in a law firm's note is secondary however
/// primary the duty's own text.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Certainty>))]
public enum Certainty
{
    /// <summary>Read in the enacted or official text.</summary>
    [JsonStringEnumMemberName("primary")] Primary,

    /// <summary>Read in a secondary source only (a law firm's note, a tracker, a commentary).</summary>
    [JsonStringEnumMemberName("secondary")] Secondary,

    /// <summary>The text is ambiguous or disputed, or no source confirms it: the pack encodes one reading.</summary>
    [JsonStringEnumMemberName("unsettled")] Unsettled,
}

public static class CertaintyName
{
    private static readonly string[] Names = ["primary", "secondary", "unsettled"];

    public static string Of(Certainty certainty) => Names[(int)certainty];

    public static Certainty Parse(string? text) => text switch
    {
        null or "primary" => Certainty.Primary,
        "secondary" => Certainty.Secondary,
        "unsettled" => Certainty.Unsettled,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "not a certainty"),
    };

    /// <summary>The less sure of two.</summary>
    public static Certainty Weaker(Certainty a, Certainty b) => a > b ? a : b;
}
