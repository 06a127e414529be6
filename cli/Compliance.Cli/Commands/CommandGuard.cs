using System.CommandLine;
using Compliance.Cli.Input;
using Compliance.Rules.Json;

namespace Compliance.Cli.Commands;

/// <summary>
/// Keeps the exit-code contract: whatever a command body throws becomes exit code 2 and one line on stderr naming
/// the file and field, never exit 1 (which means blocked) with a stack trace. --verbose adds the trace for a bug report.
/// </summary>
internal static class CommandGuard
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "On an error, also print the stack trace (for a bug report).",
        Recursive = true,
    };

    private const string Hint = " (--verbose shows where)";

    /// <summary>Runs a command's body; <paramref name="onError"/> sees a failure first (the gate writes its report with the reason).</summary>
    public static int Run(ParseResult parse, string what, Func<int> body, Action<Exception>? onError = null)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            onError?.Invoke(e);
            return Fail(what, e, parse.GetValue(Verbose));
        }
    }

    /// <summary>The last line of defence, also used by Program for failures outside a command body.</summary>
    public static int Fail(string what, Exception e, bool verbose)
    {
        Console.Error.WriteLine($"error: {what}: {Describe(e)}");
        if (verbose)
        {
            Console.Error.WriteLine(e.ToString());
        }
        return ExitCodes.CouldNotEvaluate;
    }

    internal static string Describe(Exception e) => e switch
    {
        InputFileException file => $"{file.Path}: {file.Message}" + (file.Understood ? "" : Hint),
        InvalidInputException input => ErrorLine.Of(input),
        // Writing a report (--output) to a folder that does not exist, or without permission: the message names the path.
        IOException or UnauthorizedAccessException => ErrorLine.Fold(e.Message),
        _ => $"could not evaluate: {ErrorLine.Of(e)}" + Hint,
    };
}
