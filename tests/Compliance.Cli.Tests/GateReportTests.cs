using System.Text.Json.Nodes;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Compliance.Cli.Tests;

/// <summary>The gate's reports as CI systems read them: SARIF located in the manifest, workflow commands, and a report on exit 2.</summary>
public sealed class GateReportTests
{
    private const string AsOf = "2026-07-01";

    private static string Temp(string name) => Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");

    /// <summary>Where a key is written in a file: its line and (1-based) column, found by reading the text.</summary>
    private static (int Line, int Column) KeyPosition(string file, string key, int after = 0)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, file));
        for (var i = after; i < lines.Length; i++)
        {
            var column = lines[i].IndexOf(key, StringComparison.Ordinal);
            if (column >= 0)
            {
                return (i + 1, column + 1);
            }
        }
        throw new InvalidOperationException($"{key} is not in {file}");
    }

    private static (int Line, int Column) Region(JsonNode result)
    {
        var region = result["locations"]![0]!["physicalLocation"]!["region"]!;
        return ((int)region["startLine"]!, (int)region["startColumn"]!);
    }

    private static JsonNode Result(JsonNode sarif, string ruleId) =>
        sarif["runs"]![0]!["results"]!.AsArray().Single(r => (string)r!["ruleId"]! == ruleId)!;

    [Fact]
    public async Task The_schemas_the_reports_are_held_to_refuse_a_report_that_breaks_them()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", AsOf, "--format", "sarif");
        var sarif = JsonNode.Parse(run.Out)!;
        // A level SARIF does not define, and a run without its tool: the official schema names both.
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        sarif["runs"]![0]!.AsObject().Remove("tool");

        var errors = await SarifSchemas.Errors(sarif.ToJsonString());

        Assert.Contains(errors, e => e.StartsWith("official: ", StringComparison.Ordinal) && e.Contains("tool", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("official: ", StringComparison.Ordinal) && e.Contains("level", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_sarif_result_is_located_at_the_json_field_that_decides_it_and_the_report_is_valid_sarif()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", AsOf, "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(await SarifSchemas.Errors(run.Out));
        var sarif = JsonNode.Parse(run.Out)!;
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(Region(r!) is { Line: >= 1, Column: >= 1 }));
        // A general-purpose model by its training compute: the duty points at "computeFlop" in the file.
        var documentation = Result(sarif, "eu-ai-act/gpai-technical-documentation");
        Assert.Equal("/training/computeFlop", (string)documentation["properties"]!["field"]!);
        Assert.Equal(KeyPosition("examples/frontier-release.json", "\"computeFlop\""), Region(documentation));
        // A representative is owed because the developer is established outside the Union: its headquarters.
        var representative = Result(sarif, "eu-ai-act/gpai-authorised-representative");
        Assert.Equal(KeyPosition("examples/frontier-release.json", "\"headquarters\""), Region(representative));
        Assert.Equal("compliance-gate/examples/frontier-release.json/", (string)sarif["runs"]![0]!["automationDetails"]!["id"]!);
    }

    [Fact]
    public void An_undetermined_duty_is_located_where_the_missing_fact_would_go()
    {
        var run = Cli.Compliance("gate", "examples/unknown-cost.json", "--activity", "training", "--bill", "us-ca-sb1047", "--as-of", AsOf, "--format", "sarif");

        var protocol = Result(JsonNode.Parse(run.Out)!, "us-ca-sb1047/safety-protocol");
        Assert.Equal("undetermined", (string)protocol["properties"]!["status"]!);
        // training.costUsd is missing: the finding sits on the training object it belongs in.
        Assert.Equal("/training", (string)protocol["properties"]!["field"]!);
        Assert.Equal(KeyPosition("examples/unknown-cost.json", "\"training\""), Region(protocol));
    }

    [Fact]
    public async Task Sarif_results_of_a_yaml_manifest_are_located_at_the_yaml_key()
    {
        var path = Temp("frontier.yaml");
        File.WriteAllText(path, """
            # A frontier model, in YAML: the report points at the key's line and column.
            schemaVersion: "1"
            id: acme/frontier-yaml
            developer:
              name: Acme AI
              headquarters: US-CA
            training:
              status: completed
              computeFlop: 2.0e26
              costUsd: 1.5e8
              startDate: 2026-03-01
            outputModalities: [text]
            release: { weights: open, date: 2026-06-01, jurisdictions: [US, EU] }
            """);
        var run = Cli.Compliance("gate", path, "--activity", "release", "--as-of", AsOf, "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(await SarifSchemas.Errors(run.Out));
        var sarif = JsonNode.Parse(run.Out)!;
        Assert.Equal((9, 3), Region(Result(sarif, "eu-ai-act/gpai-technical-documentation")));
        Assert.Equal((6, 3), Region(Result(sarif, "eu-ai-act/gpai-authorised-representative")));
    }

    [Fact]
    public void The_sarif_driver_version_is_the_tools_version()
    {
        var version = Cli.Compliance("--version").Out.Trim();
        var run = Cli.Compliance("gate", "examples/frontier-release-cleared.json", "--activity", "release", "--as-of", AsOf, "--format", "sarif");

        Assert.Equal(0, run.ExitCode);
        var driver = JsonNode.Parse(run.Out)!["runs"]![0]!["tool"]!["driver"]!;
        Assert.Equal(version, (string)driver["version"]!);
        var invocation = JsonNode.Parse(run.Out)!["runs"]![0]!["invocations"]![0]!;
        Assert.True((bool)invocation["executionSuccessful"]!);
        Assert.Equal(0, (int)invocation["exitCode"]!);
    }

    [Fact]
    public void The_github_format_writes_an_error_per_outstanding_blocking_duty_at_its_field_and_the_decision_last()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", AsOf, "--format", "github");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var (line, column) = KeyPosition("examples/frontier-release.json", "\"computeFlop\"");
        var documentation = Assert.Single(lines, l => l.Contains("title=eu-ai-act/gpai-technical-documentation", StringComparison.Ordinal));
        Assert.StartsWith($"::error file=examples/frontier-release.json,line={line},col={column},title=", documentation, StringComparison.Ordinal);
        Assert.Contains("::Draw up and keep the model's technical documentation", documentation, StringComparison.Ordinal);
        // One error per blocking duty outstanding, as the JSON answer lists them.
        var blocking = JsonNode.Parse(Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", AsOf, "--format", "json").Out)!["gate"]!["blocking"]!.AsArray();
        Assert.Equal(9, blocking.Count);
        Assert.Equal(blocking.Select(b => $"title={(string)b!}"), lines.Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).Select(l => l.Split(',').Single(p => p.StartsWith("title=", StringComparison.Ordinal)).Split("%3A")[0].Split("::")[0]));
        Assert.StartsWith("BLOCKED release of acme/frontier-1", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_github_format_writes_a_warning_per_undetermined_blocking_duty()
    {
        var run = Cli.Compliance("gate", "examples/unknown-cost.json", "--activity", "training", "--bill", "us-ca-sb1047", "--as-of", AsOf, "--format", "github");

        Assert.Equal(1, run.ExitCode);
        var warnings = run.Out.Split('\n').Where(l => l.StartsWith("::warning file=examples/unknown-cost.json,", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("the manifest lacks training.costUsd", w, StringComparison.Ordinal));
        Assert.DoesNotContain("::error", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_exit_2_the_sarif_report_is_still_written_with_the_reason_at_the_field_as_a_failed_execution()
    {
        var manifest = Temp("bad.json");
        File.WriteAllText(manifest, "{ \"schemaVersion\": \"1\", \"id\": \"x/y\",\n  \"training\": { \"computeFlop\": \"a lot\" } }");
        var report = Temp("report.sarif");

        var run = Cli.Compliance("gate", manifest, "--activity", "release", "--format", "sarif", "--output", report);

        ExitContract.CouldNotEvaluate(run, manifest, "/training/computeFlop");
        var text = File.ReadAllText(report);
        Assert.Empty(await SarifSchemas.Errors(text));
        var sarif = JsonNode.Parse(text)!["runs"]![0]!;
        var invocation = sarif["invocations"]![0]!;
        Assert.False((bool)invocation["executionSuccessful"]!);
        Assert.Equal(2, (int)invocation["exitCode"]!);
        var notification = invocation["toolExecutionNotifications"]![0]!;
        Assert.Equal("error", (string)notification["level"]!);
        Assert.Contains("/training/computeFlop: must be a number", (string)notification["message"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal((2, 17), Region(notification));
        Assert.Empty(sarif["results"]!.AsArray());
    }

    [Fact]
    public async Task On_exit_2_for_a_yaml_syntax_error_the_sarif_notification_is_at_the_line_the_parser_names()
    {
        var manifest = Temp("bad.yaml");
        File.WriteAllText(manifest, "schemaVersion: \"1\"\nid: x/y\ntraining: { computeFlop: 1e26\n");
        var report = Temp("report.sarif");

        var run = Cli.Compliance("gate", manifest, "--activity", "release", "--format", "sarif", "--output", report);

        ExitContract.CouldNotEvaluate(run, manifest, "line 4");
        Assert.Empty(await SarifSchemas.Errors(File.ReadAllText(report)));
        var notification = JsonNode.Parse(File.ReadAllText(report))!["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]![0]!;
        Assert.Equal(4, Region(notification).Line);
    }

    [Fact]
    public void On_exit_2_the_junit_report_is_still_written_as_one_errored_test_case_that_validates()
    {
        var report = Temp("junit.xml");

        var run = Cli.Compliance("gate", "examples/nothing-here.json", "--activity", "release", "--format", "junit", "--output", report);

        ExitContract.CouldNotEvaluate(run, "examples/nothing-here.json", "no such file");
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "TestData", "junit.xsd"));
        var document = XDocument.Load(report);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        Assert.Equal("1", (string)document.Root!.Attribute("errors")!);
        var error = Assert.Single(document.Descendants("error"));
        Assert.Contains("no such file", (string)error.Attribute("message")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_the_parser_refuses_still_get_their_report()
    {
        var report = Temp("refused.sarif");

        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "publish", "--format", "sarif", "--output", report);

        ExitContract.CouldNotEvaluate(run, "publish");
        var notification = JsonNode.Parse(File.ReadAllText(report))!["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]![0]!;
        Assert.Contains("publish", (string)notification["message"]!["text"]!, StringComparison.Ordinal);
        // An option is not a place in the manifest.
        Assert.Null(notification["locations"]);
    }

    [Fact]
    public void On_exit_2_the_github_format_writes_an_error_annotation_with_the_reason()
    {
        var run = Cli.Compliance("gate", "examples/nothing-here.json", "--activity", "release", "--format", "github");

        ExitContract.CouldNotEvaluate(run, "no such file");
        Assert.StartsWith("::error file=examples/nothing-here.json,line=1,col=1,title=compliance gate could not evaluate::", run.Out, StringComparison.Ordinal);
        Assert.Contains("no such file", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_memo_opens_with_the_gates_answer_and_each_enforced_bills_standing()
    {
        var memo = Temp("memo.md");

        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", AsOf, "--memo", memo);

        Assert.Equal(1, run.ExitCode);
        var text = File.ReadAllText(memo);
        Assert.Contains("## The gate: blocked", text, StringComparison.Ordinal);
        Assert.Contains("- `eu-ai-act@2024-1689`: enacted: in force since 2024-08-01", text, StringComparison.Ordinal);
        Assert.Contains("`eu-ai-act/gpai-technical-documentation`", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("## The gate", StringComparison.Ordinal) < text.IndexOf("## In short", StringComparison.Ordinal));
    }
}
