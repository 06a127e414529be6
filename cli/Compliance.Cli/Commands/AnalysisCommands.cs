using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Compliance.Cli.Input;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using Spectre.Console;

namespace Compliance.Cli.Commands;

/// <summary>compliance compare and compliance sweep: the analysts' questions over manifest files or the reference corpus.</summary>
internal static class AnalysisCommands
{
    public static Command Compare()
    {
        var files = PortfolioFiles();
        var corpus = CorpusOption();
        var bills = CommonOptions.Bills();
        bills.Description = "The two bills to compare, as ID or ID@VERSION or the path of a pack file: --bill A --bill B.";
        var set = CommonOptions.Set();
        set.Description = "Override a parameter of one side: BILL.PARAMETER=VALUE, BILL as written on --bill (or a draft's id); "
            + "compare a bill with itself as --bill ID --bill ID@VERSION --set ID@VERSION.PARAMETER=VALUE.";
        var asOf = CommonOptions.AsOf();
        var format = new Option<string>("--format", "-f") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("compare", "Two bills over a portfolio: per artifact, the definitions and duties that differ, and totals by phase.") { files, corpus, bills, set, asOf, format };
        command.SetAction(parse => CommandGuard.Run(parse, "compare", () =>
        {
            var names = parse.GetValue(bills) ?? [];
            if (names.Length != 2)
            {
                throw new InvalidInputException("Give two bills", "--bill", $"compare takes exactly two --bill options; got {names.Length}");
            }
            var sides = BillArguments.Read(names, parse.GetValue(set)).Variants("compares");
            var when = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var portfolio = Portfolio(parse.GetValue(files), parse.GetValue(corpus));
            var result = SlowWork.Run("comparing", portfolio.Count, progress => Comparison.Compare(portfolio, sides[0], sides[1], when, progress));
            if (parse.GetValue(format) == "json")
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(result, EvaluateCommand.Json));
                return ExitCodes.Allowed;
            }
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.A)}[/] vs [bold]{Markup.Escape(result.B)}[/] over {result.Artifacts} artifacts, as of {result.AsOf}");
            AnsiConsole.MarkupLine($"  artifacts with duties: {result.Totals.WithObligationsUnderA} vs {result.Totals.WithObligationsUnderB}; duties: {result.Totals.ObligationsUnderA} vs {result.Totals.ObligationsUnderB}");
            AnsiConsole.MarkupLine($"  gained by phase: {Phases(result.Totals.GainedByPhase)}; lost by phase: {Phases(result.Totals.LostByPhase)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("artifact", "definitions that differ", "gained", "lost");
            foreach (var d in result.Differences)
            {
                table.AddRow(Markup.Escape(d.Artifact),
                    Markup.Escape(string.Join(", ", d.Definitions.Select(x => $"{x.Key}: {x.Value.A?.Text() ?? "-"} -> {x.Value.B?.Text() ?? "-"}"))),
                    Markup.Escape(string.Join(", ", d.Gained)), Markup.Escape(string.Join(", ", d.Lost)));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Allowed;
        }));
        return command;
    }

    public static Command SweepCommand()
    {
        var files = PortfolioFiles();
        var corpus = CorpusOption();
        var bill = new Option<string>("--bill", "-b") { Description = "The bill, as ID or ID@VERSION, or the path of a pack file.", Required = true };
        var set = CommonOptions.Set();
        set.Description = "Hold another parameter at a value while sweeping: BILL.PARAMETER=VALUE; repeat for several.";
        var parameter = new Option<string>("--parameter", "-p") { Description = "The parameter to sweep (e.g. covered_compute_flop).", Required = true };
        var values = new Option<string?>("--values") { Description = "Comma-separated values, e.g. 1e24,1e25,1e26." };
        var from = new Option<double?>("--from") { Description = "First value of a range." };
        var to = new Option<double?>("--to") { Description = "Last value of a range." };
        var steps = new Option<int>("--steps") { Description = "Points in the range.", DefaultValueFactory = _ => 20 };
        var log = new Option<bool>("--log") { Description = "Space the range on a log scale." };
        var asOf = CommonOptions.AsOf();
        var format = new Option<string>("--format", "-f") { Description = "text, json, csv or svg.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv", "svg");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file." };
        var command = new Command("sweep", "One parameter over a range of values: how many artifacts each definition covers, and which flip.")
        {
            files, corpus, bill, set, parameter, values, from, to, steps, log, asOf, format, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse, "sweep", () =>
        {
            var subject = BillArguments.Read([parse.GetValue(bill)!], parse.GetValue(set)).Variants("sweeps")[0];
            IReadOnlyList<double> points = parse.GetValue(values) is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? Finite(d, "--values") : throw new InvalidInputException("Bad value", "--values", $"'{v}' is not a number")).ToList()
                : parse.GetValue(from) is { } lo && parse.GetValue(to) is { } hi
                    ? Sweep.Range(Finite(lo, "--from"), Finite(hi, "--to"), parse.GetValue(steps), parse.GetValue(log))
                    : throw new InvalidInputException("Give values", "--values", "give --values, or --from and --to (with --steps and --log)");
            if (points.Count is 0 or > Sweep.MaxSteps)
            {
                throw new InvalidInputException("Bad values", "--values", $"give 1 to {Sweep.MaxSteps} numbers, e.g. 1e24,1e25,1e26");
            }
            var when = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var portfolio = Portfolio(parse.GetValue(files), parse.GetValue(corpus));
            var result = SlowWork.Run("sweeping", points.Count, progress => Sweep.Run(portfolio, subject, parse.GetValue(parameter)!, points, when, progress));
            var text = parse.GetValue(format) switch
            {
                "json" => JsonSerializer.Serialize(result, EvaluateCommand.Json),
                "csv" => SweepReports.Csv(result),
                "svg" => SweepReports.Svg(result),
                _ => null,
            };
            if (text is null)
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumn(result.Parameter);
                var names = result.Points[0].Counts.Keys.ToList();
                names.ForEach(n => table.AddColumn(n + " (true/false/unknown)"));
                table.AddColumn("flipped");
                foreach (var p in result.Points)
                {
                    table.AddRow([p.Value.ToString("G4", CultureInfo.InvariantCulture), .. names.Select(n => $"{p.Counts[n].True}/{p.Counts[n].False}/{p.Counts[n].Unknown}"), p.Flipped.Count.ToString(CultureInfo.InvariantCulture)]);
                }
                AnsiConsole.Write(table);
            }
            else if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, text);
            }
            else
            {
                Console.Out.Write(text);
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }

    private static Argument<string[]> PortfolioFiles() => new("PORTFOLIO")
    {
        Description = "Manifest files (JSON or YAML); or none, with --corpus.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<bool> CorpusOption() => new("--corpus")
    {
        Description = "Use the bundled reference corpus of real models (see 'compliance corpus') as the portfolio.",
    };

    private static IReadOnlyList<ResolvedArtifact> Portfolio(string[]? files, bool corpus) => (files is { Length: > 0 }, corpus) switch
    {
        (true, false) => ManifestFiles.ReadAll(files!, portfolio: true).Select(f => f.Artifact).ToList(),
        (false, true) => ReferenceCorpus.Bundled.Artifacts,
        (true, true) => throw new InvalidInputException("Give one portfolio", "--corpus", "give manifest files or --corpus, not both"),
        _ => throw new InvalidInputException("Give a portfolio", "PORTFOLIO", "give manifest files, or --corpus for the bundled reference corpus"),
    };

    // 1e400 parses as infinity and NaN as itself; neither is a threshold a bill could have, nor can a report write it.
    private static double Finite(double value, string option) => double.IsFinite(value)
        ? value
        : throw new InvalidInputException("Bad value", option, $"{value.ToString(CultureInfo.InvariantCulture)} is not a finite number (about ±1.8e308 at most)");

    private static string Phases(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
}
