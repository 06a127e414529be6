using System.CommandLine;
using System.Text.Json;
using Compliance.Cli.Input;
using Compliance.Rules.Evaluation;
using Spectre.Console;

namespace Compliance.Cli.Commands;

internal static class EvaluateCommand
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        MaxDepth = EvaluationResult.MaxJsonDepth,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Manifest files (JSON, or YAML by extension).", Arity = ArgumentArity.OneOrMore };
        var bills = CommonOptions.Bills();
        var asOf = CommonOptions.AsOf();
        var format = new Option<string>("--format", "-f") { Description = "text or json (the evaluation schema).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("evaluate", "Classify each manifest's activities and list what every bill requires, with citations and reasons.")
        {
            files, bills, asOf, format,
        };
        command.SetAction(parse => CommandGuard.Run(parse, "evaluate", () =>
        {
            var packs = CommonOptions.ResolveBills(parse.GetValue(bills));
            var options = new EvaluationOptions { AsOf = CommonOptions.ParseAsOf(parse.GetValue(asOf)), Trace = parse.GetValue(format) == "json" };
            var results = ManifestFiles.ReadAll(parse.GetValue(files)!)
                .Select(file => InputFileException.About(file.Path, () => Evaluator.Evaluate(file.Artifact, packs, options))).ToList();
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(results.Count == 1 ? JsonSerializer.Serialize(results[0], Json) : JsonSerializer.Serialize(results, Json));
            }
            else
            {
                foreach (var result in results)
                {
                    TextReport.Evaluation(AnsiConsole.Console, result);
                    AnsiConsole.WriteLine();
                }
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }
}
