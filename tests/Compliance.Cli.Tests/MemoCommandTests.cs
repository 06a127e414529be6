namespace Compliance.Cli.Tests;

/// <summary>compliance evaluate --format markdown|html: the memo a lawyer files, from the command line.</summary>
public sealed class MemoCommandTests
{
    [Fact]
    public void Evaluate_prints_the_markdown_memo_saying_the_decision_was_not_stored_and_giving_the_digests()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--bill", "us-ca-sb53", "--as-of", "2026-12-02", "--format", "markdown");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Err);
        Assert.StartsWith("# What is owed for acme/frontier-chat, as of 2026-12-02\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("**Publish a transparency report when deploying a new or substantially modified frontier model** — [BPC § 22757.12(c)(1)](https://leginfo.legislature.ca.gov/", run.Out, StringComparison.Ordinal);
        Assert.Contains("**OVERDUE by 215 days** (due since 2026-05-01)", run.Out, StringComparison.Ordinal);
        Assert.Contains("- **Decision:** not stored (CLI run)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("- **Manifest:** `acme/frontier-chat`, `sha256:", run.Out, StringComparison.Ordinal);
        Assert.Contains("- **Bill:** `us-ca-sb53@2025-09-chaptered`, `sha256:", run.Out, StringComparison.Ordinal);
        Assert.Contains("- **Engine:** Compliance.Rules ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("**Made:**", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_manifest_gives_the_same_memo_bytes_on_every_run()
    {
        string[] args = ["evaluate", "examples/frontier-release.json", "--as-of", "2026-12-02", "--format", "markdown"];

        Assert.Equal(Cli.Compliance(args).Out, Cli.Compliance(args).Out);
    }

    [Fact]
    public void Evaluate_prints_the_memo_as_one_printable_html_page()
    {
        var run = Cli.Compliance("evaluate", "examples/frontier-release.json", "--bill", "us-ca-sb53", "--as-of", "2026-12-02", "--format", "html");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("<!doctype html>\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("<title>What is owed for Frontier-1, as of 2026-12-02</title>", run.Out, StringComparison.Ordinal);
        Assert.Contains("@media print", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", run.Out, StringComparison.Ordinal);
    }
}
