using System.CommandLine;
using Compliance.Cli;
using Compliance.Cli.Commands;
using Compliance.Cli.Input;

var root = new RootCommand("""
    compliance: what AI model builders owe under AI bills when they train, release or deploy a model.

    Exit codes: 0 allowed (or success), 1 blocked (a blocking duty is outstanding or undetermined, or a pack test failed),
    2 could not evaluate (missing file, syntax error, invalid manifest, unknown bill, bad date).
    """)
{
    EvaluateCommand.Create(),
    GateCommand.Create(),
    TestCommand.Create(),
    CheckCommand.Create(),
    BillsCommand.Create(),
    ImportCommand.Create(),
    AnalysisCommands.Compare(),
    AnalysisCommands.SweepCommand(),
    CorpusCommand.Create(),
    KeysCommand.Create(),
    HealthCommand.Create(),
    CommandGuard.Verbose,
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line, like every other error: a CI log shows the reason where it shows the exit code.
    var refused = ErrorLine.Fold(string.Join("; ", parsed.Errors.Select(e => e.Message)));
    Console.Error.WriteLine($"error: {refused} (run 'compliance --help' for usage)");
    GateCommand.ReportRefusedOptions(parsed, refused);
    return ExitCodes.CouldNotEvaluate;
}
try
{
    // Without this, System.CommandLine prints a stack trace and exits 1, which a CI step reads as "blocked".
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    return CommandGuard.Fail(parsed.CommandResult.Command.Name, e, parsed.GetValue(CommandGuard.Verbose));
}
