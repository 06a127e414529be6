using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

/// <summary>
/// The compiled schema may only ever accept what NJsonSchema accepts: checked on every real manifest the repository
/// holds and on thousands of seeded mutations of them, each judged by both.
/// </summary>
public sealed class CompiledSchemaTests
{
    private static readonly CompiledSchema Manifest = CompiledSchema.TryCompile(SchemaValidator.Text("manifest")!)
        ?? throw new InvalidOperationException("the manifest schema must compile: it is the hot path of every decision");

    private static IEnumerable<(string Name, JsonNode Node)> RealManifests()
    {
        var root = RepositoryRoot.Path;
        var files = Directory.EnumerateFiles(Path.Combine(root, "rules", "corpus"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.*").Where(f => f.EndsWith(".json", StringComparison.Ordinal) || JsonDocuments.IsYamlPath(f)))
            .Order(StringComparer.Ordinal);
        return files.Select(f => (Path.GetRelativePath(root, f), JsonDocuments.Parse(File.ReadAllText(f), JsonDocuments.IsYamlPath(f))));
    }

    [Fact]
    public void Every_real_manifest_is_accepted_by_both()
    {
        var manifests = RealManifests().ToList();

        Assert.True(manifests.Count > 50);
        Assert.All(manifests, m =>
        {
            Assert.Empty(SchemaValidator.Manifest.Explain(m.Node));
            Assert.True(Manifest.Accepts(m.Node), m.Name);
        });
    }

    [Fact]
    public void On_mutated_manifests_it_accepts_exactly_what_NJsonSchema_accepts()
    {
        var random = new Random(20261123);
        var judged = 0;
        var invalid = 0;
        foreach (var (name, node) in RealManifests())
        {
            for (var i = 0; i < 60; i++)
            {
                var mutated = node.DeepClone();
                var what = Mutate(mutated, random);
                var errors = SchemaValidator.Manifest.Explain(mutated);
                // Sound: nothing NJsonSchema rejects gets through. Complete on these: the valid ones stay on the fast path.
                Assert.True(Manifest.Accepts(mutated) == (errors.Count == 0),
                    $"{name}, {what}: NJsonSchema says {(errors.Count == 0 ? "valid" : errors[0].Pointer + " " + errors[0].Message)}");
                judged++;
                invalid += errors.Count > 0 ? 1 : 0;
            }
        }
        // The mutations must reach both outcomes often, or the comparison proves little.
        Assert.InRange(invalid, judged / 4, judged * 9 / 10);
    }

    [Theory]
    [InlineData("""{"schemaVersion": "1", "id": "m", "lineage": {"base": ["a", "a"]}}""", true)]
    [InlineData("""{"schemaVersion": "1", "id": "m", "release": {"jurisdictions": ["US-CA", "US-CA"]}}""", false)]
    [InlineData("""{"schemaVersion": "1", "id": "m", "training": {"computeFlop": 1e400}}""", true)]
    [InlineData("""{"schemaVersion": "1", "id": "m", "training": {"computeFlop": -0.0}}""", true)]
    [InlineData("""{"schemaVersion": "1", "id": "m", "training": {"startDate": "2025-02-30"}}""", false)]
    [InlineData("""{"schemaVersion": "1", "id": "m", "training": {"startDate": "٢٠٢٥-٠١-٠١"}}""", false)]
    [InlineData("""{"schemaVersion": "1", "id": "m\n"}""", true)]
    [InlineData("""{"schemaVersion": "1", "id": ""}""", false)]
    [InlineData("""{"schemaVersion": 1, "id": "m"}""", false)]
    public void Edge_cases_agree(string json, bool expectedValid)
    {
        var node = JsonNode.Parse(json)!;

        Assert.True(expectedValid == (SchemaValidator.Manifest.Explain(node).Count == 0), "NJsonSchema: " + json);
        Assert.True(expectedValid == Manifest.Accepts(node), json);
    }

    [Theory]
    [InlineData("evaluation-request", """{"manifestId": "a/b", "asOf": "2026-07-01", "bills": ["all"], "overrides": {"b": {"p": 1e25}}}""", true)]
    [InlineData("evaluation-request", """{"manifest": {}, "asOf": null, "trace": null, "bills": null}""", true)]
    [InlineData("evaluation-request", """{"manifestId": "a/b", "asOf": "2026-13-01"}""", false)]
    [InlineData("evaluation-request", """{"manifest": "a/b"}""", false)]
    [InlineData("evaluation-request", """{"manifestId": "a/b", "activity": "release"}""", false)]
    [InlineData("gate-request", """{"manifestId": "a/b", "activity": "release", "allowUndetermined": true}""", true)]
    [InlineData("gate-request", """{"manifestId": "a/b"}""", false)]
    [InlineData("gate-request", """{"manifestId": "a/b", "activity": "publish"}""", false)]
    [InlineData("gate-request", """{"manifestId": "a/b", "activity": "release", "overrides": {"b": {"p": "1"}}}""", false)]
    [InlineData("compare-request", """{"bills": ["a", {"bill": "b@2", "overrides": {"p": 1e400}}], "portfolio": "corpus", "asOf": null}""", true)]
    [InlineData("compare-request", """{"bills": ["a", "b"], "portfolio": [{"id": "x"}, "a/b"]}""", true)]
    [InlineData("compare-request", """{"bills": ["a", "b"], "portfolio": []}""", true)]
    [InlineData("compare-request", """{"bills": ["a"], "portfolio": "corpus"}""", false)]
    [InlineData("compare-request", """{"bills": ["a", "b", "c"], "portfolio": "corpus"}""", false)]
    [InlineData("compare-request", """{"bills": ["a", {"overrides": {}}], "portfolio": "corpus"}""", false)]
    [InlineData("compare-request", """{"bills": ["a", {"bill": "b", "version": "2"}], "portfolio": "corpus"}""", false)]
    [InlineData("compare-request", """{"bills": ["a", "b"], "portfolio": "everything"}""", false)]
    [InlineData("compare-request", """{"bills": ["a", "b"], "portfolio": [1]}""", false)]
    [InlineData("compare-request", """{"bills": ["a", "b"]}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": [1, 2.5, 1e400], "portfolio": "corpus", "asOf": "2026-07-01"}""", true)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": {"from": 1, "to": 2, "steps": 5000, "scale": 10, "step": 1}, "portfolio": "corpus"}""", true)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": {"from": 1, "to": 2, "steps": 5.5}, "portfolio": "corpus"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": {"from": 1, "to": 2}, "portfolio": "corpus"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": [], "portfolio": "corpus"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": ["1"], "portfolio": "corpus"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": "1", "portfolio": "corpus"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "parameter": "p", "values": [1], "portfolio": "corpus", "format": "csv"}""", false)]
    [InlineData("sweep-request", """{"bill": "a", "values": [1], "portfolio": "corpus"}""", false)]
    public void The_request_schemas_compile_and_agree_with_NJsonSchema(string name, string json, bool expectedValid)
    {
        var compiled = CompiledSchema.TryCompile(SchemaValidator.Text(name)!);
        var validator = name switch
        {
            "gate-request" => SchemaValidator.GateRequest,
            "compare-request" => SchemaValidator.CompareRequest,
            "sweep-request" => SchemaValidator.SweepRequest,
            _ => SchemaValidator.EvaluationRequest,
        };
        var node = JsonNode.Parse(json)!;

        Assert.NotNull(compiled);
        Assert.True(expectedValid == (validator.Explain(node).Count == 0), "NJsonSchema: " + json);
        Assert.True(expectedValid == compiled.Accepts(node), json);
    }

    [Fact]
    public void Where_it_reads_more_strictly_NJsonSchema_has_the_last_word()
    {
        // NJsonSchema compares with minimum 0 in decimal, where -1e-300 rounds to 0; the compiled schema compares doubles.
        var node = JsonNode.Parse("""{"schemaVersion": "1", "id": "m", "training": {"computeFlop": -1e-300}}""")!;

        Assert.False(Manifest.Accepts(node));
        Assert.Empty(SchemaValidator.Manifest.Validate(node));
    }

    [Fact]
    public void A_schema_with_a_keyword_it_does_not_know_does_not_compile()
    {
        Assert.Null(CompiledSchema.TryCompile("""{"type": "object", "patternProperties": {"^x": {"type": "string"}}}"""));
        Assert.Null(CompiledSchema.TryCompile("""{"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]}"""));
        Assert.NotNull(CompiledSchema.TryCompile("""{"oneOf": [{"type": "string"}, {"type": "array"}]}"""));
    }

    private static readonly Func<Random, JsonNode?>[] Replacements =
    [
        _ => JsonValue.Create("x"),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(0.5),
        _ => JsonNode.Parse("1e29"),
        _ => JsonValue.Create(true),
        _ => null,
        _ => new JsonObject(),
        _ => new JsonArray(),
        r => JsonValue.Create(new string('a', r.Next(150, 2100))),
        _ => JsonValue.Create("US-CA"),
        _ => JsonValue.Create("2026-13-01"),
        _ => JsonValue.Create("2026-01-01"),
        _ => JsonValue.Create("open"),
        _ => JsonValue.Create("finetune"),
        _ => new JsonArray("EU", "EU"),
        _ => new JsonArray("US", "EU"),
        _ => JsonNode.Parse("""{"id": "base-x"}"""),
    ];

    /// <summary>Changes one randomly chosen place of the document and says what it did.</summary>
    private static string Mutate(JsonNode document, Random random)
    {
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(document, places);
        var (parent, key, index) = places[random.Next(places.Count)];
        var action = random.Next(10);
        switch (parent)
        {
            case JsonObject obj when action == 0:
                obj.Remove(key!);
                return $"removed {key}";
            case JsonObject obj when action == 1:
                obj["unexpected"] = 1;
                return $"added a field next to {key}";
            case JsonArray array when action == 0:
                array.RemoveAt(index);
                return $"removed item {index}";
            case JsonArray array when action == 1:
                array.Add(array[index]?.DeepClone());
                return $"repeated item {index}";
            case JsonObject obj:
                obj[key!] = Replacements[random.Next(Replacements.Length)](random);
                return $"{key} = {obj[key!]?.ToJsonString() ?? "null"}";
            case JsonArray array:
                array[index] = Replacements[random.Next(Replacements.Length)](random);
                return $"[{index}] = {array[index]?.ToJsonString() ?? "null"}";
            default:
                throw new InvalidOperationException();
        }
    }

    private static void Collect(JsonNode? node, List<(JsonNode, string?, int)> places)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    places.Add((obj, key, -1));
                    Collect(value, places);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    places.Add((array, null, i));
                    Collect(array[i], places);
                }
                break;
        }
    }
}
