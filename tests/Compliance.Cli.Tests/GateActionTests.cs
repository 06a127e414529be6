using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>
/// The GitHub Action's script run as a job would run it, with the tool it would install replaced by the one built here
/// (COMPLIANCE_COMMAND), and the job's files (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) as temporary files.
/// </summary>
public sealed class GateActionTests : IDisposable
{
    private readonly string _job = Directory.CreateTempSubdirectory("gate-action-").FullName;

    public void Dispose() => Directory.Delete(_job, recursive: true);

    private sealed record Job(int ExitCode, string Out, string Err, string Summary, Dictionary<string, string> Outputs, string Reports);

    private Job Run(string manifests, string activity = "release", params (string Name, string Value)[] settings)
    {
        // Each run its own step files, as each step of a job has.
        var step = Directory.CreateDirectory(Path.Combine(_job, Guid.NewGuid().ToString("N"))).FullName;
        var summary = Path.Combine(step, "summary.md");
        var outputs = Path.Combine(step, "output");
        var reports = Path.Combine(step, "reports");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, ".github", "actions", "gate.sh")])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["COMPLIANCE_COMMAND"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "compliance.dll")}";
        start.Environment["COMPLIANCE_MANIFESTS"] = manifests;
        start.Environment["COMPLIANCE_ACTIVITY"] = activity;
        start.Environment["COMPLIANCE_AS_OF"] = "2026-07-01";
        start.Environment["COMPLIANCE_REPORT_DIR"] = reports;
        start.Environment["GITHUB_STEP_SUMMARY"] = summary;
        start.Environment["GITHUB_OUTPUT"] = outputs;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("gate.sh did not finish in 120 s");
        }
        var written = File.Exists(outputs)
            ? File.ReadAllLines(outputs).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal)
            : [];
        return new Job(process.ExitCode, stdout.Result, stderr.Result, File.Exists(summary) ? File.ReadAllText(summary) : "", written, reports);
    }

    [Fact]
    public async Task A_blocked_release_fails_the_step_with_1_a_located_sarif_report_and_the_memo_in_the_job_summary()
    {
        var job = Run("examples/frontier-release.json");

        Assert.True(job.ExitCode == 1, job.Err);
        Assert.Equal("blocked", job.Outputs["decision"]);
        Assert.Equal("1", job.Outputs["exit-code"]);
        var sarif = File.ReadAllText(Path.Combine(job.Reports, "examples-frontier-release.json.sarif"));
        Assert.Empty(await SarifSchemas.Errors(sarif));
        var results = JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray();
        Assert.Contains(results, r => (string)r!["level"]! == "error");
        Assert.All(results, r => Assert.NotNull(r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]));
        Assert.StartsWith("# What is owed for Frontier-1, as of 2026-07-01", job.Summary, StringComparison.Ordinal);
        Assert.Contains("## The gate: blocked", job.Summary, StringComparison.Ordinal);
        Assert.Contains("enacted: in force since", job.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_releases_in_json_and_yaml_pass_with_0_and_each_gets_its_report_and_memo()
    {
        var job = Run("examples/frontier-release-cleared.json\nexamples/small-model-release.yaml");

        Assert.True(job.ExitCode == 0, job.Err);
        Assert.Equal("allowed", job.Outputs["decision"]);
        foreach (var report in new[] { "examples-frontier-release-cleared.json.sarif", "examples-small-model-release.yaml.sarif" })
        {
            var sarif = File.ReadAllText(Path.Combine(job.Reports, report));
            Assert.Empty(await SarifSchemas.Errors(sarif));
            Assert.DoesNotContain(JsonNode.Parse(sarif)!["runs"]![0]!["results"]!.AsArray(), r => (string)r!["level"]! == "error");
        }
        Assert.Equal(2, job.Summary.Split('\n').Count(l => l == "## The gate: allowed"));
    }

    [Fact]
    public async Task A_manifest_that_cannot_be_evaluated_fails_with_2_and_still_has_its_report_and_its_reason_in_the_summary()
    {
        var bad = Path.Combine(_job, "bad.json");
        File.WriteAllText(bad, """{ "schemaVersion": "1", "id": "x/y", "training": { "computeFlop": "a lot" } }""");

        var job = Run($"examples/frontier-release.json {bad}");

        Assert.Equal(2, job.ExitCode);
        Assert.Equal("error", job.Outputs["decision"]);
        var report = Directory.GetFiles(job.Reports, "*bad.json.sarif").Single();
        var sarif = File.ReadAllText(report);
        Assert.Empty(await SarifSchemas.Errors(sarif));
        Assert.False((bool)JsonNode.Parse(sarif)!["runs"]![0]!["invocations"]![0]!["executionSuccessful"]!);
        Assert.Contains("## The gate could not evaluate", job.Summary, StringComparison.Ordinal);
        Assert.Contains("/training/computeFlop: must be a number", job.Summary, StringComparison.Ordinal);
        // The other manifest was still gated, and its memo is there too.
        Assert.Contains("## The gate: blocked", job.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_junit_format_writes_a_report_per_manifest_and_the_github_format_annotates()
    {
        var junit = Run("examples/frontier-release.json", settings: ("COMPLIANCE_FORMAT", "junit"));
        var github = Run("examples/frontier-release.json", settings: ("COMPLIANCE_FORMAT", "github"));

        Assert.Equal(1, junit.ExitCode);
        Assert.Contains("<failure", File.ReadAllText(Path.Combine(junit.Reports, "examples-frontier-release.json.xml")), StringComparison.Ordinal);
        Assert.Equal(1, github.ExitCode);
        Assert.Contains("::error file=examples/frontier-release.json,line=", github.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_deferred_exit_the_step_passes_and_leaves_the_exit_code_for_the_last_step()
    {
        var job = Run("examples/frontier-release.json", settings: ("COMPLIANCE_DEFER_EXIT", "true"));

        Assert.Equal(0, job.ExitCode);
        Assert.Equal("1", job.Outputs["exit-code"]);
    }

    [Fact]
    public void Missing_settings_fail_with_2_and_say_which()
    {
        var job = Run("", settings: ("COMPLIANCE_ACTIVITY", "release"));

        Assert.Equal(2, job.ExitCode);
        Assert.Contains("no manifest given", job.Err, StringComparison.Ordinal);
    }
}
