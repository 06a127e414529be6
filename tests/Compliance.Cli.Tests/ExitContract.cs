namespace Compliance.Cli.Tests;

/// <summary>
/// The exit-code contract a CI step relies on, as assertions over a real run: 2 means "could not evaluate" and comes
/// with exactly one error line naming what was wrong; nothing the tool prints is ever a stack trace.
/// </summary>
internal static class ExitContract
{
    /// <summary>Exit 2, one stderr line starting "error:" that contains each of <paramref name="names"/>, no stack frames.</summary>
    public static string CouldNotEvaluate(Cli.Run run, params string[] names)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}; stderr: {run.Err}");
        var line = Assert.Single(ErrorLines(run));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        foreach (var name in names)
        {
            Assert.Contains(name, line, StringComparison.Ordinal);
        }
        NoStackFrames(run);
        return line;
    }

    /// <summary>Whatever the exit code, the tool kept to 0, 1 or 2 and printed no stack frame.</summary>
    public static void Kept(Cli.Run run, string file)
    {
        Assert.True(run.ExitCode is 0 or 1 or 2, $"exit {run.ExitCode}; stderr: {run.Err}");
        NoStackFrames(run);
        if (run.ExitCode == 2)
        {
            CouldNotEvaluate(run, file);
        }
        else
        {
            Assert.Empty(ErrorLines(run));
        }
    }

    public static void NoStackFrames(Cli.Run run)
    {
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Err, StringComparison.Ordinal);
    }

    /// <summary>Stderr lines other than warnings about skipped files (those say why a run went on, not why it stopped).</summary>
    public static List<string> ErrorLines(Cli.Run run) =>
        run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
}
