using System.Text.Json.Nodes;

namespace Compliance.Rules.Importers;

/// <summary>
/// The manifest an importer builds, field by field, with a note for each reading: what the source said and how it was
/// mapped. Both importers map a base and a Hub owner alike, through the bundled corpus.
/// </summary>
internal sealed class ManifestDraft
{
    private readonly List<ImportNote> _notes = [];

    public ManifestDraft(string id, string idFrom)
    {
        Manifest = new JsonObject { ["schemaVersion"] = "1", ["id"] = id };
        _notes.Add(new ImportNote("id", $"{id} ({idFrom})"));
    }

    public JsonObject Manifest { get; }

    public ImportedManifest Done() => new(Manifest, _notes);

    public void Note(string field, string text) => _notes.Add(new ImportNote(field, text));

    /// <summary>Sets the field at a dotted path (creating the objects on the way) and notes why.</summary>
    public void Set(string path, JsonNode value, string why)
    {
        var segments = path.Split('.');
        var parent = Manifest;
        foreach (var segment in segments[..^1])
        {
            if (parent[segment] is not JsonObject child)
            {
                parent[segment] = child = [];
            }
            parent = child;
        }
        parent[segments[^1]] = value;
        Note(path, $"{Shown(value)} ({why})");
    }

    public JsonNode? Get(string path) =>
        path.Split('.').Aggregate<string, JsonNode?>(Manifest, (node, segment) => node is JsonObject o ? o[segment] : null);

    /// <summary>A JSON string's text; null for anything else.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Text cut to a schema's maxLength, marked as cut.</summary>
    public static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Shown(JsonNode value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    /// <summary>
    /// The lineage's bases: each reference the bundled corpus holds (by Hub id or corpus id) becomes its corpus id, so
    /// the answer uses the corpus's published compute; any other is kept, and the note says its manifest is needed.
    /// </summary>
    public void Bases(IEnumerable<string> references, string from)
    {
        var bases = new List<string>();
        foreach (var reference in references.Distinct(StringComparer.Ordinal))
        {
            if (!HubModels.IsArtifactId(reference))
            {
                Note(from, $"'{reference}' ignored: not an id a lineage can name");
            }
            else if (HubModels.InCorpus(reference) is { } model)
            {
                bases.Add(model.Id);
                Note("lineage.base", model.Id == reference
                    ? $"{model.Id} ({from}: a model of the bundled corpus)"
                    : $"{model.Id} ({from} names {reference}, which is {model.Name ?? model.Id} in the bundled corpus)");
            }
            else
            {
                bases.Add(reference);
                Note("lineage.base", $"{reference} ({from}); not in the bundled corpus: evaluating needs its manifest, written inline in lineage.base or as a file beside this one");
            }
        }
        if (bases.Count > 0)
        {
            Manifest["lineage"] = new JsonObject { ["base"] = bases.Count == 1 ? bases[0] : new JsonArray([.. bases.Select(b => (JsonNode?)b)]) };
        }
    }

    /// <summary>
    /// The developer named by the owner of a Hub id: as the bundled corpus names the developer of that owner's models
    /// (meta-llama: Meta AI), so a model and its base compare as the same developer; otherwise the owner itself.
    /// </summary>
    public void DeveloperOfOwner(string owner, string from)
    {
        if (HubModels.CorpusDeveloper(owner) is { } named)
        {
            Set("developer.name", named, $"the Hub owner {owner} of {from}, named as the bundled corpus names the developer of its models");
        }
        else
        {
            Set("developer.name", owner, $"the Hub owner of {from}: who publishes it; correct it if someone else trained the model");
        }
    }
}
