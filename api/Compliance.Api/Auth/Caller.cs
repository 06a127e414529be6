using System.Security.Claims;

namespace Compliance.Api.Auth;

/// <summary>
/// Who sent the request: the tenant whose data it may see, and the key it used. Stores take it by injection, so
/// every read and write of a request is scoped to its tenant without a handler passing it along.
/// </summary>
public sealed record Caller(string? Tenant, string? KeyId)
{
    public const string TenantClaim = "tenant";
    public const string KeyClaim = "key";
    public const string ScopeClaim = "scope";

    public static Caller Of(ClaimsPrincipal? user) =>
        new(user?.FindFirst(TenantClaim)?.Value, user?.FindFirst(KeyClaim)?.Value);

    public static Caller Of(IHttpContextAccessor accessor) => Of(accessor.HttpContext?.User);
}
