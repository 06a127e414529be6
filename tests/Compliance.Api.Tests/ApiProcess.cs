using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Compliance.Api.Tests;

/// <summary>
/// The built service as its own operating-system process on a loopback port, over a SQLite file or a PostgreSQL
/// database the test names, so a test can kill it the way a crash or an OOM killer would (no shutdown hooks, no
/// flush) and start it again, or run two replicas over one database.
/// </summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>What the service wrote to stdout and stderr, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts Compliance.Api.dll (built beside the tests by the project reference) and waits for /health; <paramref name="args"/> go on its command line.</summary>
    public static async Task<ApiProcess> StartAsync(string databasePath, params string[] args)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var api = new ApiProcess(Process.Start(StartInfo(databasePath, ["--urls", address.ToString().TrimEnd('/'), .. args]))!, address);
        api._process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        api._process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        api._process.BeginOutputReadLine();
        api._process.BeginErrorReadLine();
        await api.WaitUntilHealthyAsync();
        return api;
    }

    /// <summary>How a process ended: its exit code (-1 when it was killed at the time limit) and what it wrote.</summary>
    public sealed record Exit(int Code, string Output);

    /// <summary>Runs the service with these arguments until it exits by itself or <paramref name="timeout"/> passes: for what it does at start-up.</summary>
    public static Exit RunUntilExit(string databasePath, TimeSpan timeout, params string[] args)
    {
        using var process = Process.Start(StartInfo(databasePath, args))!;
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

    private static ProcessStartInfo StartInfo(string databasePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.IsPathRooted(databasePath) ? Path.GetDirectoryName(databasePath)! : Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Compliance.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["COMPLIANCE_DB"] = databasePath;
        // A log line per request would cost the load more than the decisions do.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    /// <summary>
    /// Every request the tests send goes through here, so a header every request needs (an API key) is one line.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return Client.SendAsync(request);
    }

    /// <summary>SIGKILL: the process gets no chance to finish a write, flush or checkpoint.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as <c>docker stop</c> and Kubernetes send it: the service may finish what it is doing.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>The exit code, or null if the process is still running after <paramref name="timeout"/>.</summary>
    public async Task<int?> ExitCodeAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        Client.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the service exited with {_process.ExitCode} at start-up:\n{Log}");
            }
            try
            {
                using var health = await SendAsync(HttpMethod.Get, "/health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the service did not answer /health within 60 s:\n{Log}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            // Bounded: a failure message needs the start of the log, not megabytes of it.
            if (_log.Length < 64 * 1024)
            {
                _log.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
