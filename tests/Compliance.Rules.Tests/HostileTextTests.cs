using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

/// <summary>
/// Text a parser accepts but nothing after it can hold (a key given twice, half a surrogate pair, bytes that are not
/// UTF-8, a number beyond a double) is refused where it is read, naming where it is, in JSON and in YAML alike.
/// </summary>
public sealed class HostileTextTests
{
    private static InvalidInputException Refused(string text, bool yaml = false) =>
        Assert.Throws<InvalidInputException>(() => JsonDocuments.Parse(text, yaml));

    private static InvalidInputException Refused(byte[] utf8) =>
        Assert.Throws<InvalidInputException>(() => JsonDocuments.ParseJson(utf8));

    [Fact]
    public void A_key_given_twice_in_json_is_malformed_at_the_key()
    {
        var e = Refused("""{ "manifest": { "id": "a/b", "deployments": [ { "id": "x", "id": "y" } ] } }""");
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Equal("/manifest/deployments/0/id", Assert.Single(e.Errors).Pointer);
        Assert.Contains("'id' is given more than once", e.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_json_string_or_key_is_malformed_at_its_place()
    {
        var value = Refused("""{ "schemaVersion": "1", "id": "a\ud800b", "tags": ["ok", "\udc00"] }""");
        Assert.Equal(InputProblem.Malformed, value.Kind);
        Assert.Equal(["/id", "/tags/1"], value.Errors.Select(x => x.Pointer));
        var key = Refused("""{ "training": { "\ud800": 1 } }""");
        Assert.Equal("/training", Assert.Single(key.Errors).Pointer);
    }

    [Fact]
    public void A_surrogate_pair_written_as_two_escapes_is_text()
    {
        var node = JsonDocuments.ParseJson("""{ "name": "\ud83d\ude00" }""");
        Assert.Equal("\U0001F600", (string)node["name"]!);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_inside_a_string_are_malformed_at_the_string()
    {
        var e = Refused([.. "{\"release\":{\"license\":\"a"u8, 0xff, 0xfe, .. "\"}}"u8]);
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Equal("/release/license", Assert.Single(e.Errors).Pointer);
    }

    [Fact]
    public void Numbers_beyond_a_double_are_invalid_at_their_pointers_while_a_wide_integer_within_one_is_not()
    {
        var e = Refused($$"""{ "training": { "computeFlop": 1e400, "costUsd": -1{{new string('0', 330)}} }, "weights": { "parameters": 1{{new string('0', 300)}} } }""");
        Assert.Equal(InputProblem.Invalid, e.Kind);
        Assert.Equal(["/training/computeFlop", "/training/costUsd"], e.Errors.Select(x => x.Pointer));
        Assert.Contains("beyond the range of a double", e.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_beyond_a_double_in_yaml_is_invalid_at_its_pointer()
    {
        var e = Refused("schemaVersion: '1'\nid: a/b\ntraining:\n  computeFlop: 1e400\n", yaml: true);
        Assert.Equal(InputProblem.Invalid, e.Kind);
        Assert.Equal("/training/computeFlop", Assert.Single(e.Errors).Pointer);
        var integer = Refused($"weights:\n  parameters: {new string('9', 330)}\n", yaml: true);
        Assert.Equal("/weights/parameters", Assert.Single(integer.Errors).Pointer);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_yaml_is_malformed_at_its_line()
    {
        var e = Refused("schemaVersion: '1'\nid: \"a\\ud800\"\n", yaml: true);
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Contains("line 2", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_in_yaml_text_is_malformed_at_its_pointer()
    {
        var e = Refused("schemaVersion: '1'\nname: \"a\ud800\"\ntags: [\udc00]\n", yaml: true);
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Equal("/name", Assert.Single(e.Errors).Pointer);
    }

    [Fact]
    public void A_key_given_twice_in_yaml_is_malformed()
    {
        var e = Refused("training:\n  costUsd: 1\n  costUsd: 2\n", yaml: true);
        Assert.Equal(InputProblem.Malformed, e.Kind);
        Assert.Contains("costUsd", e.Errors[0].ToString(), StringComparison.Ordinal);
    }
}
