using System.Text.RegularExpressions;
using Compliance.Rules.Corpus;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Importers;

/// <summary>
/// Hugging Face Hub ids (OWNER/NAME): where a downloaded model's folder names one, and what the bundled corpus knows
/// of them (the corpus model a base's Hub id names, the developer the corpus gives the models an owner publishes).
/// Reads paths as text: no file is opened.
/// </summary>
internal static partial class HubModels
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HubIdShape();

    // The manifest schema's artifactId.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ArtifactIdShape();

    private const string CachePrefix = "models--";

    public static bool IsHubId(string? text) => text is { Length: > 0 and <= 200 } && HubIdShape().IsMatch(text);

    public static bool IsArtifactId(string? text) => text is { Length: > 0 and <= 200 } && ArtifactIdShape().IsMatch(text);

    /// <summary>A Hub data set id: OWNER/NAME, or NAME alone for the Hub's canonical data sets.</summary>
    public static bool IsDataSetId(string? text) => IsHubId(text) || IsHubId("x/" + text);

    public static string Owner(string hubId) => hubId[..hubId.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>
    /// The Hub id a file in the Hub's download cache belongs to: <c>…/models--OWNER--NAME/snapshots/REVISION/README.md</c>
    /// (the cache writes the id's slash as <c>--</c>, which a Hub id cannot itself contain).
    /// </summary>
    public static string? FromCacheFolder(string location)
    {
        foreach (var folder in Folders(location))
        {
            if (folder.StartsWith(CachePrefix, StringComparison.Ordinal)
                && folder[CachePrefix.Length..].Split("--", 2) is [var owner, var name]
                && IsHubId($"{owner}/{name}"))
            {
                return $"{owner}/{name}";
            }
        }
        return null;
    }

    /// <summary>The two folders a file sits in, as OWNER/NAME (a download made with <c>--local-dir OWNER/NAME</c>), when they could be a Hub id.</summary>
    public static string? FromFolders(string location)
    {
        var folders = Folders(location);
        return folders.Count >= 2 && IsHubId($"{folders[^2]}/{folders[^1]}") ? $"{folders[^2]}/{folders[^1]}" : null;
    }

    private static List<string> Folders(string location)
    {
        var parts = location.Split('/', '\\').Where(p => p.Length > 0 && p != ".").ToList();
        return parts.Count > 0 ? parts[..^1] : parts;
    }

    /// <summary>The bundled corpus model a lineage reference names, by corpus id or Hub id; null when the corpus has none.</summary>
    public static Manifest? InCorpus(string reference) => ReferenceCorpus.Bundled.Find(reference);

    /// <summary>
    /// The developer's name the corpus gives every model it holds under this Hub owner (meta-llama: Meta AI), when they
    /// all agree; null otherwise. A model and its base named alike compare as the same developer, as the bills ask.
    /// </summary>
    public static string? CorpusDeveloper(string owner) => Developers.Value.GetValueOrDefault(owner);

    private static readonly Lazy<Dictionary<string, string>> Developers = new(() => ReferenceCorpus.Bundled.Entries
        .SelectMany(e => (e.Manifest.Aliases ?? []).Where(IsHubId).Select(alias => (Owner: Owner(alias), Developer: e.Manifest.Developer?.Name)))
        .GroupBy(x => x.Owner, StringComparer.OrdinalIgnoreCase)
        .Where(g => g.All(x => x.Developer is not null) && g.Select(x => x.Developer).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1)
        .ToDictionary(g => g.Key, g => g.First().Developer!, StringComparer.OrdinalIgnoreCase));
}
