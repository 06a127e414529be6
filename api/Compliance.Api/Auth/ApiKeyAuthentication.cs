using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Compliance.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Auth;

/// <summary>
/// Reads the key from <c>Authorization: Bearer KEY</c> or <c>X-Api-Key: KEY</c>. A presented key must be in force;
/// without one, a caller is anonymous (its own tenant, every scope but admin) only while the store has no keys, and then
/// only from loopback, not relayed by a proxy, unless the service was started with --allow-anonymous. A browser that
/// signed in on the pages sends its key in a cookie (<see cref="KeyCookie"/>); a cookie whose key is no longer in force
/// counts as no key, so the pages can ask for another.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyRing keys, Exposure exposure)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string Problem = "https://compliance.example/problems/api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Presented(Request) is { } secret)
        {
            return Task.FromResult(keys.Find(secret) is { } key
                ? Success(key.Tenant, key.Id, key.Scopes)
                : AuthenticateResult.Fail("the key is unknown or revoked"));
        }
        if (KeyCookie.Read(Request) is { } signedIn && keys.Find(signedIn) is { } cookieKey)
        {
            return Task.FromResult(Success(cookieKey.Tenant, cookieKey.Id, cookieKey.Scopes));
        }
        if (keys.IsEmpty && (exposure.AllowAnonymous || IsLocal(Context.Connection.RemoteIpAddress, Request.Headers)))
        {
            return Task.FromResult(Success(Tenants.Anonymous, null, AnonymousScopes));
        }
        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await Context.AuthenticateAsync(SchemeName)).Failure;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Write(StatusCodes.Status401Unauthorized, "An API key is required",
            failure?.Message ?? "send Authorization: Bearer KEY (or X-Api-Key: KEY); keys are created with 'compliance keys create' or POST /v1/keys");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>() ?? [];
        return Write(StatusCodes.Status403Forbidden, "The key lacks the scope this needs",
            $"this needs the scope '{string.Join("', '", needed)}'; the key has '{string.Join("', '", Context.User.FindAll(Caller.ScopeClaim).Select(c => c.Value))}'");
    }

    private Task Write(int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status, type: Problem).ExecuteAsync(Context);

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }
        return request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key ? key.Trim() : null;
    }

    /// <summary>
    /// Every scope but admin: the first key is made with the CLI on the database itself, never by whoever reaches the
    /// port first (behind a reverse proxy on the same host, every caller comes from loopback).
    /// </summary>
    public static readonly IReadOnlyList<string> AnonymousScopes = [.. Scopes.All.Where(s => s != Scopes.Admin)];

    /// <summary>
    /// Loopback, or no address at all (an in-process test server or a Unix socket, both on this machine), and not
    /// relayed: a request a proxy forwarded comes from wherever the proxy's client is.
    /// </summary>
    private static bool IsLocal(IPAddress? address, IHeaderDictionary headers) =>
        (address is null || IPAddress.IsLoopback(address))
        && !headers.ContainsKey("Forwarded") && !headers.ContainsKey("X-Forwarded-For");

    private static AuthenticateResult Success(string tenant, string? keyId, IEnumerable<string> scopes)
    {
        var claims = new List<Claim> { new(Caller.TenantClaim, tenant) };
        if (keyId is not null)
        {
            claims.Add(new Claim(Caller.KeyClaim, keyId));
        }
        claims.AddRange(scopes.Select(s => new Claim(Caller.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, Caller.KeyClaim, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
