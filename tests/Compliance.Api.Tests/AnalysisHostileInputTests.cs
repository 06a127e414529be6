using System.Net;
using System.Text;
using static Compliance.Api.Tests.ProblemAssert;

namespace Compliance.Api.Tests;

/// <summary>
/// Compare and sweep bodies are read in pieces, not through the parser every other body goes through; they are held to
/// the same strict reading all the same. Each request here was answered with a 500, or silently read, before: each is
/// now a 4xx problem+json naming the place in the whole body. JSON is written by hand, since no JSON writer writes it.
/// </summary>
public sealed class AnalysisHostileInputTests
{
    private const string Compare = """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": """;
    private const string Sweep = """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e25], "portfolio": """;

    /// <summary>A valid manifest first, so that a pointer at index 1 shows the pointers count from the body's root.</summary>
    private const string Valid = """{ "schemaVersion": "1", "id": "acme/valid" }, """;

    public static TheoryData<string> Endpoints => new() { "/v1/compare", "/v1/sweep" };

    private static byte[] Body(string url, params byte[][] portfolio) =>
        [.. Encoding.UTF8.GetBytes(url == "/v1/compare" ? Compare : Sweep), .. portfolio.SelectMany(p => p), .. " }"u8];

    private static async Task<HttpResponseMessage> Post(string url, byte[] body)
    {
        await using var app = new ComplianceApp();
        return await app.CreateClient().PostJsonAsync(url, body);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_lone_surrogate_as_a_registered_id_is_a_400_naming_the_element(string url)
    {
        var response = await Post(url, Body(url, """["acme/one", "\ud800"]"""u8.ToArray()));
        await AssertProblem(response, HttpStatusCode.BadRequest, "/portfolio/1", "half of a surrogate pair");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_lone_surrogate_as_a_key_inside_an_inline_manifest_is_a_400_naming_the_manifest(string url)
    {
        var response = await Post(url, Body(url, "["u8.ToArray(), Encoding.UTF8.GetBytes(Valid), """{ "schemaVersion": "1", "id": "a/b", "\ud800": 1 }]"""u8.ToArray()));
        await AssertProblem(response, HttpStatusCode.BadRequest, "/portfolio/1", "a key is not valid text");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Bytes_that_are_not_utf8_inside_an_inline_manifest_are_a_400_naming_the_field(string url)
    {
        var response = await Post(url, Body(url, "["u8.ToArray(), Encoding.UTF8.GetBytes(Valid), """{ "schemaVersion": "1", "id": "acme/"""u8.ToArray(), [0xC3, 0x28], "\" }]"u8.ToArray()));
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "/portfolio/1/id", "invalid UTF-8");
        Assert.Equal("The JSON is malformed", (string)problem["title"]!);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_inline_manifest_with_its_id_given_twice_is_a_400_naming_the_id(string url)
    {
        var response = await Post(url, Body(url, "["u8.ToArray(), Encoding.UTF8.GetBytes(Valid), """{ "schemaVersion": "1", "id": "a/b", "id": "a/c" }]"""u8.ToArray()));
        await AssertProblem(response, HttpStatusCode.BadRequest, "/portfolio/1/id", "the key 'id' is given more than once");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_number_beyond_a_double_inside_an_inline_manifest_is_a_422_naming_it(string url)
    {
        var response = await Post(url, Body(url, "["u8.ToArray(), Encoding.UTF8.GetBytes(Valid), """{ "schemaVersion": "1", "id": "a/b", "training": { "computeFlop": 1e400 } }]"""u8.ToArray()));
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "/portfolio/1/training/computeFlop", "1e400 is beyond the range of a double");
        Assert.Equal("A number is out of range", (string)problem["title"]!);
    }

    [Theory]
    [InlineData("/v1/compare", """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": "corpus", "bills": ["us-ca-sb53", "us-ca-sb53"] }""", "/bills")]
    [InlineData("/v1/compare", """{ "bills": ["us-ca-sb1047", "us-ca-sb53"], "portfolio": [{ "schemaVersion": "1", "id": "a/b" }], "portfolio": "corpus" }""", "/portfolio")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e25], "portfolio": "corpus", "bill": "us-ca-sb53" }""", "/bill")]
    [InlineData("/v1/sweep", """{ "bill": "us-ca-sb1047", "parameter": "covered_compute_flop", "values": [1e25], "portfolio": "corpus", "portfolio": ["a/b"] }""", "/portfolio")]
    public async Task A_top_level_key_given_twice_is_a_400_naming_the_key_not_the_last_value_read(string url, string body, string pointer)
    {
        var response = await Post(url, Encoding.UTF8.GetBytes(body));
        await AssertProblem(response, HttpStatusCode.BadRequest, pointer, "is given more than once");
    }

    [Theory]
    [InlineData("/v1/compare", "5", "/portfolio/1")]
    [InlineData("/v1/compare", "true", "/portfolio/1")]
    [InlineData("/v1/compare", "[]", "/portfolio/1")]
    [InlineData("/v1/compare", "{}", "/portfolio/1")]
    [InlineData("/v1/compare", "\"\"", "/portfolio/1")]
    [InlineData("/v1/compare", "null", "/portfolio/1")]
    [InlineData("/v1/sweep", "5", "/portfolio/1")]
    [InlineData("/v1/sweep", "{ \"schemaVersion\": \"1\", \"id\": \"a/b\", \"lineage\": { \"base\": \"a/b\" } }", "/portfolio/1")]
    public async Task An_element_that_is_no_manifest_is_a_4xx_problem_naming_the_element(string url, string element, string pointer)
    {
        var response = await Post(url, Body(url, Encoding.UTF8.GetBytes("[" + Valid + element + "]")));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.JsonAsync())["errors"]!.AsArray();
        Assert.Contains(errors, e => ((string)e!["pointer"]!).StartsWith(pointer, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_element_nested_past_the_limit_is_a_413_not_a_crash(string url)
    {
        var deep = new string('[', 200) + new string(']', 200);
        var response = await Post(url, Body(url, Encoding.UTF8.GetBytes("[" + Valid + "{ \"schemaVersion\": \"1\", \"id\": \"a/b\", \"x\": " + deep + " }]")));
        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "", "nested more than 128 levels");
    }

    [Fact]
    public async Task A_body_past_its_first_256_KiB_piece_is_checked_with_pointers_and_lines_from_the_start_of_the_body()
    {
        // Twelve thousand manifests, one per line, carry the body well past the first piece the server reads it in.
        var portfolio = new StringBuilder("[\n");
        for (var i = 0; i < 12_000; i++)
        {
            portfolio.Append(CultureInvariant($"{{ \"schemaVersion\": \"1\", \"id\": \"acme/model-{i:D5}\" }},\n"));
        }
        portfolio.Append("{ \"schemaVersion\": \"1\", \"id\": \"a/b\", \"id\": \"a/c\" }]");
        var body = Body("/v1/sweep", Encoding.UTF8.GetBytes(portfolio.ToString()));
        Assert.True(body.Length > 2 * 256 * 1024);

        var response = await Post("/v1/sweep", body);

        // Line 1 is the envelope and "[", then one line per manifest; the second "id" starts at its 38th byte.
        await AssertProblem(response, HttpStatusCode.BadRequest, "/portfolio/12000/id", "line 12002, column 38: the key 'id' is given more than once");
    }

    [Fact]
    public async Task A_character_cut_by_the_edge_of_a_piece_is_still_read_as_text()
    {
        // Pad with whitespace so that the two bytes of "é" lie either side of the 256 KiB mark where the server cuts the body.
        const string Head = Sweep + "[{ \"schemaVersion\": \"1\", \"id\": \"acme/padded\", ";
        const string Name = "\"name\": \"caf";
        var padding = new string(' ', 256 * 1024 - 1 - Encoding.UTF8.GetByteCount(Head + Name));
        var body = Body("/v1/sweep", Encoding.UTF8.GetBytes("[{ \"schemaVersion\": \"1\", \"id\": \"acme/padded\", " + padding + Name + "\u00e9\" }]"));
        Assert.Equal(0xC3, body[256 * 1024 - 1]);

        var response = await Post("/v1/sweep", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)(await response.JsonAsync())["artifacts"]!);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
