using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

public sealed class SourceMapTests
{
    [Fact]
    public void A_json_member_is_placed_at_its_key_and_an_item_at_its_first_character_in_utf16_columns()
    {
        var map = SourceMap.Of("{\n  \"name\": \"Zoë 🦊\", \"id\": \"x/y\",\n  \"list\": [ 1,\n    { \"a~b/c\": true } ]\n}", yaml: false);

        Assert.Equal(new SourcePosition(1, 1), map.Find(""));
        Assert.Equal(new SourcePosition(2, 3), map.Find("/name"));
        // "Zoë 🦊" is 6 UTF-16 units (the fox is a surrogate pair) though 10 UTF-8 bytes.
        Assert.Equal(new SourcePosition(2, 21), map.Find("/id"));
        Assert.Equal(new SourcePosition(3, 3), map.Find("/list"));
        Assert.Equal(new SourcePosition(3, 13), map.Find("/list/0"));
        Assert.Equal(new SourcePosition(4, 5), map.Find("/list/1"));
        Assert.Equal(new SourcePosition(4, 7), map.Find("/list/1/a~0b~1c"));
        Assert.Null(map.Find("/missing"));
    }

    [Fact]
    public void A_yaml_member_is_placed_at_its_key_in_block_and_flow_style_and_an_item_at_its_node()
    {
        var map = SourceMap.Of("""
            # a comment
            id: x/y
            training:
              computeFlop: 2.0e26
              dataModalities: [text, code]
            release: { weights: open, jurisdictions: [US, EU] }
            deployments:
              - id: api
                channel: api
              - &second { id: app, channel: consumer-app }
            again: *second
            after: 1
            """, yaml: true);

        Assert.Equal(new SourcePosition(2, 1), map.Find("/id"));
        Assert.Equal(new SourcePosition(4, 3), map.Find("/training/computeFlop"));
        Assert.Equal(new SourcePosition(5, 26), map.Find("/training/dataModalities/1"));
        Assert.Equal(new SourcePosition(6, 12), map.Find("/release/weights"));
        Assert.Equal(new SourcePosition(8, 5), map.Find("/deployments/0"));
        Assert.Equal(new SourcePosition(9, 5), map.Find("/deployments/0/channel"));
        Assert.Equal(new SourcePosition(10, 24), map.Find("/deployments/1/channel"));
        // An alias is a leaf where it is written, and the members after it are still placed right.
        Assert.Equal(new SourcePosition(11, 1), map.Find("/again"));
        Assert.Equal(new SourcePosition(12, 1), map.Find("/after"));
    }

    [Fact]
    public void A_text_that_does_not_parse_maps_nothing()
    {
        Assert.Null(SourceMap.Of("{ \"a\": ", yaml: false).Find(""));
        Assert.Null(SourceMap.Of("a: [1, 2", yaml: true).Find("/a"));
    }
}
