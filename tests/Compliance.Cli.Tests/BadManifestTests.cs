using System.Text;
using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>
/// Each way a manifest file can be bad, through the real process: exit 2 (never 1, which means blocked), one stderr
/// line naming the file and the field or the line and column, and no stack trace.
/// </summary>
public sealed class BadManifestTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("compliance-bad-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static string Frontier(Action<JsonNode> change)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", "frontier-release.json")))!;
        change(manifest);
        return manifest.ToJsonString();
    }

    private static Cli.Run Gate(string path) => Cli.Compliance("gate", path, "--activity", "release", "--bill", "us-ca-sb1047", "--as-of", "2026-07-01");

    [Fact]
    public void A_missing_file_exits_2_saying_there_is_no_such_file()
    {
        var path = Path.Combine(_dir.FullName, "absent.json");
        ExitContract.CouldNotEvaluate(Gate(path), path, "no such file");
    }

    [Fact]
    public void A_directory_given_as_the_manifest_exits_2_saying_it_is_a_directory()
    {
        var path = _dir.CreateSubdirectory("manifest.json").FullName;
        ExitContract.CouldNotEvaluate(Gate(path), path, "directory");
    }

    [Fact]
    public void An_empty_file_exits_2_saying_it_is_empty()
    {
        var path = Write("empty.json", "");
        ExitContract.CouldNotEvaluate(Gate(path), path, "empty");
    }

    [Fact]
    public void Binary_garbage_exits_2_with_the_line_and_column_where_json_fails()
    {
        var path = Write("garbage.json", [0x00, 0x01, 0x02, 0x7f, 0x1b, 0x00]);
        ExitContract.CouldNotEvaluate(Gate(path), path, "malformed", "line 1, column 1");
    }

    [Fact]
    public void Invalid_utf8_exits_2_with_the_line_and_column_of_the_bad_byte()
    {
        var path = Write("latin1.json", [.. "{\n  \"schemaVersion\": \"1\",\n  \"id\": \"x/y\",\n  \"name\": \"caf"u8, 0xE9, .. "\"\n}"u8]);
        ExitContract.CouldNotEvaluate(Gate(path), path, "UTF-8", "line 4, column 15", "0xE9");
    }

    [Fact]
    public void A_json_syntax_error_exits_2_with_line_and_column()
    {
        var path = Write("syntax.json", "{\n  \"schemaVersion\": \"1\",\n  \"id\": ,\n}");
        ExitContract.CouldNotEvaluate(Gate(path), path, "line 3, column 9");
    }

    [Fact]
    public void A_key_given_twice_exits_2_naming_its_pointer_and_line()
    {
        var path = Write("twice.json", "{\n  \"schemaVersion\": \"1\",\n  \"id\": \"x/y\",\n  \"training\": { \"computeFlop\": 1e20, \"computeFlop\": 1e27 }\n}");
        ExitContract.CouldNotEvaluate(Gate(path), path, "/training/computeFlop", "line 4", "the key 'computeFlop' is given more than once");
    }

    [Fact]
    public void A_json_number_beyond_a_double_exits_2_naming_its_pointer()
    {
        var path = Write("huge.json", Frontier(m => m["training"]!["computeFlop"] = "HUGE").Replace("\"HUGE\"", "1e400", StringComparison.Ordinal));
        ExitContract.CouldNotEvaluate(Gate(path), path, "/training/computeFlop", "1e400");
    }

    [Fact]
    public void A_yaml_number_beyond_a_double_exits_2_naming_its_pointer()
    {
        var path = Write("huge.yaml", "schemaVersion: \"1\"\nid: x/y\ntraining:\n  computeFlop: 1e400\n");
        ExitContract.CouldNotEvaluate(Gate(path), path, "/training/computeFlop");
    }

    [Theory]
    [InlineData("release", "date")]
    [InlineData("training", "startDate")]
    public void A_date_at_the_end_of_the_calendar_exits_2_naming_the_file_and_the_field(string section, string field)
    {
        var path = Write($"far-{field}.json", Frontier(m => m[section]![field] = "9999-12-31"));
        var run = Cli.Compliance("evaluate", path, "--as-of", "2026-07-01");
        ExitContract.CouldNotEvaluate(run, path, $"/{section}/{field}");
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_to_the_one_line_error()
    {
        var path = Write("twice.json", """{ "schemaVersion": "1", "id": "x/y", "id": "x/z" }""");
        var run = Cli.Compliance("gate", path, "--activity", "release", "--verbose");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: gate: {path}: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_apis_body_limit_is_refused_as_too_large()
    {
        var path = Write("padded.json", Frontier(_ => { }) + new string(' ', 1024 * 1024));
        ExitContract.CouldNotEvaluate(Gate(path), path, "too large", "1 MiB");
    }

    [Fact]
    public void Dev_zero_as_the_manifest_is_refused_as_too_large_without_reading_it_all()
    {
        var run = Gate("/dev/zero");
        ExitContract.CouldNotEvaluate(run, "/dev/zero", "too large");
    }

    [Fact]
    public void One_bad_file_among_good_ones_fails_the_evaluate_run_naming_it()
    {
        var bad = Write("bad.json", "{ \"schemaVersion\": \"1\" ");
        var run = Cli.Compliance("evaluate", "examples/frontier-release.json", bad, "examples/api-deployment.json");
        ExitContract.CouldNotEvaluate(run, bad, "line 1");
        Assert.Equal("", run.Out);
    }
}
