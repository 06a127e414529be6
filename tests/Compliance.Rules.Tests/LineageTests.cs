using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Tests;

public sealed class LineageTests
{
    private static Func<string, Manifest?> Registry(params string[] manifests)
    {
        var byId = manifests.Select(TestPacks.Manifest).ToDictionary(m => m.Id);
        return byId.GetValueOrDefault;
    }

    [Fact]
    public void Registered_and_inline_bases_resolve_several_levels_deep()
    {
        var lookup = Registry("""{ "schemaVersion": "1", "id": "a/root" }""", """{ "schemaVersion": "1", "id": "b/mid", "lineage": { "base": "a/root" } }""");
        var manifest = TestPacks.Manifest("""
            { "schemaVersion": "1", "id": "d/top", "lineage": { "base": { "schemaVersion": "1", "id": "c/inline", "lineage": { "base": "b/mid" } } } }
            """);

        var resolved = LineageResolver.Resolve(manifest, lookup);

        Assert.Equal(["d/top", "c/inline", "b/mid", "a/root"], resolved.Closure().Select(a => a.Id));
    }

    [Fact]
    public void A_shared_ancestor_of_a_merge_is_resolved_once_and_is_not_a_cycle()
    {
        var lookup = Registry(
            """{ "schemaVersion": "1", "id": "x/root" }""",
            """{ "schemaVersion": "1", "id": "x/left", "lineage": { "base": "x/root" } }""",
            """{ "schemaVersion": "1", "id": "x/right", "lineage": { "base": "x/root" } }""");
        var merge = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "x/merge", "lineage": { "base": ["x/left", "x/right"], "relation": "merge" } }""");

        var resolved = LineageResolver.Resolve(merge, lookup);

        Assert.Same(resolved.Bases[0].Bases[0], resolved.Bases[1].Bases[0]);
        Assert.Equal(4, resolved.Closure().Count);
    }

    [Fact]
    public void A_cycle_through_registered_ids_is_an_error_naming_the_ids_in_order()
    {
        var lookup = Registry(
            """{ "schemaVersion": "1", "id": "c/one", "lineage": { "base": "c/two" } }""",
            """{ "schemaVersion": "1", "id": "c/two", "lineage": { "base": "c/one" } }""");
        var manifest = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "c/top", "lineage": { "base": "c/one" } }""");

        var error = Assert.Throws<InvalidInputException>(() => LineageResolver.Resolve(manifest, lookup));

        Assert.Equal("/lineage/base", error.Errors[0].Pointer);
        Assert.Contains("c/one -> c/two -> c/one", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_naming_itself_as_its_base_is_a_cycle()
    {
        var manifest = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "s/self", "lineage": { "base": "s/self" } }""");
        var error = Assert.Throws<InvalidInputException>(() => LineageResolver.Resolve(manifest, Registry()));
        Assert.Contains("s/self -> s/self", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_base_is_an_error_at_its_pointer_naming_the_id()
    {
        var manifest = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "m/merge", "lineage": { "base": ["m/known", "m/unknown"] } }""");
        var error = Assert.Throws<InvalidInputException>(() => LineageResolver.Resolve(manifest, Registry("""{ "schemaVersion": "1", "id": "m/known" }""")));
        Assert.Equal("/lineage/base/1", error.Errors[0].Pointer);
        Assert.Contains("m/unknown", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lineage_deeper_than_the_limit_is_refused_as_too_large()
    {
        var chain = Enumerable.Range(0, LineageResolver.MaxDepth + 5)
            .Select(i => i == 0 ? """{ "schemaVersion": "1", "id": "l/0" }""" : $$"""{ "schemaVersion": "1", "id": "l/{{i}}", "lineage": { "base": "l/{{i - 1}}" } }""")
            .ToArray();
        var lookup = Registry(chain);
        var top = TestPacks.Manifest($$"""{ "schemaVersion": "1", "id": "l/top", "lineage": { "base": "l/{{LineageResolver.MaxDepth + 4}}" } }""");

        var error = Assert.Throws<InvalidInputException>(() => LineageResolver.Resolve(top, lookup));

        Assert.Equal(InputProblem.TooLarge, error.Kind);
        Assert.Contains($"deeper than {LineageResolver.MaxDepth} levels", error.Message, StringComparison.Ordinal);
        var ok = TestPacks.Manifest("""{ "schemaVersion": "1", "id": "l/ok", "lineage": { "base": "l/20" } }""");
        Assert.Equal(22, LineageResolver.Resolve(ok, lookup).Closure().Count);
    }

    [Fact]
    public void A_definition_asked_of_the_base_is_computed_once_per_artifact()
    {
        var pack = TestPacks.Load("""
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: 1e26 } }
              from_big: { title: From big, citation: "§ 2", when: { base: big } }
              from_from_big: { title: From from big, citation: "§ 3", when: { base: from_big } }
            """);
        var lookup = Registry(
            """{ "schemaVersion": "1", "id": "r/root", "training": { "computeFlop": 2e26 } }""",
            """{ "schemaVersion": "1", "id": "r/left", "lineage": { "base": "r/root" } }""",
            """{ "schemaVersion": "1", "id": "r/right", "lineage": { "base": "r/root" } }""");

        var bill = TestPacks.Evaluate(pack, """{ "schemaVersion": "1", "id": "r/merge", "lineage": { "base": ["r/left", "r/right"] } }""", registry: lookup).Bills[0];

        Assert.Equal(Evaluation.Tri.True, bill.Definitions["from_from_big"].Value);
        // The merge's own parents say nothing of their compute: unknown, and the answer says whose fact is missing.
        Assert.Equal(Evaluation.Tri.Unknown, bill.Definitions["from_big"].Value);
        Assert.Contains("r/left: training.computeFlop", bill.Definitions["from_big"].Needs);
        var baseStep = bill.Definitions["from_from_big"].Trace!;
        Assert.Equal("base", baseStep.Kind);
        Assert.Equal(["r/left", "r/right"], baseStep.Children!.Select(c => c.Artifact));
    }
}
