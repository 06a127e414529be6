using System.CommandLine;
using Compliance.Cli.Input;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

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
        var readings = CommonOptions.Readings();
        var format = new Option<string>("--format", "-f")
        {
            Description = "text, json, junit, sarif, or github (workflow commands: an annotation per open blocking duty). "
                + "On exit 2, junit, sarif and github still write their report, carrying the reason.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(GateReport.Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output (the exit code is unchanged)." };
        var memo = new Option<string?>("--memo") { Description = "Also write the decision memo (Markdown) to this file: in a GitHub job, $GITHUB_STEP_SUMMARY." };
        var command = new Command("gate", """
            May this act proceed? Exit 0 when allowed, 1 when blocked by an outstanding (or undetermined) blocking duty,
            2 when the manifest or the options cannot be evaluated.
            """)
        {
            file, activity, bills, set, asOf, allowUndetermined, format, output, memo, readings,
        };
        // The report asked for is written on exit 2 as well: a CI step uploads it whatever the gate said.
        GateReport Report(ParseResult parse) => new(parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(file)!);
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
            var options = new EvaluationOptions
            {
                AsOf = date,
                Gate = gate,
                Selection = selection.Mode,
                UpcomingBills = selection.Upcoming,
                Readings = CommonOptions.ParseReadings(parse.GetValue(readings), selection.Bills),
                Overrides = named.Overrides(selection.Bills),
            };
            var result = InputFileException.About(path, () => Evaluator.Evaluate(artifact, selection.Bills, options));
            if (parse.GetValue(memo) is { } memoPath)
            {
                File.WriteAllText(memoPath, InputFileException.About(path, () => DecisionMemo.Markdown(result, manifest, EngineVersion.Current)));
            }
            Report(parse).Write(result, manifest);
            return result.Gate!.Allowed ? ExitCodes.Allowed : ExitCodes.Blocked;
        }, onError: e => Report(parse).WriteError(e)));
        return command;
    }

    /// <summary>
    /// Options the parser refused (an activity it does not know, a missing value) end the run before the command does:
    /// the report asked for, if the parser read which, still carries the reason.
    /// </summary>
    public static void ReportRefusedOptions(ParseResult parse, string message)
    {
        if (parse.CommandResult.Command.Name != "gate")
        {
            return;
        }
        string? format, output, path;
        try
        {
            format = parse.GetValue<string>("--format");
            output = parse.GetValue<string?>("--output");
            path = parse.GetValue<string>("FILE");
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (format is not null && path is not null)
        {
            new GateReport(format, output, path).WriteError(message, at: null);
        }
    }
}
