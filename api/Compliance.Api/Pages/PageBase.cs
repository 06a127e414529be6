using Compliance.Api.Auth;
using Microsoft.AspNetCore.Components;

namespace Compliance.Api.Pages;

/// <summary>
/// A page that acts for the caller. With keys in the store, a browser signs in once (the key kept in a cookie);
/// without keys, a loopback caller is the anonymous tenant and needs no sign-in, as on the JSON API.
/// </summary>
public abstract class PageBase : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    public NavigationManager Navigation { get; set; } = default!;

    /// <summary>
    /// True when the caller may use this page with <paramref name="scope"/>. Otherwise an anonymous caller is sent to the
    /// sign-in page (and back here after it), and a key without the scope gets a 403 page.
    /// </summary>
    protected bool Allowed(string scope)
    {
        var user = HttpContext.User;
        if (user.FindFirst(Caller.TenantClaim) is null)
        {
            Navigation.NavigateTo("signin?returnUrl=" + Uri.EscapeDataString(Navigation.ToBaseRelativePath(Navigation.Uri) is { Length: > 0 } here ? "/" + here : "/"));
            return false;
        }
        if (!user.HasClaim(Caller.ScopeClaim, scope))
        {
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            KeepBody();
            Refused = $"This page needs a key with the scope '{scope}'; yours has '{string.Join("', '", user.FindAll(Caller.ScopeClaim).Select(c => c.Value))}'.";
            return false;
        }
        return true;
    }

    /// <summary>A 404 answered with the not-found page, not the JSON API's problem document.</summary>
    protected void NotFound()
    {
        KeepBody();
        Navigation.NotFound();
    }

    /// <summary>The status code pages (problem+json for the JSON API) leave this page's body as it is.</summary>
    private void KeepBody()
    {
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }

    /// <summary>Why the page is refused to a signed-in caller, if it is.</summary>
    protected string? Refused { get; private set; }
}
