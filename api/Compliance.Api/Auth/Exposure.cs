using System.Net;

namespace Compliance.Api.Auth;

/// <summary>
/// Where the service listens and whether it may answer callers without a key. Secure by default: with no key in the
/// store it answers only on loopback, and bound to any other address it refuses to start unless told
/// <c>--allow-anonymous</c> (or COMPLIANCE_ALLOW_ANONYMOUS=true).
/// </summary>
public sealed record Exposure(bool AllowAnonymous, IReadOnlyList<string> Urls)
{
    public const string Flag = "--allow-anonymous";

    /// <summary>The command line without the flag, which the host's configuration would not understand alone.</summary>
    public static (bool Allow, string[] Others) TakeFlag(string[] args) =>
        (args.Contains(Flag, StringComparer.Ordinal), args.Where(a => a != Flag).ToArray());

    public bool LoopbackOnly => Urls.All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (+, *) bind every address; so does 0.0.0.0 or [::].
        var host = Uri.TryCreate(url.Replace("://+", "://any-address", StringComparison.Ordinal).Replace("://*", "://any-address", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Host
            : "";
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
