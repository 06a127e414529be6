using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Compliance.Rules.Corpus;
using Compliance.Rules.Manifests;
using Compliance.Rules.Rendering;
using Spectre.Console;

namespace Compliance.Cli.Commands;

/// <summary>compliance corpus: the bundled reference corpus, with the compute and cost columns a sweep is checked against.</summary>
internal static class CorpusCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format", "-f") { Description = "text, csv, or json (the manifests themselves).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var command = new Command("corpus", "List the reference corpus of real models: published compute and cost estimates, lineage, and sources.") { format };
        command.SetAction(parse => CommandGuard.Run(parse, "corpus", () =>
        {
            var corpus = ReferenceCorpus.Bundled;
            switch (parse.GetValue(format))
            {
                case "csv":
                    Console.Out.Write(CorpusTable.Csv(corpus));
                    break;
                case "json":
                    Console.Out.WriteLine(JsonSerializer.Serialize(corpus.Entries.Select(e => e.Manifest), ManifestJson.Options));
                    break;
                default:
                    var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "lineage", "training FLOP", "step FLOP", "cost USD", "weights");
                    foreach (var m in corpus.Entries.Select(e => e.Manifest))
                    {
                        table.AddRow(Markup.Escape(m.Id),
                            Markup.Escape(m.Lineage is { } l ? $"{l.Relation} of {string.Join(" + ", l.Base.Select(b => b.DisplayId))}" : ""),
                            Number(m.Training?.ComputeFlop), Number(m.Lineage?.ComputeFlop), Number(m.Training?.CostUsd ?? m.Lineage?.CostUsd),
                            Markup.Escape(m.Release?.Weights ?? ""));
                    }
                    Terminal.Out.Write(table);
                    Terminal.Out.MarkupLine($"{corpus.Entries.Count} models; a blank cell is a fact no source gives (unknown). Sources: compliance corpus --format json");
                    break;
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }

    private static string Number(double? value) => value?.ToString("0.###e+0", CultureInfo.InvariantCulture) ?? "";
}
