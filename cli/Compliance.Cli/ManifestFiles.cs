using Compliance.Cli.Input;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Spectre.Console;

namespace Compliance.Cli;

/// <summary>
/// Reads manifest files (JSON, or YAML by extension) and resolves lineage ids against the other files named on the
/// command line and the manifests beside each file, so a fine-tune can name its base by id in a folder of manifests;
/// then against the bundled corpus, by id or Hugging Face id, so a fine-tune of an open model needs no file for it.
/// </summary>
public sealed class ManifestFiles
{
    // How a user gives a base's manifest: a command that takes several files (evaluate, compare, sweep) finds it among
    // them or beside each; gate takes one file and finds its bases beside it.
    private const string OnCommandLine = "name its manifest file on the command line after this one or put it in the same folder, write its manifest inline";
    private const string BesideTheFile = "put its manifest file in the same folder as this one (gate reads bases from there), write its manifest inline";

    private readonly Dictionary<string, Manifest> _known = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scannedFolders = new(StringComparer.Ordinal);
    private readonly SkippedFiles _skipped = new();
    private readonly string _howToGive;

    private ManifestFiles(string howToGive) => _howToGive = howToGive;

    /// <summary>For a command given one manifest: its bases are the files beside it, then the corpus.</summary>
    public static ManifestFiles ForOneFile() => new(BesideTheFile);

    public static Manifest Read(string path) => Read(path, ReadLimit.PerDocument("a manifest"));

    private static Manifest Read(string path, ReadLimit limit)
    {
        var node = InputFile.ReadDocument(path, limit);
        return InputFileException.About(path, () => ManifestJson.Read(node));
    }

    /// <summary>Resolves a manifest's lineage; a failure names the file, and files skipped on the way are warned about once it succeeds.</summary>
    public ResolvedArtifact Resolve(string path, Manifest manifest)
    {
        _known[manifest.Id] = manifest;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var bases = BaseRegistry.WithCorpus(id => Lookup(id, folder), _howToGive, "compliance corpus lists them");
        var artifact = InputFileException.About(path, () => _skipped.Explain(() => LineageResolver.Resolve(manifest, bases)));
        _skipped.Warn();
        return artifact;
    }

    private void Remember(Manifest manifest) => _known.TryAdd(manifest.Id, manifest);

    /// <summary>
    /// Reads every file first, so that each can name another as its base, then resolves each lineage; with a
    /// progress bar on a terminal when there are many files. A portfolio's files share one size limit.
    /// </summary>
    public static List<(string Path, ResolvedArtifact Artifact)> ReadAll(IReadOnlyList<string> paths, bool portfolio = false)
    {
        var files = new ManifestFiles(OnCommandLine);
        var limit = portfolio ? ReadLimit.Portfolio() : ReadLimit.PerDocument("a manifest");
        var manifests = new List<(string Path, Manifest Manifest)>(paths.Count);
        void ReadEach(Action? tick)
        {
            foreach (var path in paths)
            {
                var manifest = Read(path, limit);
                files.Remember(manifest);
                manifests.Add((path, manifest));
                tick?.Invoke();
            }
        }
        if (!Console.IsOutputRedirected && paths.Count > 200)
        {
            Terminal.Out.Progress().Start(progress =>
            {
                var task = progress.AddTask("reading manifests", maxValue: paths.Count);
                ReadEach(() => task.Increment(1));
            });
        }
        else
        {
            ReadEach(null);
        }
        return manifests.Select(m => (m.Path, files.Resolve(m.Path, m.Manifest))).ToList();
    }

    private Manifest? Lookup(string id, string folder)
    {
        if (_known.TryGetValue(id, out var known))
        {
            return known;
        }
        if (_scannedFolders.Add(folder))
        {
            // An empty file cannot be a base; a pipe or device states no size either, and opening one could block.
            foreach (var file in Directory.EnumerateFiles(folder)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || JsonDocuments.IsYamlPath(f))
                .Where(f => new FileInfo(f).Length > 0))
            {
                try
                {
                    Remember(Read(file));
                }
                catch (InputFileException e)
                {
                    // Not a manifest (a workflow, a BOM, a broken file): it cannot be a base, unless it says it is.
                    _skipped.Add(file, e);
                }
            }
        }
        return _known.GetValueOrDefault(id) ?? _skipped.Named(id);
    }
}
