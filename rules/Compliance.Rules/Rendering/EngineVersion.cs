using System.Reflection;

namespace Compliance.Rules.Rendering;

/// <summary>
/// The engine's version as a decision's record quotes it: the informational version of this assembly (with the source
/// revision when the build knew it). Renderers take the version as an argument, so tests can fix it; shells pass this.
/// </summary>
public static class EngineVersion
{
    public static string Current { get; } =
        typeof(EngineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(EngineVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
