using System.Buffers;
using System.Text.Json;
using Compliance.Rules.Json;

namespace Compliance.Rules.Tests;

/// <summary>
/// A body kept in pieces is checked as strictly as one in a single array: wherever the pieces are cut (inside a key, a
/// number, or a character's UTF-8 bytes), the same problems are found at the same pointers, lines and columns.
/// </summary>
public sealed class JsonTextCheckPiecesTests
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = JsonDocuments.MaxDepth, CommentHandling = JsonCommentHandling.Disallow };

    private static readonly byte[] Broken =
    [
        .. "{ \"portfolio\": [\n  { \"id\": \"caf\u00e9/1\" },\n  { \"id\": \"a/b\", \"id\": \"a/c\" },\n  { \"name\": \"acme/"u8,
        0xC3, 0x28,
        .. "\", \"\\ud800\": 1, \"training\": { \"computeFlop\": 1e400 } }\n], \"portfolio\": 5 }"u8,
    ];

    private static ReadOnlySequence<byte> Pieces(byte[] utf8, params int[] cuts)
    {
        ByteSegment? first = null, last = null;
        var start = 0;
        foreach (var end in cuts.Append(utf8.Length))
        {
            var memory = utf8.AsMemory(start, end - start);
            last = last is null ? first = new ByteSegment(memory, 0) : last.Append(memory);
            start = end;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private static InvalidInputException Refused(ReadOnlySequence<byte> utf8) =>
        Assert.Throws<InvalidInputException>(() => JsonTextCheck.Check(utf8, Options));

    [Fact]
    public void Every_problem_is_found_at_the_same_place_wherever_the_body_is_cut()
    {
        var whole = Assert.Throws<InvalidInputException>(() => JsonTextCheck.Check(Broken.AsSpan(), Options));
        Assert.Equal(
            [
                "/portfolio/1/id: line 3, column 18: the key 'id' is given more than once",
                "/portfolio/2/name: line 4, column 13: is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair",
                "/portfolio/2: line 4, column 24: a key is not valid text: invalid UTF-8, or an escape naming half of a surrogate pair",
                "/portfolio: line 5, column 4: the key 'portfolio' is given more than once",
                "/portfolio/2/training/computeFlop: line 4, column 66: 1e400 is beyond the range of a double (about ±1.8e308)",
            ],
            whole.Errors.Select(e => e.ToString()));
        for (var cut = 1; cut < Broken.Length; cut++)
        {
            var pieces = Refused(Pieces(Broken, cut));
            Assert.Equal(whole.Errors, pieces.Errors);
            Assert.Equal(InputProblem.Malformed, pieces.Kind);
        }
    }

    [Fact]
    public void Text_cut_inside_a_character_or_a_key_is_still_text_when_it_is_whole()
    {
        var body = "{ \"na\u00efve\": \"caf\u00e9 \U0001F600\", \"n\": [1e300, 2] }"u8.ToArray();
        for (var cut = 1; cut < body.Length; cut++)
        {
            JsonTextCheck.Check(Pieces(body, cut), Options);
            if (cut + 1 < body.Length)
            {
                JsonTextCheck.Check(Pieces(body, cut, cut + 1), Options);
            }
        }
    }

    [Fact]
    public void Numbers_beyond_a_double_alone_are_out_of_range_not_malformed()
    {
        var e = Refused(Pieces("{ \"a\": [1, -1e999] }"u8.ToArray(), 12));
        Assert.Equal(InputProblem.Invalid, e.Kind);
        Assert.Equal("A number is out of range", e.Title);
        Assert.Equal("/a/1: line 1, column 12: -1e999 is beyond the range of a double (about ±1.8e308)", Assert.Single(e.Errors).ToString());
    }
}
