namespace Compliance.Rules.Json;

/// <summary>One thing wrong with an input, located by the JSON Pointer of the offending field ("" for the whole document).</summary>
public sealed record InputError(string Pointer, string Message)
{
    public override string ToString() => Pointer.Length == 0 ? Message : $"{Pointer}: {Message}";
}

/// <summary>Input that cannot be evaluated: a syntax error, a schema violation, an unknown reference, a limit passed.</summary>
public sealed class InvalidInputException(string title, IReadOnlyList<InputError> errors, InputProblem kind = InputProblem.Invalid)
    : Exception(title + ": " + string.Join("; ", errors))
{
    public string Title { get; } = title;
    public IReadOnlyList<InputError> Errors { get; } = errors;
    public InputProblem Kind { get; } = kind;

    public InvalidInputException(string title, string pointer, string message, InputProblem kind = InputProblem.Invalid)
        : this(title, [new InputError(pointer, message)], kind)
    {
    }
}

/// <summary>How an input failed, which the API maps to a status code: malformed (400), invalid (422), too large (413).</summary>
public enum InputProblem
{
    Malformed,
    Invalid,
    TooLarge,
}
