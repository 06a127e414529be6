using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Tests.Shared;

namespace Compliance.Rules.Tests;

/// <summary>
/// The canonical form of a manifest is written by generated code. A digest is taken over those bytes and stored with
/// every decision, so they must be exactly what the reflection serializer wrote.
/// </summary>
public sealed class ManifestJsonTests
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = JsonDocuments.MaxDepth,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Every manifest the repository holds: the corpus, the examples and each bundled pack's test cases.</summary>
    private static IEnumerable<(string Where, JsonNode Node)> Manifests()
    {
        foreach (var entry in ReferenceCorpus.Bundled.Entries)
        {
            yield return (entry.Resource, JsonSerializer.SerializeToNode(entry.Manifest, Reflection)!);
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "examples"), "*.*").Where(f => f.EndsWith(".json", StringComparison.Ordinal) || JsonDocuments.IsYamlPath(f)))
        {
            yield return (file, JsonDocuments.Parse(File.ReadAllText(file), JsonDocuments.IsYamlPath(file)));
        }
        foreach (var pack in BillCatalog.Bundled.Packs)
        {
            for (var i = 0; i < pack.Tests.Count; i++)
            {
                yield return ($"{pack.Key} test {i}", pack.Tests[i]["manifest"]!);
            }
        }
    }

    [Fact]
    public void Every_manifest_in_the_repository_has_the_canonical_bytes_the_reflection_serializer_writes()
    {
        var compared = 0;
        foreach (var (where, node) in Manifests())
        {
            var manifest = ManifestJson.Read(node);

            var canonical = System.Text.Encoding.UTF8.GetString(ManifestJson.Canonical(manifest));

            Assert.True(JsonSerializer.Serialize(manifest, Reflection) == canonical, $"{where}: the canonical bytes differ");
            compared++;
        }
        Assert.True(compared > 200, $"only {compared} manifests compared");
    }

    [Fact]
    public void Every_manifest_in_the_repository_binds_the_same_with_the_generated_reader_as_with_reflection()
    {
        var compared = 0;
        foreach (var (where, node) in Manifests())
        {
            var byReflection = ManifestJson.Read(node, "", generated: false);
            var generated = ManifestJson.Read(node, "", generated: true);

            Assert.True(JsonSerializer.Serialize(byReflection, Reflection) == JsonSerializer.Serialize(generated, Reflection), $"{where}: the two readers bind differently");
            compared++;
        }
        Assert.True(compared > 200, $"only {compared} manifests compared");
    }
}
