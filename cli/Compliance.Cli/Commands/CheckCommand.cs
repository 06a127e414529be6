using System.CommandLine;
using System.Text.Json;
using Compliance.Cli.Input;
using Compliance.Rules.Checking;
using Compliance.Rules.Packs;

namespace Compliance.Cli.Commands;

/// <summary>
/// Static checks of bill packs, before they ship: one line per finding, "error|warning PACK POINTER message", then the
/// counts. Exit 1 when any pack has an error, 2 when a pack cannot be read or loaded at all.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var packs = new Argument<string[]>("PACK") { Description = "Pack files (YAML or JSON) to check, with their cases from the file beside each. Default: every bundled bill.", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string>("--format") { Description = "text (one line per finding) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("check", "Check bill packs statically: thresholds against the words they are cited with, dates without gaps or overlaps, duties that can never be owed, unused parameters and definitions, test cases of enacted bills. Exit 1 on any error.")
        {
            packs, format,
        };
        command.SetAction(parse => CommandGuard.Run(parse, "check", () =>
        {
            var files = parse.GetValue(packs) ?? [];
            // Every file is read before anything is reported: a file that cannot be loaded is bad input, not a finding.
            var checkedPacks = files.Length == 0
                ? BillCatalog.Bundled.Packs.Select(p => (Name: p.Key, Report: PackChecker.Check(p))).ToList()
                : files.Select(f => (Name: f, Report: PackChecker.Check(PackFile.Read(f)))).ToList();
            var findings = checkedPacks.SelectMany(p => p.Report.Findings.Select(f => (p.Name, Finding: f))).ToList();
            var errors = findings.Count(f => f.Finding.Severity == CheckSeverity.Error);
            if (parse.GetValue(format) == "json")
            {
                var report = new
                {
                    packs = checkedPacks.Select(p => new { pack = p.Report.Pack, file = files.Length == 0 ? null : p.Name, findings = p.Report.Findings }),
                    errors,
                    warnings = findings.Count - errors,
                };
                Console.Out.WriteLine(JsonSerializer.Serialize(report, EvaluateCommand.Json));
            }
            else
            {
                foreach (var (name, finding) in findings)
                {
                    Console.Out.WriteLine($"{finding.SeverityName} {name} {(finding.Pointer.Length == 0 ? "/" : finding.Pointer)} {ErrorLine.Fold(finding.Message)}");
                }
                Console.Out.WriteLine($"{checkedPacks.Count} {(checkedPacks.Count == 1 ? "pack" : "packs")} checked: {errors} {(errors == 1 ? "error" : "errors")}, {findings.Count - errors} {(findings.Count - errors == 1 ? "warning" : "warnings")}");
            }
            return errors == 0 ? ExitCodes.Allowed : ExitCodes.Blocked;
        }));
        return command;
    }
}
