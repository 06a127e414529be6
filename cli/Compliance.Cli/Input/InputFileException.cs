using Compliance.Rules.Json;

namespace Compliance.Cli.Input;

/// <summary>
/// Something went wrong with one named input file: reading it, parsing it, or evaluating what it says. Carries the
/// file so that the one line a user sees names it, whichever layer failed; the cause is kept for --verbose.
/// </summary>
internal sealed class InputFileException(string path, Exception cause) : Exception(Describe(cause), cause)
{
    public string Path { get; } = path;

    /// <summary>True when the cause is bad input the tool understood; false when something failed unexpectedly on it.</summary>
    public bool Understood => InnerException is InvalidInputException;

    /// <summary>Runs work on one file so that whatever it throws names the file.</summary>
    public static T About<T>(string path, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is not InputFileException and not OperationCanceledException)
        {
            throw new InputFileException(path, e);
        }
    }

    public static void About(string path, Action work) => About(path, () =>
    {
        work();
        return true;
    });

    private static string Describe(Exception cause) => cause is InvalidInputException input
        ? ErrorLine.Of(input)
        : $"could not evaluate it: {ErrorLine.Of(cause)}";
}
