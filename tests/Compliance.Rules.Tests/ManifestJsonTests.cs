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
/// Manifests are read and written by generated code. A digest is taken over the written bytes and stored with every
/// decision, so those bytes must be exactly what the reflection serializer wrote, and reading must bind the same facts.
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
    public void Every_manifest_in_the_repository_is_written_and_read_as_the_reflection_serializer_does()
    {
        var compared = 0;
        foreach (var (where, node) in Manifests())
        {
            var text = node.ToJsonString();
            var generated = JsonSerializer.Deserialize<Manifest>(text, ManifestJson.Options)!;
            var reflected = JsonSerializer.Deserialize<Manifest>(text, Reflection)!;

            var expected = JsonSerializer.Serialize(reflected, Reflection);
            Assert.True(expected == System.Text.Encoding.UTF8.GetString(ManifestJson.Canonical(generated)), $"{where}: the canonical bytes differ");
            Assert.True(expected == JsonSerializer.Serialize(generated, Reflection), $"{where}: reading bound different facts");
            compared++;
        }
        Assert.True(compared > 200, $"only {compared} manifests compared");
    }

    [Fact]
    public void The_manifest_type_is_read_and_written_by_generated_code()
    {
        Assert.IsType<ManifestJsonContext>(ManifestJson.Options.GetTypeInfo(typeof(Manifest)).OriginatingResolver);
    }
}
