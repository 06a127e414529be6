using System.Reflection;

namespace Compliance.Cli;

/// <summary>The tool's version as `compliance --version` prints it (the package version, with the source revision when the build knew it).</summary>
internal static class ToolVersion
{
    public static string Current { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
