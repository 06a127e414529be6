using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

internal static class ProblemAssert
{
    /// <summary>The response is a problem+json of <paramref name="status"/> naming <paramref name="pointer"/> with a detail that says why.</summary>
    public static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string pointer, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.JsonAsync();
        var errors = problem["errors"]!.AsArray();
        Assert.Contains(errors, e => (string)e!["pointer"]! == pointer && ((string)e["detail"]!).Contains(detailContains, StringComparison.OrdinalIgnoreCase));
        return problem;
    }
}
