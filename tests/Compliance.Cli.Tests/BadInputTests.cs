using System.Diagnostics;

namespace Compliance.Cli.Tests;

/// <summary>
/// Bad input to every command other than a bad manifest (BadManifestTests): packs, model cards, BOMs, portfolios,
/// options, pipes, and the files beside a manifest. Each exits 2 with one line, or, for a stray file beside a
/// manifest, warns in one line and goes on.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("compliance-bad-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Example(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", name));

    [Fact]
    public void A_pack_with_a_key_given_twice_fails_test_with_exit_2_naming_its_pointer()
    {
        var pack = Write("pack.json", """{ "id": "x", "id": "y" }""");
        ExitContract.CouldNotEvaluate(Cli.Compliance("test", pack), pack, "/id", "is given more than once");
    }

    [Fact]
    public void A_missing_pack_fails_test_with_exit_2_not_1()
    {
        var pack = Path.Combine(_dir.FullName, "absent.yaml");
        ExitContract.CouldNotEvaluate(Cli.Compliance("test", pack), pack, "no such file");
    }

    [Fact]
    public void Bills_with_a_bad_as_of_exits_2_naming_the_option()
    {
        ExitContract.CouldNotEvaluate(Cli.Compliance("bills", "--as-of", "2026-02-30"), "--as-of", "not a date");
    }

    [Fact]
    public void A_report_to_a_folder_that_does_not_exist_exits_2_naming_the_path()
    {
        var output = Path.Combine(_dir.FullName, "no-such-folder", "report.sarif");
        var run = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--format", "sarif", "--output", output);
        ExitContract.CouldNotEvaluate(run, output);
    }

    [Fact]
    public void Import_hf_of_a_binary_file_exits_2_naming_it()
    {
        var path = Path.Combine(_dir.FullName, "README.md");
        File.WriteAllBytes(path, [0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00]);
        ExitContract.CouldNotEvaluate(Cli.Compliance("import", "hf", path, "--id", "x/y"), path, "UTF-8", "line 2, column 1");
    }

    [Fact]
    public void Import_cyclonedx_of_a_bom_with_a_key_given_twice_exits_2_naming_its_pointer()
    {
        var bom = Write("bom.json", """{ "bomFormat": "CycloneDX", "components": [ { "type": "machine-learning-model", "name": "a", "name": "b" } ] }""");
        ExitContract.CouldNotEvaluate(Cli.Compliance("import", "cyclonedx", bom), bom, "/components/0/name", "is given more than once");
    }

    [Fact]
    public void Compare_with_a_bad_file_in_the_portfolio_exits_2_naming_it()
    {
        var bad = Write("bad.yaml", "id: [unclosed\n");
        var run = Cli.Compliance("compare", "examples/frontier-release.json", bad, "--bill", "us-ca-sb1047", "--bill", "proposal-deployment-only");
        ExitContract.CouldNotEvaluate(run, bad, "line");
    }

    [Fact]
    public void Sweep_over_dev_zero_is_refused_at_the_portfolio_limit()
    {
        var run = Cli.Compliance("sweep", "/dev/zero", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", "1e26");
        ExitContract.CouldNotEvaluate(run, "/dev/zero", "too large", "32 MiB");
    }

    [Theory]
    [InlineData("--values", "1e26,1e400")]
    [InlineData("--to", "1e400")]
    public void Sweep_values_beyond_a_double_exit_2_naming_the_option(string option, string value)
    {
        string[] range = option == "--to" ? ["--from", "1e20", "--to", value] : [option, value];
        var run = Cli.Compliance(["sweep", "examples/frontier-release.json", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--format", "json", .. range]);
        ExitContract.CouldNotEvaluate(run, option, "not a finite number");
    }

    [Fact]
    public void Corpus_with_an_unknown_format_exits_2_on_one_line()
    {
        ExitContract.CouldNotEvaluate(Cli.Compliance("corpus", "--format", "xml"), "xml");
    }

    [Fact]
    public async Task A_fifo_that_never_ends_is_refused_after_the_limit_not_read_until_memory_runs_out()
    {
        var fifo = Path.Combine(_dir.FullName, "pipe.json");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }
        // The writer blocks until the tool opens the pipe, then writes until the tool closes it (bounded at 8 MiB).
        var writer = Task.Run(() =>
        {
            try
            {
                using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
                var zeros = new byte[64 * 1024];
                for (var i = 0; i < 128; i++)
                {
                    pipe.Write(zeros);
                }
            }
            catch (IOException)
            {
                // The reader hung up: what the test expects.
            }
        });
        var run = Cli.Compliance("evaluate", fifo);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        ExitContract.CouldNotEvaluate(run, fifo, "too large");
    }

    [Fact]
    public void A_broken_file_beside_a_fine_tune_is_a_one_line_warning_and_the_gate_still_decides()
    {
        Write("frontier-release.json", Example("frontier-release.json"));
        var fineTune = Write("finetune-derivative.json", Example("finetune-derivative.json"));
        var junk = Write("notes.json", "{ this is not json");

        var run = Cli.Compliance("gate", fineTune, "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("ALLOWED release of beta/frontier-1-legal", run.Out, StringComparison.Ordinal);
        var warning = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: skipped {junk} beside the manifest: ", warning, StringComparison.Ordinal);
        Assert.Contains("line 1, column 3", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_unrelated_files_beside_a_manifest_cost_at_most_four_warning_lines()
    {
        Write("frontier-release.json", Example("frontier-release.json"));
        var fineTune = Write("finetune-derivative.json", Example("finetune-derivative.json"));
        var junk = Enumerable.Range(1, 7).Select(i => Write($"notes-{i}.json", "{ this is not json")).ToList();

        var run = Cli.Compliance("gate", fineTune, "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");

        Assert.Equal(0, run.ExitCode);
        var warnings = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, warnings.Length);
        Assert.All(warnings[..3], w => Assert.StartsWith("warning: skipped ", w, StringComparison.Ordinal));
        Assert.All(warnings[..3], w => Assert.Contains(junk, j => w.Contains(j, StringComparison.Ordinal)));
        Assert.Equal("warning: skipped 4 more files beside the manifest that are not manifests", warnings[3]);
    }

    [Fact]
    public void A_broken_base_that_the_fine_tune_names_is_the_error_naming_its_file_and_field()
    {
        var broken = Write("frontier-release.json", Example("frontier-release.json").Replace("\"computeFlop\": 2.0e26", "\"computeFlop\": \"lots\"", StringComparison.Ordinal));
        var fineTune = Write("finetune-derivative.json", Example("finetune-derivative.json"));

        var run = Cli.Compliance("gate", fineTune, "--activity", "release", "--bill", "us-ca-sb1047");

        ExitContract.CouldNotEvaluate(run, broken, "/training/computeFlop");
    }

    [Fact]
    public void An_unreadable_file_where_the_base_should_be_is_named_in_the_unknown_base_error()
    {
        var junk = Write("frontier-release.json", "{ \"schemaVersion\": \"1\", ");
        var fineTune = Write("finetune-derivative.json", Example("finetune-derivative.json"));

        var run = Cli.Compliance("gate", fineTune, "--activity", "release", "--bill", "us-ca-sb1047");

        ExitContract.CouldNotEvaluate(run, fineTune, "/lineage/base", "unknown base artifact 'acme/frontier-1'", junk);
    }

    [Fact]
    public void A_sweep_given_only_commas_as_values_exits_2_naming_the_option()
    {
        var run = Cli.Compliance("sweep", "--corpus", "--bill", "us-ca-sb1047", "--parameter", "covered_compute_flop", "--values", ",,,");

        ExitContract.CouldNotEvaluate(run, "--values", "give 1 to 200 numbers");
    }

    [Fact]
    public void An_as_of_date_past_9000_exits_2_naming_the_option()
    {
        var run = Cli.Compliance("evaluate", "examples/frontier-release.json", "--as-of", "9999-12-31");

        ExitContract.CouldNotEvaluate(run, "--as-of", "1000-01-01 to 9000-12-31");
    }

    [Fact]
    public void Import_cyclonedx_passes_over_components_that_are_not_objects()
    {
        var bom = Path.Combine(Directory.CreateTempSubdirectory("compliance-cdx-").FullName, "bom.json");
        File.WriteAllText(bom, """{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [null, 1, "x", { "type": "machine-learning-model", "name": "m" }] }""");

        var run = Cli.Compliance("import", "cyclonedx", bom);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"id\": \"m\"", run.Out, StringComparison.Ordinal);
    }
}
