using System.Diagnostics;

namespace Compliance.Api.Tests;

/// <summary>The built service as its own process, for what only a real process shows: how it starts, and whether it refuses to.</summary>
internal static class ServiceProcess
{
    public sealed record Exit(int Code, string Output);

    /// <summary>Runs the service until it exits by itself or <paramref name="timeout"/> passes (then it is killed and the code is -1).</summary>
    public static Exit RunUntilExit(TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Compliance.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new Exit(-1, stdout.Result + stderr.Result);
        }
        return new Exit(process.ExitCode, stdout.Result + stderr.Result);
    }
}
