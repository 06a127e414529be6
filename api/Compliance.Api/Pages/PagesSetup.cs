namespace Compliance.Api.Pages;

/// <summary>
/// The web pages: Razor components rendered on the server for each request (no WebAssembly, no circuit), enhanced by the
/// framework's blazor.web.js when scripts run and whole without it. They call the engine in-process through the same
/// scoped services as the JSON API, as the caller's tenant.
/// </summary>
public static class PagesSetup
{
    public static WebApplicationBuilder AddPages(this WebApplicationBuilder builder)
    {
        // The stylesheet and blazor.web.js are static web assets: a published service has them under wwwroot, a built
        // one (dotnet run, the tests' processes) finds them through the build's manifest, in any environment and from
        // any working folder. Without that manifest this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        return builder;
    }

    /// <summary>After authentication and authorization: the pages read the caller, and their forms are checked for forgery.</summary>
    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
