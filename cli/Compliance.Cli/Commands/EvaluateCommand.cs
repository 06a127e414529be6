using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        var filters = CommonOptions.Filters.Create();
        var command = new Command("evaluate", "Classify each manifest's activities and list what the bills in force (or the bills named) require, with citations and reasons.")
        {
            files, bills, asOf, format,
        };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run(parse, "evaluate", () =>
        {
            var filter = filters.Parse(parse);
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var selection = CommonOptions.SelectBills(parse.GetValue(bills), date);
            var options = new EvaluationOptions
            {
                AsOf = date,
                Trace = parse.GetValue(format) == "json",
                Selection = selection.Mode,
                UpcomingBills = selection.Upcoming,
            };
            var results = ManifestFiles.ReadAll(parse.GetValue(files)!)
                .Select(file => (file.Path, Result: filter.Apply(InputFileException.About(file.Path, () => Evaluator.Evaluate(file.Artifact, selection.Bills, options))))).ToList();
            if (parse.GetValue(format) == "json")
            {
                // Each file's answer is written on its own first, so a value no JSON can hold is reported against its file.
                var json = results.Select(r => InputFileException.About(r.Path, () => JsonSerializer.SerializeToNode(r.Result, Json))).ToList();
                Console.Out.WriteLine(json.Count == 1 ? json[0]!.ToJsonString(Json) : new JsonArray([.. json]).ToJsonString(Json));
            }
            else
            {
                foreach (var (path, result) in results)
                {
                    InputFileException.About(path, () => TextReport.Evaluation(AnsiConsole.Console, result));
                    AnsiConsole.WriteLine();
                }
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }
}
