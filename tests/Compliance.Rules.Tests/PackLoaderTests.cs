using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

public sealed class PackLoaderTests
{
    private static InputError LoadError(string body) =>
        Assert.Throws<InvalidInputException>(() => TestPacks.Load(body)).Errors[0];

    [Fact]
    public void An_unknown_fact_is_an_error_at_its_pointer()
    {
        var error = LoadError("""
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlops, gt: 1e26 } }
            """);
        Assert.Equal("/definitions/big/when/fact", error.Pointer);
        Assert.Contains("unknown fact 'training.computeFlops'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operator_that_does_not_fit_the_facts_type_is_an_error()
    {
        var error = LoadError("""
            definitions:
              odd: { title: Odd, citation: "§ 1", when: { fact: release.weights, gt: 3 } }
            """);
        Assert.Equal("/definitions/odd/when/gt", error.Pointer);
    }

    [Fact]
    public void An_unknown_parameter_or_definition_is_an_error()
    {
        Assert.Contains("no parameter named 'missing'", LoadError("""
            definitions:
              big: { title: Big, citation: "§ 1", when: { fact: training.computeFlop, gt: $missing } }
            """).Message, StringComparison.Ordinal);
        Assert.Equal("/obligations/0/when/definition", LoadError("""
            obligations:
              - { id: duty, title: Duty, citation: "§ 2", phase: training, holder: developer, when: { definition: ghost } }
            """).Pointer);
    }

    [Fact]
    public void Definitions_that_refer_to_each_other_in_a_cycle_are_an_error_naming_the_cycle()
    {
        var error = LoadError("""
            definitions:
              a: { title: A, citation: "§ 1", when: { definition: b } }
              b: { title: B, citation: "§ 2", when: { not: { definition: a } } }
            """);
        Assert.Contains("a -> b -> a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_cannot_read_deployment_facts()
    {
        var error = LoadError("""
            definitions:
              chat: { title: Chat, citation: "§ 1", when: { fact: deployment.channel, eq: api } }
            """);
        Assert.Contains("describes one deployment", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_with_two_forms_is_an_error()
    {
        var error = LoadError("""
            definitions:
              both: { title: Both, citation: "§ 1", when: { fact: training.computeFlop, gt: 1, definition: other } }
              other: { title: Other, citation: "§ 2", when: { fact: training.costUsd, gt: 1 } }
            """);
        Assert.Equal("/definitions/both/when", error.Pointer);
    }

    [Fact]
    public void A_schema_violation_is_reported_by_pointer()
    {
        var error = LoadError("""
            obligations:
              - { id: duty, title: Duty, phase: training, holder: developer }
            """);
        Assert.Equal("/obligations/0/citation", error.Pointer);
    }

    [Fact]
    public void A_yaml_syntax_error_gives_the_line_and_column()
    {
        var error = Assert.Throws<InvalidInputException>(() => PackLoader.Load("id: x\ntitle: [unclosed\n"));
        Assert.Equal(InputProblem.Malformed, error.Kind);
        Assert.Contains("line", error.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_bomb_is_refused_instead_of_expanded()
    {
        var bomb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }
        var error = Assert.Throws<InvalidInputException>(() => PackLoader.Load(bomb.ToString()));
        Assert.Equal(InputProblem.TooLarge, error.Kind);
    }

    [Fact]
    public void Yaml_scalars_follow_the_core_schema()
    {
        var node = YamlToJson.Convert("""
            big: 1e26
            whole: 42
            quoted: "1e26"
            date: 2026-01-01
            flag: true
            nothing: ~
            """)!;
        Assert.Equal(1e26, node["big"]!.GetValue<double>());
        Assert.Equal(42, node["whole"]!.GetValue<long>());
        Assert.Equal("1e26", node["quoted"]!.GetValue<string>());
        Assert.Equal("2026-01-01", node["date"]!.GetValue<string>());
        Assert.True(node["flag"]!.GetValue<bool>());
        Assert.Null(node["nothing"]);
    }

    [Fact]
    public void Every_bundled_pack_cites_every_parameter_definition_and_obligation()
    {
        foreach (var pack in BillCatalog.Bundled.Packs)
        {
            Assert.All(pack.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Citation), $"{pack.Key} {p.Name}"));
            Assert.All(pack.Definitions, d => Assert.False(string.IsNullOrWhiteSpace(d.Citation), $"{pack.Key} {d.Name}"));
            Assert.All(pack.Obligations, o => Assert.False(string.IsNullOrWhiteSpace(o.Citation), o.Id));
        }
    }

    [Fact]
    public void Every_bundled_pack_carries_its_cases_from_the_file_beside_it()
    {
        var assembly = typeof(PackLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("bills/", StringComparison.Ordinal)).ToList();
        foreach (var pack in names.Where(n => !PackLoader.IsTestsFile(n)))
        {
            Assert.Contains(PackLoader.TestsFileFor(pack).Replace('\\', '/'), names);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(pack)!);
            Assert.Null(JsonDocuments.Parse(reader.ReadToEnd(), yaml: true)["tests"]);
        }
        Assert.All(BillCatalog.Bundled.Packs, p => Assert.NotEmpty(p.Tests));
    }

    [Fact]
    public void Cases_both_inline_and_beside_the_pack_are_refused()
    {
        var pack = JsonDocuments.Parse(TestPacks.Header + "\ntests: []\n", yaml: true);
        var error = Assert.Throws<InvalidInputException>(() =>
            PackLoader.AttachTests(pack, JsonDocuments.Parse("tests: []", yaml: true), "x.tests.yaml")).Errors[0];
        Assert.Equal("/tests", error.Pointer);
        Assert.Contains("in one place", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cases_file_with_other_keys_is_refused_at_the_key()
    {
        var pack = JsonDocuments.Parse(TestPacks.Header, yaml: true);
        var error = Assert.Throws<InvalidInputException>(() =>
            PackLoader.AttachTests(pack, JsonDocuments.Parse("tests: []\nparameters: {}", yaml: true), "x.tests.yaml")).Errors[0];
        Assert.Equal("/parameters", error.Pointer);
    }
}
