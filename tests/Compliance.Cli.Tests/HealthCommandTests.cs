using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Compliance.Cli.Tests;

/// <summary><c>compliance health</c> is the image's HEALTHCHECK: its exit code is all Docker reads.</summary>
public sealed class HealthCommandTests
{
    [Fact]
    public async Task A_probe_answering_200_is_healthy_and_exits_0()
    {
        using var probe = Probe.Answering(HttpStatusCode.OK, """{"status":"ok"}""");

        var run = await Task.Run(() => Cli.Compliance("health", "--url", probe.Url + "health/live"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("healthy: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("200", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_probe_answering_503_is_unhealthy_exits_1_and_says_what_it_answered()
    {
        using var probe = Probe.Answering(HttpStatusCode.ServiceUnavailable, """{"status":"not ready","checks":{"database":"unreachable"}}""");

        var run = await Task.Run(() => Cli.Compliance("health", "--url", probe.Url + "health/ready"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("503", run.Err, StringComparison.Ordinal);
        Assert.Contains("unreachable", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_listening_is_unhealthy_and_exits_1_in_one_line()
    {
        var run = Cli.Compliance("health", "--url", $"http://127.0.0.1:{Probe.FreePort()}/health/live", "--timeout", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("unhealthy: ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_that_is_not_http_is_bad_input_and_exits_2()
    {
        var run = Cli.Compliance("health", "--url", "file:///etc/passwd");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url must be an http or https URL", run.Err, StringComparison.Ordinal);
    }

    /// <summary>A loopback listener answering every request with one status and body.</summary>
    private sealed class Probe : IDisposable
    {
        private readonly HttpListener _listener = new();

        private Probe(HttpStatusCode status, string body)
        {
            Url = $"http://127.0.0.1:{FreePort()}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                    {
                        return;
                    }
                    var bytes = Encoding.UTF8.GetBytes(body);
                    context.Response.StatusCode = (int)status;
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public static Probe Answering(HttpStatusCode status, string body) => new(status, body);

        public static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }
}
