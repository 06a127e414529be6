using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>Drafts named by path and --set overrides, through the real process, on every command that names a bill.</summary>
public sealed class DraftCommandTests
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("compliance-drafts-");

    // SB 1047 (enrolled) with a covered-model threshold of 1e25 operations, stating nothing else it inherits.
    private const string LowerDraft = """
        id: sb1047-lower
        version: draft-1
        extends: us-ca-sb1047@2024-08-enrolled
        title: SB 1047 with a covered-model threshold of 1e25
        status: proposed
        parameters:
          covered_compute_flop: { value: 1e25, unit: FLOP, citation: "draft: the threshold lowered" }
        """;

    // 5e25 operations at $200M: under SB 1047's 1e26 threshold, over the draft's 1e25.
    private const string MidSizeModel = """
        { "schemaVersion": "1", "id": "acme/mid-1", "developer": { "name": "Acme AI" },
          "training": { "status": "completed", "computeFlop": 5e25, "costUsd": 2e8 },
          "release": { "weights": "open", "date": "2026-06-01", "jurisdictions": ["US"] } }
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Evaluate_reads_a_draft_by_path_that_inherits_what_it_does_not_restate_from_the_bundled_bill()
    {
        var draft = Write("lower.yaml", LowerDraft);
        var model = Write("mid.json", MidSizeModel);

        var run = Cli.Compliance("evaluate", model, "--bill", draft, "--as-of", "2026-07-01", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var bill = JsonNode.Parse(run.Out)!["bills"]!.AsArray().Single()!;
        Assert.Equal("sb1047-lower", (string)bill["bill"]!);
        Assert.Equal("US-CA", (string)bill["jurisdiction"]!);
        Assert.Equal("proposed", (string)bill["status"]!);
        Assert.Equal("true", (string)bill["definitions"]!["covered_model"]!["value"]!);
        Assert.NotEmpty(bill["obligations"]!.AsArray());
    }

    [Fact]
    public void Gate_enforces_a_draft_named_by_path_where_the_bundled_bill_allows()
    {
        var draft = Write("lower.yaml", LowerDraft);
        var model = Write("mid.json", MidSizeModel);

        var bundled = Cli.Compliance("gate", model, "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");
        var drafted = Cli.Compliance("gate", model, "--activity", "release", "--bill", draft, "--as-of", "2026-07-01");

        Assert.Equal(0, bundled.ExitCode);
        Assert.Equal(1, drafted.ExitCode);
        Assert.Contains("sb1047-lower/", drafted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_takes_a_bundled_bill_and_a_draft_of_it()
    {
        var draft = Write("lower.yaml", LowerDraft);
        var model = Write("mid.json", MidSizeModel);

        var run = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", draft, model, "--as-of", "2026-07-01", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!;
        Assert.Equal("sb1047-lower@draft-1", (string)result["b"]!);
        var difference = result["differences"]!.AsArray().Single()!;
        Assert.Equal("acme/mid-1", (string)difference["artifact"]!);
        Assert.Contains("critical-harm-assessment", difference["gained"]!["outstanding"]!.AsArray().Select(g => (string)g!));
    }

    [Fact]
    public void Compare_takes_one_bill_twice_with_a_set_on_the_side_written_with_its_version()
    {
        var model = Write("mid.json", MidSizeModel);

        var run = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", "us-ca-sb1047@2024-08-enrolled",
            "--set", "us-ca-sb1047@2024-08-enrolled.covered_compute_flop=1e25", model, "--as-of", "2026-07-01", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!;
        Assert.Equal("us-ca-sb1047@2024-08-enrolled", (string)result["a"]!);
        Assert.Equal("us-ca-sb1047@2024-08-enrolled with covered_compute_flop=1E+25", (string)result["b"]!);
        Assert.Equal(0, (int)result["totals"]!["obligationsUnderA"]!);
        Assert.True((int)result["totals"]!["obligationsUnderB"]! > 0);
    }

    [Fact]
    public void Evaluate_with_set_answers_under_the_value_and_says_so()
    {
        var model = Write("mid.json", MidSizeModel);

        var json = Cli.Compliance("evaluate", model, "--bill", "us-ca-sb1047", "--set", "us-ca-sb1047.covered_compute_flop=1e25", "--as-of", "2026-07-01", "--format", "json");
        var text = Cli.Compliance("evaluate", model, "--bill", "us-ca-sb1047", "--set", "us-ca-sb1047.covered_compute_flop=1e25", "--as-of", "2026-07-01");

        Assert.Equal(0, json.ExitCode);
        var bill = JsonNode.Parse(json.Out)!["bills"]!.AsArray().Single()!;
        Assert.Equal(1e25, (double)bill["overrides"]!["covered_compute_flop"]!);
        Assert.Equal("true", (string)bill["definitions"]!["covered_model"]!["value"]!);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("with covered_compute_flop = 1E+25", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_reads_a_draft_by_path_and_holds_a_set_parameter_over_the_values()
    {
        var draft = Write("lower.yaml", LowerDraft);
        var model = Write("mid.json", MidSizeModel);

        var run = Cli.Compliance("sweep", "--bill", draft, "--parameter", "covered_compute_flop", "--values", "1e24,1e26",
            "--set", "sb1047-lower.covered_cost_usd=1e9", model, "--as-of", "2026-07-01", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!;
        Assert.Equal("sb1047-lower@draft-1 with covered_cost_usd=1000000000", (string)result["bill"]!);
        // At $200M the model is under the held cost threshold of $1B whatever the compute threshold.
        Assert.All(result["points"]!.AsArray(), p => Assert.Equal(0, (int)p!["counts"]!["covered_model"]!["true"]!));
    }

    [Fact]
    public void Test_runs_a_bundled_bill_by_id_and_a_draft_by_path_with_its_cases_beside_it()
    {
        var draft = Write("lower.yaml", LowerDraft);
        Write("lower.tests.yaml", """
            tests:
              - name: a model of 5e25 operations is covered under the lowered threshold
                asOf: 2026-07-01
                manifest: { schemaVersion: "1", id: acme/mid-1, developer: { name: Acme AI }, training: { status: completed, computeFlop: 5e25, costUsd: 2e8 } }
                expect: { definitions: { covered_model: "true" } }
            """);

        var run = Cli.Compliance("test", "us-ca-sb53", draft);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok    us-ca-sb53@", run.Out, StringComparison.Ordinal);
        Assert.Contains("ok    sb1047-lower@draft-1: a model of 5e25 operations is covered under the lowered threshold", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n[1-9]\d* passed, 0 failed$", run.Out.TrimEnd());
    }

    [Fact]
    public void A_draft_with_no_test_cases_fails_the_run_rather_than_passing_untested()
    {
        var draft = Write("lower.yaml", LowerDraft);

        var run = Cli.Compliance("test", draft);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL  sb1047-lower@draft-1: no test cases (write them under 'tests' in the file beside the pack named like it, X.tests.yaml for X.yaml)", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed", run.Out.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_pack_file_is_one_line_naming_the_file_and_the_pointer_with_exit_2_on_every_command()
    {
        var broken = Write("broken.yaml", LowerDraft + """

            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlops, gt: 1e26 } }
            """);
        var model = Write("mid.json", MidSizeModel);

        Cli.Run[] runs =
        [
            Cli.Compliance("evaluate", model, "--bill", broken),
            Cli.Compliance("gate", model, "--activity", "release", "--bill", broken),
            Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", broken, model),
            Cli.Compliance("sweep", "--bill", broken, "--parameter", "covered_compute_flop", "--values", "1e25", model),
            Cli.Compliance("test", broken),
        ];

        Assert.All(runs, run =>
        {
            Assert.Equal(2, run.ExitCode);
            var line = Assert.Single(run.Err.TrimEnd().Split('\n'));
            Assert.Contains($"{broken}: The bill pack is invalid: /definitions/big/when/fact: unknown fact 'training.computeFlops'", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_draft_that_claims_a_bundled_version_is_refused_as_the_service_refuses_it()
    {
        var copy = Write("copy.yaml", LowerDraft.Replace("id: sb1047-lower\nversion: draft-1", "id: us-ca-sb1047\nversion: 2024-08-enrolled", StringComparison.Ordinal));
        var model = Write("mid.json", MidSizeModel);

        var run = Cli.Compliance("evaluate", model, "--bill", copy);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{copy}: The bill version exists: /version: us-ca-sb1047@2024-08-enrolled ships with the tool", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_in_set_exits_2_naming_the_bill_and_the_parameters_it_has()
    {
        var model = Write("mid.json", MidSizeModel);

        var evaluate = Cli.Compliance("evaluate", model, "--bill", "us-ca-sb1047", "--set", "us-ca-sb1047.compute_flop=1e25");
        var compare = Cli.Compliance("compare", "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only", "--set", "proposal-deployment-only.compute_flop=1e25", model);
        var unknownBill = Cli.Compliance("evaluate", model, "--bill", "us-ca-sb1047", "--set", "eu-ai-act.gpai_compute_flop=1e22");

        Assert.Equal(2, evaluate.ExitCode);
        Assert.Contains("--set/0: 'us-ca-sb1047' has no parameter 'compute_flop'; it has covered_compute_flop, covered_cost_usd", evaluate.Err, StringComparison.Ordinal);
        Assert.Equal(2, compare.ExitCode);
        Assert.Contains("'proposal-deployment-only' has no parameter 'compute_flop'; it has covered_compute_flop", compare.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknownBill.ExitCode);
        Assert.Contains("'eu-ai-act' is not a bill this run evaluates (us-ca-sb1047@2024-08-enrolled)", unknownBill.Err, StringComparison.Ordinal);
    }
}
