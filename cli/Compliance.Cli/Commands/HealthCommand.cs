using System.CommandLine;
using System.Globalization;

namespace Compliance.Cli.Commands;

/// <summary>
/// <c>compliance health [--url URL]</c>: asks a running service's probe and exits 0 when it answers 200, 1 when it
/// answers anything else or nothing in time, 2 when the URL is not an http(s) URL. The container image's HEALTHCHECK:
/// the ASP.NET runtime image has no curl or wget, and this tool is in the image already.
/// </summary>
internal static class HealthCommand
{
    public const string DefaultUrl = "http://localhost:5080/health/live";

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = $"The probe: /health/live (the process answers) or /health/ready (database and bills). Default: {DefaultUrl}.",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the answer. Default: 5.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("health", "Ask a running service's health probe: exit 0 when it answers 200, 1 otherwise (for a container HEALTHCHECK).") { url, timeout };
        command.SetAction(parse => CommandGuard.Run(parse, "health", () =>
        {
            var given = parse.GetValue(url)!;
            var seconds = parse.GetValue(timeout);
            if (!Uri.TryCreate(given, UriKind.Absolute, out var probe) || probe.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"error: health: --url must be an http or https URL, not '{given}'");
                return ExitCodes.CouldNotEvaluate;
            }
            if (!double.IsFinite(seconds) || seconds <= 0)
            {
                Console.Error.WriteLine($"error: health: --timeout must be a number of seconds above zero, not {seconds.ToString(CultureInfo.InvariantCulture)}");
                return ExitCodes.CouldNotEvaluate;
            }
            return Ask(probe, TimeSpan.FromSeconds(seconds));
        }));
        return command;
    }

    private static int Ask(Uri probe, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = client.GetAsync(probe).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var line = $"{probe}: {(int)response.StatusCode} {Input.ErrorLine.Fold(body)}";
            if (response.StatusCode == System.Net.HttpStatusCode.OK)
            {
                Console.Out.WriteLine("healthy: " + line);
                return 0;
            }
            Console.Error.WriteLine("unhealthy: " + line);
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            var why = e is TaskCanceledException ? $"no answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" : Input.ErrorLine.Fold(e.Message);
            Console.Error.WriteLine($"unhealthy: {probe}: {why}");
            return 1;
        }
    }
}
