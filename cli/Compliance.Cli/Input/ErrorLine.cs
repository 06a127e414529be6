using Compliance.Rules.Json;

namespace Compliance.Cli.Input;

/// <summary>
/// Errors as the single line a CI log shows: a title, then each bad field by JSON Pointer, joined with "; ". A
/// message that spans lines (a library's, an exception's) is folded onto one, so the line count means one error.
/// </summary>
internal static class ErrorLine
{
    public static string Of(InvalidInputException e) =>
        Fold($"{e.Title}: {string.Join("; ", e.Errors.Select(error => error.ToString()))}");

    /// <summary>An exception nobody expected: its type says more than its message alone.</summary>
    public static string Of(Exception e) => e is InvalidInputException input ? Of(input) : Fold($"{e.GetType().Name}: {e.Message}");

    public static string Fold(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
