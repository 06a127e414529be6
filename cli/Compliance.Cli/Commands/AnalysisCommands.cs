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
        var estimates = EstimatesOption();
        var format = new Option<string>("--format", "-f") { Description = "text, json, or csv (one row per artifact and bill, for pandas or R)." };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (its extension, .json or .csv, chooses the format when --format is not given)." };
        var command = new Command("compare", "Two bills over a portfolio: per artifact, the definitions and duties that differ (outstanding and undetermined apart), and totals by phase.")
        {
            files, corpus, bills, set, asOf, estimates, format, output,
        };
        command.SetAction(parse => CommandGuard.Run(parse, "compare", () =>
        {
            var names = parse.GetValue(bills) ?? [];
            if (names.Length != 2)
            {
                throw new InvalidInputException("Give two bills", "--bill", $"compare takes exactly two --bill options; got {names.Length}");
            }
            var sides = BillArguments.Read(names, parse.GetValue(set)).Variants("compares");
            var when = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var path = parse.GetValue(output);
            var chosen = Format(parse.GetValue(format), path, ["text", "json", "csv"]);
            var portfolio = Portfolio(parse.GetValue(files), parse.GetValue(corpus));
            var options = Options(parse.GetValue(estimates), keepRows: chosen == "csv");
            var result = SlowWork.Run("comparing", portfolio.Count, progress =>
                Comparison.Compare(portfolio, sides[0], sides[1], when, options, progress));
            switch (chosen)
            {
                case "json":
                    return Write(JsonSerializer.Serialize(result, EvaluateCommand.Json) + "\n", path);
                case "csv":
                    return WriteLines(ComparisonReports.CsvLines(result), path);
            }
            var totals = result.Totals;
            Terminal.Out.MarkupLine($"[bold]{Markup.Escape(result.A)}[/] vs [bold]{Markup.Escape(result.B)}[/] over {result.Artifacts} artifacts, as of {result.AsOf}");
            Terminal.Out.MarkupLine($"  artifacts with an outstanding duty: {totals.WithOutstandingUnderA} vs {totals.WithOutstandingUnderB}; with any duty listed (undetermined included): {totals.WithObligationsUnderA} vs {totals.WithObligationsUnderB}");
            Terminal.Out.MarkupLine($"  duties outstanding: {totals.UnderA.Outstanding} vs {totals.UnderB.Outstanding}; undetermined: {totals.UnderA.Undetermined} vs {totals.UnderB.Undetermined}; satisfied: {totals.UnderA.Satisfied} vs {totals.UnderB.Satisfied}");
            Terminal.Out.MarkupLine($"  gained: {Changes(totals.Gained)}");
            Terminal.Out.MarkupLine($"  lost: {Changes(totals.Lost)}");
            if (result.Estimates is { } report)
            {
                Terminal.Out.MarkupLine($"  estimated: {report.Count} facts filled from compute ({Markup.Escape(report.Title)}; certainty {report.Certainty.ToString().ToLowerInvariant()})");
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("artifact", "definitions that differ", "gained", "lost");
            foreach (var d in result.Differences)
            {
                table.AddRow(Markup.Escape(d.Name + (d.Estimated is null ? "" : " *")),
                    Markup.Escape(string.Join(", ", d.Definitions.Select(x => $"{x.Key}: {x.Value.A?.Text() ?? "-"} -> {x.Value.B?.Text() ?? "-"}"))),
                    Markup.Escape(Duties(d.Gained)), Markup.Escape(Duties(d.Lost)));
            }
            Terminal.Out.Write(table);
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
        var estimates = EstimatesOption();
        var format = new Option<string>("--format", "-f") { Description = "text, json, csv (one row per value and artifact, for pandas or R), svg or png (the plot; png needs --output)." };
        format.AcceptOnlyFromAmong("text", "json", "csv", "svg", "png");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (its extension, .json, .csv, .svg or .png, chooses the format when --format is not given)." };
        var command = new Command("sweep", "One parameter over a range of values: how many artifacts each definition covers, and which flip, from what to what.")
        {
            files, corpus, bill, set, parameter, values, from, to, steps, log, asOf, estimates, format, output,
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
            var path = parse.GetValue(output);
            var chosen = Format(parse.GetValue(format), path, ["text", "json", "csv", "svg", "png"]);
            if (chosen == "png" && path is null)
            {
                throw new InvalidInputException("Give a file for the PNG", "--output", "a PNG is written to a file: add --output plot.png");
            }
            var portfolio = Portfolio(parse.GetValue(files), parse.GetValue(corpus));
            var options = Options(parse.GetValue(estimates), keepRows: chosen == "csv");
            var result = SlowWork.Run("sweeping", points.Count, progress => Sweep.Run(portfolio, subject, parse.GetValue(parameter)!, points, when, options, progress));
            switch (chosen)
            {
                case "json":
                    return Write(JsonSerializer.Serialize(result, EvaluateCommand.Json) + "\n", path);
                case "csv":
                    return WriteLines(SweepReports.CsvLines(result), path);
                case "svg":
                    return Write(SweepReports.Svg(result), path);
                case "png":
                    File.WriteAllBytes(path!, SweepReports.Png(result));
                    return ExitCodes.Allowed;
            }
            // What was swept, so that a saved output names its scenario: the bill with any --set, the value it holds.
            Terminal.Out.MarkupLine($"[bold]{Markup.Escape(result.Bill)}[/]: {Markup.Escape(result.Parameter)} over {result.Artifacts} artifacts, as of {result.AsOf} (the bill's value: {ShortNumber.Of(result.CurrentValue)})");
            var table = new Table().Border(TableBorder.Rounded).AddColumn(result.Parameter);
            var names = result.Definitions.Select(d => d.Name).ToList();
            names.ForEach(n => table.AddColumn(n + " (true/false/unknown)"));
            table.AddColumn("models that flip");
            foreach (var p in result.Points)
            {
                table.AddRow([ShortNumber.Of(p.Value), .. names.Select(n => $"{p.Counts[n].True}/{p.Counts[n].False}/{p.Counts[n].Unknown}"),
                    Markup.Escape(p.FlippedModels.Count <= 6 ? string.Join(", ", p.FlippedModels) : $"{string.Join(", ", p.FlippedModels.Take(6))} and {p.FlippedModels.Count - 6} more")]);
            }
            Terminal.Out.Write(table);
            if (result.Estimates is { } report)
            {
                Terminal.Out.MarkupLine($"estimated: {report.Count} facts filled from compute ({Markup.Escape(report.Title)}; certainty {report.Certainty.ToString().ToLowerInvariant()})");
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

    private static Option<bool> EstimatesOption() => new("--estimates")
    {
        Description = "Fill a training cost the manifests leave out from their compute, at a cited cloud price per FLOP by year (secondary); every fact filled is reported.",
    };

    private static AnalysisOptions Options(bool estimates, bool keepRows) =>
        new() { Estimates = estimates ? CloudPrices.Bundled : null, KeepRows = keepRows };

    /// <summary>The format asked for, else the one the output file's extension names, else text.</summary>
    private static string Format(string? asked, string? path, string[] known)
    {
        if (asked is not null)
        {
            return asked;
        }
        var extension = Path.GetExtension(path ?? "").TrimStart('.').ToLowerInvariant();
        return extension.Length == 0 ? "text"
            : known.Contains(extension, StringComparer.Ordinal) && extension != "text" ? extension
            : throw new InvalidInputException("Unknown format", "--output", $"'.{extension}' names no format; give --format {string.Join("|", known)} or a file ending .{string.Join(", .", known.Where(k => k != "text"))}");
    }

    private static int Write(string text, string? path)
    {
        if (path is null)
        {
            Console.Out.Write(text);
        }
        else
        {
            File.WriteAllText(path, text);
        }
        return ExitCodes.Allowed;
    }

    /// <summary>A CSV written line by line as it is made: a sweep of many artifacts never sits in memory as one string.</summary>
    private static int WriteLines(IEnumerable<string> lines, string? path)
    {
        using var file = path is null ? null : new StreamWriter(path);
        var writer = file ?? Console.Out;
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
        writer.Flush();
        return ExitCodes.Allowed;
    }

    private static string Changes(DutyChanges changes) => changes.Total is { Outstanding: 0, Satisfied: 0, Undetermined: 0 }
        ? "none"
        : $"{changes.Total.Outstanding} outstanding, {changes.Total.Undetermined} undetermined, {changes.Total.Satisfied} satisfied (by phase: "
          + string.Join(", ", changes.ByPhase.Select(p => $"{p.Key} {p.Value.Outstanding}/{p.Value.Undetermined}/{p.Value.Satisfied}")) + ")";

    private static string Duties(DutiesByStatus duties) => string.Join("; ", new[]
    {
        duties.Outstanding.Count > 0 ? "outstanding: " + string.Join(", ", duties.Outstanding) : null,
        duties.Satisfied.Count > 0 ? "satisfied: " + string.Join(", ", duties.Satisfied) : null,
        duties.Undetermined.Count > 0 ? "undetermined: " + string.Join(", ", duties.Undetermined) : null,
    }.OfType<string>());
}
