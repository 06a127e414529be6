using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Cli.Input;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Manifests;
using Compliance.Rules.Rendering;
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
        var set = CommonOptions.Set();
        var asOf = CommonOptions.AsOf();
        var format = new Option<string>("--format", "-f") { Description = "text, json (the evaluation schema), or the memo a lawyer files: markdown or html.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "markdown", "html");
        var filters = CommonOptions.Filters.Create();
        var readings = CommonOptions.Readings();
        var command = new Command("evaluate", "Classify each manifest's activities and list what the bills in force (or the bills named) require, with citations and reasons.")
        {
            files, bills, set, asOf, format, readings,
        };
        foreach (var option in filters.All)
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => CommandGuard.Run(parse, "evaluate", () =>
        {
            var filter = filters.Parse(parse);
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var named = BillArguments.Read(parse.GetValue(bills), parse.GetValue(set));
            var selection = named.Select(date);
            var options = new EvaluationOptions
            {
                AsOf = date,
                Trace = parse.GetValue(format) == "json",
                Selection = selection.Mode,
                UpcomingBills = selection.Upcoming,
                Readings = CommonOptions.ParseReadings(parse.GetValue(readings), selection.Bills),
                Overrides = named.Overrides(selection.Bills),
            };
            var results = ManifestFiles.ReadAll(parse.GetValue(files)!)
                .Select(file => (file.Path, Result: filter.Apply(InputFileException.About(file.Path, () => Evaluator.Evaluate(file.Artifact, selection.Bills, options))), file.Artifact.Manifest)).ToList();
            if (parse.GetValue(format) == "json")
            {
                // Each file's answer is written on its own first, so a value no JSON can hold is reported against its file.
                var json = results.Select(r => InputFileException.About(r.Path, () => JsonSerializer.SerializeToNode(r.Result, Json))).ToList();
                Console.Out.WriteLine(json.Count == 1 ? json[0]!.ToJsonString(Json) : new JsonArray([.. json]).ToJsonString(Json));
            }
            else if (parse.GetValue(format) is "markdown" or "html")
            {
                Console.Out.Write(Memos(parse.GetValue(format)!, results.Select(r => (r.Result, r.Manifest)).ToList()));
            }
            else
            {
                foreach (var (path, result, _) in results)
                {
                    InputFileException.About(path, () => TextReport.Evaluation(Terminal.Out, result));
                    Terminal.Out.WriteLine();
                }
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }

    /// <summary>The memo of each file's decision (not stored: the footer says so), as Markdown or as one printable page.</summary>
    private static string Memos(string format, List<(EvaluationResult Result, Manifest Manifest)> decisions)
    {
        var memos = decisions.Select(d => DecisionMemo.Markdown(d.Result, d.Manifest, EngineVersion.Current)).ToList();
        return format == "html"
            ? MemoHtml.Document(decisions.Count == 1 ? DecisionMemo.Title(decisions[0].Result, decisions[0].Manifest) : "What is owed, as of " + decisions[0].Result.AsOf, memos)
            : string.Join("\n", memos);
    }
}
