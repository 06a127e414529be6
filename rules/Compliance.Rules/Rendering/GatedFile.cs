namespace Compliance.Rules.Rendering;

/// <summary>
/// The manifest file a CI report is about: its path as the CI system names it (relative to the repository), and where
/// its fields are written, so each finding points at the field that decided it.
/// </summary>
public sealed record GatedFile(string Path, ManifestLocator Locator)
{
    /// <summary>The path with forward slashes: what workflow commands and JUnit readers match against the repository.</summary>
    public string Slashed => Slashes(Path);

    /// <summary>The path as a URI reference (SARIF's artifactLocation): forward slashes, each segment percent-encoded.</summary>
    public string Uri => UriOf(Path);

    public static string UriOf(string path) => string.Join('/', Slashes(path).Split('/').Select(System.Uri.EscapeDataString));

    private static string Slashes(string path) => path.Replace('\\', '/');
}
