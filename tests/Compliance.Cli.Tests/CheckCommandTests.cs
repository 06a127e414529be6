using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>compliance check through the real process: one line per finding, the counts last, exit 0, 1 or 2.</summary>
public sealed class CheckCommandTests
{
    private const string Pack = """
        id: checked-pack
        version: "1"
        title: A pack to check
        jurisdiction: US
        status: enacted
        source: https://example.test
        effective: { from: 2025-01-01 }
        parameters:
          big: { value: 1e26, unit: FLOP, citation: "§ 1", description: "trained with more than {big} operations" }
        definitions:
          covered: { title: Covered, citation: "§ 1", when: { fact: training.computeFlop, gt: $big } }
        obligations:
          - { id: report, title: Report, citation: "§ 2", phase: training, holder: developer, when: { definition: covered } }
        """;

    private const string Cases = """
        tests:
          - name: a big model owes the report
            asOf: 2026-01-01
            manifest: { schemaVersion: "1", id: t/big, training: { status: planned, computeFlop: 2e26 } }
            expect: EXPECT
        """;

    /// <summary>Writes the pack and, when given, its cases beside it as X.tests.yaml; returns the pack's path.</summary>
    private static string Write(string pack, string? cases = null)
    {
        var folder = Directory.CreateTempSubdirectory("check-").FullName;
        var path = Path.Combine(folder, "checked-pack@1.yaml");
        File.WriteAllText(path, pack);
        if (cases is not null)
        {
            File.WriteAllText(Path.Combine(folder, "checked-pack@1.tests.yaml"), cases);
        }
        return path;
    }

    [Fact]
    public void Every_bundled_pack_passes_and_the_last_line_counts()
    {
        var run = Cli.Compliance("check");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Matches(@"^\d+ packs checked: 0 errors, \d+ warnings?$", lines[^1]);
        Assert.All(lines[..^1], l => Assert.StartsWith("warning ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_clean_pack_named_by_path_passes_with_nothing_to_report()
    {
        var run = Cli.Compliance("check", Write(Pack, Cases.Replace("EXPECT", "{ obligations: [report] }", StringComparison.Ordinal)));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1 pack checked: 0 errors, 0 warnings", run.Out.Trim());
    }

    [Fact]
    public void Errors_and_warnings_are_one_line_each_naming_the_pack_and_pointer_and_errors_exit_1()
    {
        var pack = Pack.Replace("gt: $big", "gte: $big", StringComparison.Ordinal)
            .Replace("definitions:\n", "definitions:\n  idle: { title: Idle, citation: \"§ 3\", when: { fact: weights.parameters, gt: 5 } }\n", StringComparison.Ordinal);
        var path = Write(pack, Cases.Replace("EXPECT", "{ definitions: { covered: \"true\" } }", StringComparison.Ordinal));

        var run = Cli.Compliance("check", path);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"error {path} /definitions/covered/when/gte training.computeFlop gte $big, but ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"error {path} /tests/0/expect case 'a big model owes the report' ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"warning {path} /definitions/idle idle is never used", lines[2], StringComparison.Ordinal);
        Assert.Equal("1 pack checked: 2 errors, 1 warning", lines[^1]);
    }

    [Fact]
    public void Json_lists_each_finding_with_its_rule()
    {
        var run = Cli.Compliance("check", Write(Pack.Replace("trained with more than {big} operations", "the threshold", StringComparison.Ordinal)), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        var finding = Assert.Single(report["packs"]![0]!["findings"]!.AsArray())!;
        Assert.Equal(("warning", "operator", "/parameters/big"), ((string)finding["severity"]!, (string)finding["rule"]!, (string)finding["pointer"]!));
        Assert.Equal((0, 1), ((int)report["errors"]!, (int)report["warnings"]!));
    }

    [Fact]
    public void A_pack_that_does_not_load_is_bad_input_exit_2_on_one_line()
    {
        var path = Write(Pack.Replace("fact: training.computeFlop", "fact: training.costUsd", StringComparison.Ordinal));

        var run = Cli.Compliance("check", path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.Contains("/definitions/covered/when/gt", line, StringComparison.Ordinal);
        Assert.Contains("FLOP", line, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void A_missing_file_is_bad_input_exit_2()
    {
        var run = Cli.Compliance("check", "no/such/pack.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no/such/pack.yaml", run.Err, StringComparison.Ordinal);
    }
}
