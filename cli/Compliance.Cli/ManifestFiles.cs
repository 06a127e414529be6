using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Spectre.Console;

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

    private void Remember(Manifest manifest) => _known.TryAdd(manifest.Id, manifest);

    /// <summary>
    /// Reads every file first, so that each can name another as its base, then resolves each lineage; with a
    /// progress bar on a terminal when there are many files.
    /// </summary>
    public static List<ResolvedArtifact> ReadAll(IReadOnlyList<string> paths)
    {
        var files = new ManifestFiles();
        var manifests = new List<(string Path, Manifest Manifest)>(paths.Count);
        void ReadEach(Action? tick)
        {
            foreach (var path in paths)
            {
                var manifest = Read(path);
                files.Remember(manifest);
                manifests.Add((path, manifest));
                tick?.Invoke();
            }
        }
        if (!Console.IsOutputRedirected && paths.Count > 200)
        {
            AnsiConsole.Progress().Start(progress =>
            {
                var task = progress.AddTask("reading manifests", maxValue: paths.Count);
                ReadEach(() => task.Increment(1));
            });
        }
        else
        {
            ReadEach(null);
        }
        return manifests.Select(m => files.Resolve(m.Path, m.Manifest)).ToList();
    }

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
