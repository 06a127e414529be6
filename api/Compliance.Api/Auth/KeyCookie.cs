namespace Compliance.Api.Auth;

/// <summary>
/// The key a browser signed in with (the sign-in page), kept in a cookie that scripts cannot read and other sites cannot
/// send: a browser has no Authorization header to give. <see cref="ApiKeyAuthentication"/> reads it after the headers.
/// </summary>
public static class KeyCookie
{
    public const string Name = "compliance-key";

    /// <summary>A working day: a shared machine forgets the key by the next morning.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(Name, out var secret) && secret.Length > 0 ? secret : null;

    public static void Set(HttpContext context, string secret) =>
        context.Response.Cookies.Append(Name, secret, Options(context, Lifetime));

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
