using System.Diagnostics;

namespace Compliance.Cli.Tests;

/// <summary>Runs the built compliance tool as its own process, from the repository root, and captures what it says.</summary>
internal static class Cli
{
    public sealed record Run(int ExitCode, string Out, string Err);

    public static Run Compliance(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "compliance.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("compliance " + string.Join(' ', args) + " did not finish in 60 s");
        }
        return new Run(process.ExitCode, stdout.Result, stderr.Result);
    }
}
