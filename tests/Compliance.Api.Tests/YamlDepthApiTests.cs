using System.Net;
using System.Text;
using static Compliance.Api.Tests.ProblemAssert;

namespace Compliance.Api.Tests;

/// <summary>A YAML bill nested 50,000 levels deep took the server down with a stack overflow; it is now a 413 like any too-deep body.</summary>
public sealed class YamlDepthApiTests
{
    [Fact]
    public async Task A_yaml_bill_fifty_thousand_brackets_deep_is_a_413_and_the_server_still_answers()
    {
        await using var app = new ComplianceApp();
        var client = app.ClientWith(app.CreateKey("acme", Compliance.Storage.Scopes.Analyst));
        var content = new StringContent("a: " + new string('[', 50_000) + new string(']', 50_000), Encoding.UTF8);
        content.Headers.ContentType = new("application/yaml");

        var response = await client.PostAsync("/v1/bills", content);

        var problem = await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "", "line 1: nested more than 128 levels");
        Assert.Equal("The YAML is too deep", (string)problem["title"]!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/corpus")).StatusCode);
    }
}
