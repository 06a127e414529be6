using System.CommandLine;
using Compliance.Cli;
using Compliance.Cli.Commands;

var root = new RootCommand("""
    compliance: what AI model builders owe under AI bills when they train, release or deploy a model.

    Exit codes: 0 allowed (or success), 1 blocked (a blocking duty is outstanding or undetermined, or a pack test failed),
    2 could not evaluate (missing file, syntax error, invalid manifest, unknown bill, bad date).
    """)
{
    EvaluateCommand.Create(),
    GateCommand.Create(),
    TestCommand.Create(),
    BillsCommand.Create(),
    ImportCommand.Create(),
    AnalysisCommands.Compare(),
    AnalysisCommands.SweepCommand(),
    CorpusCommand.Create(),
    KeysCommand.Create(),
};

if (Console.IsOutputRedirected)
{
    // CI logs have no terminal width; 80 columns would break obligation ids across lines.
    Spectre.Console.AnsiConsole.Profile.Width = 200;
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }
    Console.Error.WriteLine("Run 'compliance --help' for usage.");
    return ExitCodes.CouldNotEvaluate;
}
return parsed.Invoke();
