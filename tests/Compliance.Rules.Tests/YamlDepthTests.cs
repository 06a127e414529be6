using System.Text;
using System.Text.Json.Nodes;
using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

/// <summary>
/// YAML nested past the limit is refused while it is read, before the parser's tree is built: that build recurses once
/// per level, and 50,000 levels took the process down with a stack overflow instead of answering.
/// </summary>
public sealed class YamlDepthTests
{
    private static InvalidInputException Refused(string yaml) =>
        Assert.Throws<InvalidInputException>(() => YamlToJson.Convert(yaml));

    private static void AssertTooDeep(InvalidInputException e, int line)
    {
        Assert.Equal(InputProblem.TooLarge, e.Kind);
        Assert.Equal("The YAML is too deep", e.Title);
        var error = Assert.Single(e.Errors);
        Assert.Equal("", error.Pointer);
        Assert.Equal($"line {line}: nested more than {YamlToJson.MaxDepth} levels", error.Message);
    }

    private static string BlockMappings(int depth, string leaf)
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            yaml.Append(' ', i).Append("k:\n");
        }
        return yaml.Append(' ', depth).Append("leaf: ").Append(leaf).Append('\n').ToString();
    }

    [Fact]
    public void Fifty_thousand_nested_flow_sequences_are_refused_as_too_deep_without_crashing()
    {
        AssertTooDeep(Refused("a: " + new string('[', 50_000) + new string(']', 50_000)), line: 1);
    }

    [Fact]
    public void Fifty_thousand_nested_flow_mappings_are_refused_as_too_deep_without_crashing()
    {
        var yaml = "a: " + string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "1" + new string('}', 50_000);
        AssertTooDeep(Refused(yaml), line: 1);
    }

    [Fact]
    public void Fifty_thousand_nested_block_sequences_are_refused_as_too_deep_without_crashing()
    {
        AssertTooDeep(Refused(string.Concat(Enumerable.Repeat("- ", 50_000)) + "x"), line: 1);
    }

    [Fact]
    public void Deeply_nested_block_mappings_are_refused_at_the_line_that_passes_the_limit()
    {
        // Each level of a block mapping is one more column of indentation, so 5,000 levels are already 12 MB of text.
        AssertTooDeep(Refused(BlockMappings(5_000, "1")), line: YamlToJson.MaxDepth + 1);
    }

    [Fact]
    public void A_hundred_levels_of_flow_sequences_and_block_mappings_are_read()
    {
        var sequences = YamlToJson.Convert("a: " + new string('[', 100) + "7" + new string(']', 100))!;
        JsonNode node = sequences["a"]!;
        for (var i = 0; i < 100; i++)
        {
            node = Assert.Single(node.AsArray())!;
        }
        Assert.Equal(7L, (long)node);

        JsonNode mappings = YamlToJson.Convert(BlockMappings(100, "true"))!;
        for (var i = 0; i < 100; i++)
        {
            mappings = mappings["k"]!;
        }
        Assert.True((bool)mappings["leaf"]!);
    }

    [Fact]
    public void The_limit_is_the_same_as_before_the_tree_is_built_128_levels_read_and_129_refused()
    {
        Assert.NotNull(YamlToJson.Convert("a: " + new string('[', 128) + new string(']', 128)));
        AssertTooDeep(Refused("a: " + new string('[', 129) + new string(']', 129)), line: 1);
    }

    [Fact]
    public void An_alias_that_nests_past_the_limit_once_expanded_is_still_refused_as_too_deep()
    {
        var yaml = "a: &x " + new string('[', 100) + new string(']', 100) + "\nb: " + new string('[', 100) + "*x" + new string(']', 100);
        var e = Refused(yaml);
        Assert.Equal(InputProblem.TooLarge, e.Kind);
        Assert.StartsWith("/b/0/0/", Assert.Single(e.Errors).Pointer, StringComparison.Ordinal);
        Assert.Equal($"nested more than {YamlToJson.MaxDepth} levels", e.Errors[0].Message);
    }

    [Fact]
    public void Yaml_broken_inside_the_nesting_is_still_malformed_not_too_deep()
    {
        var e = Refused("a: [[[1, 2]]");
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Equal("The YAML is malformed", e.Title);
    }
}
