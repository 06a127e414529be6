using Compliance.Rules.Json;

namespace Compliance.Cli.Input;

/// <summary>
/// Files beside a manifest that could not be read as manifests. Such a file must not stop the gate of an unrelated
/// fine-tune: it is skipped with a one-line warning. But when it is the base the lineage names (it says so in its
/// "id", or nothing else has that id and it cannot say), its error is the answer, not "unknown base".
/// </summary>
internal sealed class SkippedFiles
{
    private readonly List<Skipped> _files = [];

    public void Add(string path, InputFileException error) => _files.Add(new Skipped(path, error, ClaimedId(path)));

    /// <summary>The error of a skipped file that claims this id: the base was found, and it is broken.</summary>
    public Compliance.Rules.Manifests.Manifest? Named(string id) =>
        _files.FirstOrDefault(f => f.Id == id) is { } broken ? throw broken.Error : null;

    /// <summary>Runs a lineage resolution; an unknown base also names the skipped files that might have been it.</summary>
    public T Explain<T>(Func<T> resolve)
    {
        try
        {
            return resolve();
        }
        catch (InvalidInputException e) when (e.Title == "Unknown base artifact" && _files.Any(f => f.Id is null))
        {
            var unreadable = string.Join(", ", _files.Where(f => f.Id is null).Select(f => f.Path));
            throw new InvalidInputException(e.Title, e.Errors.Select(error => error with
            {
                Message = $"{error.Message}; it may be one of the files beside the manifest that could not be read: {unreadable}",
            }).ToList(), e.Kind);
        }
    }

    /// <summary>
    /// One line per skipped file, once, after a resolution has succeeded without it; past the first
    /// <see cref="LinesAtMost"/>, one line counting the rest: a manifest kept in a busy folder (Downloads, /tmp)
    /// would otherwise bury the answer under a warning for every unrelated file.
    /// </summary>
    public void Warn()
    {
        var unwarned = _files.Where(f => !f.Warned).ToList();
        foreach (var file in unwarned.Take(LinesAtMost))
        {
            Console.Error.WriteLine($"warning: skipped {file.Path} beside the manifest: {file.Error.Message}");
        }
        if (unwarned.Count > LinesAtMost)
        {
            Console.Error.WriteLine($"warning: skipped {unwarned.Count - LinesAtMost} more files beside the manifest that are not manifests");
        }
        unwarned.ForEach(f => f.Warned = true);
    }

    private const int LinesAtMost = 3;

    // A file that parses but fails the schema still says which artifact it means to be.
    private static string? ClaimedId(string path)
    {
        try
        {
            return InputFile.ReadDocument(path, ReadLimit.PerDocument("a manifest"))["id"] is System.Text.Json.Nodes.JsonValue id
                && id.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InputFileException)
        {
            return null;
        }
    }

    private sealed class Skipped(string path, InputFileException error, string? id)
    {
        public string Path { get; } = path;
        public InputFileException Error { get; } = error;
        public string? Id { get; } = id;
        public bool Warned { get; set; }
    }
}
