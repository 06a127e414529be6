using System.Text;
using System.Text.RegularExpressions;

namespace Compliance.Rules.Packs;

/// <summary>
/// A title or description that names parameters as <c>{name}</c>: "trained with more than {covered_compute_flop}
/// operations". It is written out with the pack's value in the unit's style (<see cref="Unit.Format"/>), so a variant
/// that overrides the threshold inherits text that states its own threshold, and an evaluation with overrides, or on
/// a date from which a dated value applies, states the value it used.
/// </summary>
public sealed partial class ParameterText
{
    private readonly string _text;
    private readonly IReadOnlyList<Match> _names;

    private ParameterText(string text, IReadOnlyList<Match> names)
    {
        _text = text;
        _names = names;
    }

    /// <summary>A name in braces, as parameter names are spelled; any other brace is text.</summary>
    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>The text's placeholders, or null when it names no parameter (the common case: nothing to render).</summary>
    public static ParameterText? Parse(string? text)
    {
        if (text is null || !text.Contains('{', StringComparison.Ordinal))
        {
            return null;
        }
        var names = Placeholder().Matches(text);
        return names.Count == 0 ? null : new ParameterText(text, names.ToList());
    }

    /// <summary>Each placeholder: the parameter it names, where it starts and how long it is.</summary>
    public IEnumerable<(string Name, int Index, int Length)> Placeholders => _names.Select(m => (m.Groups[1].Value, m.Index, m.Length));

    /// <summary>The parameters the text names, each once.</summary>
    public IEnumerable<string> Parameters => _names.Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    /// <summary>The text with each placeholder written as <paramref name="value"/> gives it (null: left as written).</summary>
    public string Render(Func<string, string?> value)
    {
        var text = new StringBuilder(_text.Length + 16);
        var at = 0;
        foreach (var m in _names)
        {
            text.Append(_text, at, m.Index - at).Append(value(m.Groups[1].Value) ?? m.Value);
            at = m.Index + m.Length;
        }
        return text.Append(_text, at, _text.Length - at).ToString();
    }

    /// <summary>The text with each parameter's value on <paramref name="asOf"/>, or the request's override of it.</summary>
    public string Render(BillPack pack, DateOnly asOf, IReadOnlyDictionary<string, double>? overrides) =>
        Render(name => pack.ParametersByName.TryGetValue(name, out var p)
            ? Unit.Format(overrides is not null && overrides.TryGetValue(name, out var o) ? o : p.At(asOf).Value, p.Unit)
            : null);

    /// <summary>Whether an evaluation on <paramref name="asOf"/> with <paramref name="overrides"/> states another value than the pack's own.</summary>
    public bool Varies(BillPack pack, IReadOnlyDictionary<string, double>? overrides)
    {
        foreach (var m in _names)
        {
            var name = m.Groups[1].Value;
            if (overrides?.ContainsKey(name) == true || pack.ParametersByName.TryGetValue(name, out var p) && p.Values.Count > 0)
            {
                return true;
            }
        }
        return false;
    }
}
