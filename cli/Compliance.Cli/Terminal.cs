using Spectre.Console;

namespace Compliance.Cli;

/// <summary>
/// Spectre.Console's console, set up on first use: a command that never draws with it (the gate, the CI reports) does
/// not pay for its terminal detection at start-up.
/// </summary>
internal static class Terminal
{
    private static readonly Lazy<IAnsiConsole> Console = new(() =>
    {
        if (System.Console.IsOutputRedirected)
        {
            // CI logs have no terminal width; 80 columns would break obligation ids across lines.
            AnsiConsole.Profile.Width = 200;
        }
        return AnsiConsole.Console;
    });

    public static IAnsiConsole Out => Console.Value;
}
