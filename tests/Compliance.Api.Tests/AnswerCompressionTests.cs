using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

/// <summary>
/// Answers travel compressed to a client that asks: each README example's default answer (no trace) under the bills
/// in force, about 10 to 45 KB of JSON, arrives in at most 15 KB, and reads back as the same answer.
/// </summary>
public sealed class AnswerCompressionTests
{
    private const int FifteenKilobytes = 15 * 1024;

    /// <summary>The README's examples that stand alone (the derivative's base is registered first, so it is not one).</summary>
    public static TheoryData<string> Examples() =>
    [
        "api-new-york.json", "api-deployment.json", "frontier-release.json", "frontier-release-cleared.json",
        "finetune-of-llama.json", "internal-weights.json", "unknown-cost.json",
    ];

    private static JsonObject Request(string example) => new()
    {
        ["manifest"] = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "examples", example))),
        ["asOf"] = "2026-12-02",
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_examples_default_answer_arrives_compressed_in_at_most_15_KB_and_reads_back_the_same(string example)
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var plain = await client.PostJsonAsync("/v1/evaluations", Request(example));
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluations")
        {
            Content = new StringContent(Request(example).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var compressed = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.Created, compressed.StatusCode);
        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        var wire = await compressed.Content.ReadAsByteArrayAsync();
        Assert.InRange(wire.Length, 1, FifteenKilobytes);
        await using var brotli = new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress);
        var unpacked = (await JsonNode.ParseAsync(brotli))!.AsObject();
        var expected = (await plain.JsonAsync()).AsObject();
        Assert.True(unpacked.ToJsonString().Length > wire.Length, "the answer is smaller compressed");
        // Two decisions: the same answer apart from the decision's id.
        unpacked.Remove("id");
        expected.Remove("id");
        Assert.Equal(expected.ToJsonString(), unpacked.ToJsonString());
    }

    [Fact]
    public async Task A_problem_is_compressed_too_and_a_client_that_does_not_ask_gets_plain_json()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/evaluations")
        {
            Content = new StringContent("""{ "manifest": { "schemaVersion": "1" } }""", System.Text.Encoding.UTF8, "application/json"),
        };
        message.Headers.AcceptEncoding.ParseAdd("gzip");

        var problem = await client.SendAsync(message);
        var plain = await client.PostJsonAsync("/v1/evaluations", Request("api-new-york.json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.StatusCode);
        Assert.Equal(["gzip"], problem.Content.Headers.ContentEncoding);
        await using var gzip = new GZipStream(await problem.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        Assert.Equal("/manifest/id", (string)(await JsonNode.ParseAsync(gzip))!["errors"]![0]!["pointer"]!);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
    }
}
