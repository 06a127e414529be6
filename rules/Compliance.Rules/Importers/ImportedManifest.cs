using System.Text.Json.Nodes;

namespace Compliance.Rules.Importers;

/// <summary>
/// A manifest made from what a model's publisher already wrote, and how each field was read: a user checks the
/// readings (a developer taken from the Hub owner may be the uploader, not the trainer) before trusting the answer.
/// </summary>
public sealed record ImportedManifest(JsonObject Manifest, IReadOnlyList<ImportNote> Notes);

/// <summary>One reading: the manifest field set (or the source field left out) and, in words, from what and why.</summary>
public sealed record ImportNote(string Field, string Text)
{
    public override string ToString() => $"{Field}: {Text}";
}
