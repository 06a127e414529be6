using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Compliance.Cli.Tests;

/// <summary>
/// One way of spoiling an example manifest, drawn by CsCheck: a byte flipped, the file cut short, a key deleted or
/// given twice, a value swapped for a huge number, another type, or a date at the end of the calendar. Structural
/// kinds rewrite the JSON with one change at one pointer; byte kinds work on any file, YAML included.
/// </summary>
internal sealed record ManifestMutation(string Example, MutationKind Kind, int Target, int Choice)
{
    private static readonly string[] Examples =
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "1.7976931348623157e308", "-1.7976931348623157e308", "1e-400", "123456789012345678901234567890", "-0"];
    private static readonly string[] OtherTypes = ["\"text\"", "[]", "{}", "true", "null", "0", "-1", "[1e308, 1e308]"];
    private static readonly string[] FarDates = ["\"9999-12-31\"", "\"0001-01-01\"", "\"2026-02-30\"", "\"99999-01-01\""];

    public static readonly Gen<ManifestMutation> Gen =
        CsCheck.Gen.Select(CsCheck.Gen.Int[0, Examples.Length - 1], CsCheck.Gen.Enum<MutationKind>(), CsCheck.Gen.Int[0, int.MaxValue], CsCheck.Gen.Int[0, int.MaxValue],
            (example, kind, target, choice) => new ManifestMutation(Examples[example], kind, target, choice));

    public bool IsYaml => Example.EndsWith(".yaml", StringComparison.Ordinal);

    /// <summary>The spoiled file's bytes.</summary>
    public byte[] Apply()
    {
        var original = File.ReadAllBytes(Path.Combine(RepositoryRoot.Path, "examples", Example));
        if (Kind == MutationKind.Truncate)
        {
            return original[..(Target % original.Length)];
        }
        // The structural kinds rewrite JSON; on the YAML example every kind but truncation is a byte flip.
        if (Kind == MutationKind.FlipByte || IsYaml)
        {
            var flipped = (byte[])original.Clone();
            flipped[Target % flipped.Length] = (byte)(Choice % 256);
            return flipped;
        }
        var root = JsonNode.Parse(original)!;
        var places = Places(root, "").ToList();
        var (pointer, node) = Kind == MutationKind.FarDate && places.Where(p => IsDate(p.Node)).ToList() is { Count: > 0 } dates
            ? dates[Target % dates.Count]
            : places[Target % places.Count];
        var replacement = Kind switch
        {
            MutationKind.HugeNumber => HugeNumbers[Choice % HugeNumbers.Length],
            MutationKind.SwapType => OtherTypes[Choice % OtherTypes.Length],
            MutationKind.FarDate => FarDates[Choice % FarDates.Length],
            _ => null,
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, SkipValidation = true }))
        {
            Rewrite(writer, root, "", pointer, replacement);
        }
        return buffer.ToArray();
    }

    public override string ToString() => $"{Kind} of {Example} (target {Target}, choice {Choice})";

    private static bool IsDate(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 10 && s[4] == '-' && s[7] == '-';

    // Every member and element below the root, with its pointer: the places a structural change can go.
    private static IEnumerable<(string Pointer, JsonNode? Node)> Places(JsonNode? node, string pointer)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => (Pointer: pointer + "/" + p.Key, Node: p.Value)).ToList(),
            JsonArray array => array.Select((n, i) => (Pointer: $"{pointer}/{i}", Node: n)).ToList(),
            _ => [],
        };
        foreach (var child in children)
        {
            yield return child;
            foreach (var below in Places(child.Node, child.Pointer))
            {
                yield return below;
            }
        }
    }

    // Writes the tree again with the one change at the target: dropped, written twice, or replaced by raw text.
    private void Rewrite(Utf8JsonWriter writer, JsonNode? node, string pointer, string target, string? replacement)
    {
        if (pointer == target && replacement is not null)
        {
            writer.WriteRawValue(replacement, skipInputValidation: true);
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj)
                {
                    var at = pointer + "/" + key;
                    var copies = at != target ? 1 : Kind == MutationKind.DeleteKey ? 0 : Kind == MutationKind.DuplicateKey ? 2 : 1;
                    for (var i = 0; i < copies; i++)
                    {
                        writer.WritePropertyName(key);
                        Rewrite(writer, value, at, target, replacement);
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var at = $"{pointer}/{i}";
                    if (at != target || Kind != MutationKind.DeleteKey)
                    {
                        Rewrite(writer, array[i], at, target, replacement);
                    }
                }
                writer.WriteEndArray();
                break;
            default:
                writer.WriteRawValue(node?.ToJsonString() ?? "null", skipInputValidation: true);
                break;
        }
    }

    public string Describe(byte[] bytes) => $"{this}: {Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 2000)])}";
}

internal enum MutationKind
{
    FlipByte,
    Truncate,
    DeleteKey,
    DuplicateKey,
    HugeNumber,
    SwapType,
    FarDate,
}
