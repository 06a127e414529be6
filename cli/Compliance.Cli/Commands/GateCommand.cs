using System.CommandLine;
using System.Text.Json;
using Compliance.Cli.Input;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using Spectre.Console;

namespace Compliance.Cli.Commands;

internal static class GateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "The manifest of the artifact about to be trained, released or deployed." };
        var activity = new Option<string>("--activity", "-a") { Description = "The act to gate: release, deployment or training.", Required = true };
        activity.AcceptOnlyFromAmong("release", "deployment", "training");
        var bills = CommonOptions.Bills();
        bills.Description = "A bill to enforce (ID or ID@VERSION, or the path of a pack file), whatever its status; repeat for several; 'all' for every bill. Default: the bundled bills in force on --as-of.";
        var set = CommonOptions.Set();
        var asOf = CommonOptions.AsOf();
        var allowUndetermined = new Option<bool>("--allow-undetermined") { Description = "Let blocking duties the manifest cannot settle pass instead of blocking." };
        var format = new Option<string>("--format", "-f") { Description = "text, json, junit or sarif.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output (the exit code is unchanged)." };
        var command = new Command("gate", """
            May this act proceed? Exit 0 when allowed, 1 when blocked by an outstanding (or undetermined) blocking duty,
            2 when the manifest or the options cannot be evaluated.
            """)
        {
            file, activity, bills, set, asOf, allowUndetermined, format, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse, "gate", () =>
        {
            var path = parse.GetValue(file)!;
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            // As the service: without --bill the bills in force are evaluated and enforced; a bill named is enforced whatever its status.
            var named = BillArguments.Read(parse.GetValue(bills), parse.GetValue(set));
            var selection = named.Select(date);
            var gate = new GateRequest
            {
                Activity = Enum.Parse<ActivityKind>(parse.GetValue(activity)!, ignoreCase: true),
                Enforced = GateRequest.Enforcing(selection.Bills, named: selection.Mode != BillSelection.InForce, date),
                AllowUndetermined = parse.GetValue(allowUndetermined),
            };
            var manifest = ManifestFiles.Read(path);
            var artifact = ManifestFiles.ForOneFile().Resolve(path, manifest);
            var options = new EvaluationOptions { AsOf = date, Gate = gate, Selection = selection.Mode, UpcomingBills = selection.Upcoming, Overrides = named.Overrides(selection.Bills) };
            var result = InputFileException.About(path, () => Evaluator.Evaluate(artifact, selection.Bills, options));
            Write(parse.GetValue(format)!, parse.GetValue(output), result, path);
            return result.Gate!.Allowed ? ExitCodes.Allowed : ExitCodes.Blocked;
        }));
        return command;
    }

    private static void Write(string format, string? output, EvaluationResult result, string path)
    {
        // A report that cannot be rendered is about this manifest; a report that cannot be written is about --output.
        if (format == "text" && output is null)
        {
            InputFileException.About(path, () => TextReport.Gate(AnsiConsole.Console, result));
            return;
        }
        var text = InputFileException.About(path, () => format switch
        {
            "json" => JsonSerializer.Serialize(result, EvaluateCommand.Json),
            "junit" => JUnitReport.Render(result, path),
            "sarif" => SarifReport.Render(result, path),
            _ => RenderText(result),
        });
        if (output is null)
        {
            Console.Out.WriteLine(text);
        }
        else
        {
            File.WriteAllText(output, text + Environment.NewLine);
            var gate = result.Gate!;
            Console.Error.WriteLine($"{(gate.Allowed ? "allowed" : "blocked")}: {gate.Reason} (report written to {output})");
        }
    }

    private static string RenderText(EvaluationResult result)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        TextReport.Gate(console, result);
        return writer.ToString();
    }
}
