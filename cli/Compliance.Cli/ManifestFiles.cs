using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Cli;

/// <summary>
/// Reads manifest files (JSON, or YAML by extension) and resolves lineage ids against the other files named on the
/// command line and the manifests beside each file, so a fine-tune can name its base by id in a folder of manifests.
/// </summary>
public sealed class ManifestFiles
{
    private readonly Dictionary<string, Manifest> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scannedFolders = new(StringComparer.Ordinal);

    public static Manifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException("Cannot read the manifest", "", $"{path}: no such file");
        }
        return ManifestJson.ReadText(File.ReadAllText(path), JsonDocuments.IsYamlPath(path));
    }

    public ResolvedArtifact Resolve(string path, Manifest manifest)
    {
        _known[manifest.Id] = manifest;
        return LineageResolver.Resolve(manifest, id => Lookup(id, Path.GetDirectoryName(Path.GetFullPath(path))!));
    }

    public void Remember(Manifest manifest) => _known.TryAdd(manifest.Id, manifest);

    private Manifest? Lookup(string id, string folder)
    {
        if (_known.TryGetValue(id, out var known))
        {
            return known;
        }
        if (_scannedFolders.Add(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || JsonDocuments.IsYamlPath(f)))
            {
                try
                {
                    Remember(Read(file));
                }
                catch (InvalidInputException)
                {
                    // Not a manifest (a workflow, a BOM): it simply cannot be a base.
                }
            }
        }
        return _known.GetValueOrDefault(id);
    }
}
