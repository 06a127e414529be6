using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Compliance.Cli.Tests;

public sealed class GateCommandTests
{
    [Fact]
    public void A_covered_models_release_with_open_duties_of_the_bills_in_force_is_blocked_with_exit_code_1_naming_them_and_each_bills_standing()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", "2026-07-01");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("BLOCKED release of acme/frontier-1", run.Out, StringComparison.Ordinal);
        Assert.Contains("enforced (in force on 2026-07-01):", run.Out, StringComparison.Ordinal);
        Assert.Contains("eu-ai-act@2024-1689  enacted: in force since 2024-08-01", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb53@2025-09-chaptered  enacted: in force since 2026-01-01", run.Out, StringComparison.Ordinal);
        Assert.Contains("eu-ai-act/gpai-technical-documentation", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("us-ca-sb1047", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_lists_each_failing_duty_in_plain_lines_with_its_title_citation_due_date_and_lateness()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", "2026-07-01");
        var json = JsonNode.Parse(Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", "2026-07-01", "--format", "json").Out)!;

        Assert.StartsWith("BLOCKED release of acme/frontier-1: blocked: 9 blocking duties outstanding\n", run.Out, StringComparison.Ordinal);
        var duties = json["bills"]!.AsArray().SelectMany(b => b!["obligations"]!.AsArray()).ToDictionary(o => (string)o!["id"]!);
        foreach (var id in json["gate"]!["blocking"]!.AsArray().Select(b => (string)b!))
        {
            var duty = duties[id]!;
            Assert.Contains($"    {id}  outstanding\n      {(string)duty["title"]!}\n      {(string)duty["citation"]!}; due ", run.Out, StringComparison.Ordinal);
        }
        Assert.Contains("Art. 53(1)(a), Annex XI; due 2026-06-01, overdue 30 days\n", run.Out, StringComparison.Ordinal);
        // Lines a CI log shows as they are: no box drawn for a terminal's width.
        Assert.DoesNotContain("│", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bill_named_is_enforced_whatever_its_status_and_the_text_says_it_is_not_law()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("enforced (named):", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb1047@2024-08-enrolled  vetoed on 2024-09-29: not law", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb1047/critical-harm-assessment", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_whose_blocking_duties_have_evidence_is_allowed_with_exit_code_0()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release-cleared.json", "--activity", "release", "--as-of", "2026-07-01");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ALLOWED release of acme/frontier-1-cleared", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_models_release_with_its_evidence_is_allowed_and_yaml_manifests_are_read()
    {
        var run = Cli.Compliance("gate", "examples/small-model-release.yaml", "--activity", "release", "--as-of", "2026-12-02");
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void An_undetermined_blocking_duty_blocks_unless_allowed()
    {
        var strict = Cli.Compliance("gate", "examples/unknown-cost.json", "--activity", "training", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");
        var lenient = Cli.Compliance("gate", "examples/unknown-cost.json", "--activity", "training", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01", "--allow-undetermined");
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("needs training.costUsd", strict.Out, StringComparison.Ordinal);
        Assert.Equal(0, lenient.ExitCode);
    }

    [Fact]
    public void The_junit_report_validates_against_the_junit_schema_with_one_failed_case_per_open_blocking_duty()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01", "--format", "junit", "--output", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("report written to", run.Err, StringComparison.Ordinal);
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "TestData", "junit.xsd"));
        var report = XDocument.Load(path);
        var errors = new List<string>();
        report.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        var cases = report.Descendants("testcase").ToList();
        Assert.Equal(9, cases.Count(c => c.Element("failure") is not null));
        var assessment = cases.Single(c => ((string)c.Attribute("name")!).StartsWith("us-ca-sb1047/critical-harm-assessment", StringComparison.Ordinal));
        Assert.Contains("BPC § 22603(b)(1)", (string)assessment.Element("failure")!.Attribute("message")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sarif_report_validates_against_sarif_2_1_0_with_the_obligation_as_rule_and_the_manifest_as_location()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01", "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(await SarifSchemas.Errors(run.Out));
        var sarif = JsonNode.Parse(run.Out)!;
        var results = sarif["runs"]![0]!["results"]!.AsArray();
        var assessment = results.Single(r => (string)r!["ruleId"]! == "us-ca-sb1047/critical-harm-assessment")!;
        Assert.Equal("error", (string)assessment["level"]!);
        Assert.Equal("examples/frontier-release.json", (string)assessment["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!);
        var rule = sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().Single(r => (string)r!["id"]! == "us-ca-sb1047/critical-harm-assessment")!;
        Assert.StartsWith("https://leginfo.legislature.ca.gov", (string)rule["helpUri"]!, StringComparison.Ordinal);
        Assert.Contains(results, r => (string)r!["level"]! == "warning");
    }

    [Fact]
    public void The_json_report_validates_against_the_evaluation_schema()
    {
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--bill", "us-ca-sb1047", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(Rules.Json.SchemaValidator.Evaluation.Validate(JsonNode.Parse(run.Out)!));
        Assert.False((bool)JsonNode.Parse(run.Out)!["gate"]!["allowed"]!);
    }

    [Theory]
    [InlineData("examples/nothing-here.json", "no such file")]
    [InlineData("tests/Compliance.Cli.Tests/TestData/junit.xsd", "malformed")]
    public void An_unreadable_manifest_exits_2_with_one_clear_line_and_no_stack_trace(string file, string message)
    {
        var run = Cli.Compliance("gate", file, "--activity", "release");
        ExitContract.CouldNotEvaluate(run, file, message);
    }

    [Fact]
    public void A_manifest_failing_the_schema_exits_2_naming_each_field_by_pointer_on_one_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "schemaVersion": "1", "id": "x/y", "training": { "computeFlop": "a lot", "status": "done" } }""");
        var run = Cli.Compliance("gate", path, "--activity", "release");
        ExitContract.CouldNotEvaluate(run, path, "/training/computeFlop: must be a number", "/training/status");
    }

    [Fact]
    public void A_yaml_syntax_error_exits_2_with_line_and_column()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "schemaVersion: \"1\"\nid: x/y\ntraining: { computeFlop: 1e26\n");
        var run = Cli.Compliance("gate", path, "--activity", "release");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line", run.Err, StringComparison.Ordinal);
        Assert.Contains("column", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bill", "us-xx-nothing", "unknown bill")]
    [InlineData("--as-of", "2026-02-30", "not a date")]
    [InlineData("--as-of", "yesterday", "not a date")]
    [InlineData("--activity", "publish", "publish")]
    public void Bad_options_exit_2_on_one_line(string option, string value, string message)
    {
        var args = option == "--activity"
            ? new[] { "gate", "examples/frontier-release.json", option, value }
            : ["gate", "examples/frontier-release.json", "--activity", "release", option, value];
        ExitContract.CouldNotEvaluate(Cli.Compliance(args), message);
    }
}
