using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

/// <summary>
/// The OpenAPI document is committed (schemas/openapi.json) so that every change to the API shows in a diff.
/// After an intended change, regenerate it: UPDATE_OPENAPI=1 dotnet test --filter OpenApi
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_committed_openapi_document_matches_the_service()
    {
        await using var app = new ComplianceApp();
        var live = JsonNode.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var path = Path.Combine(RepositoryRoot.Path, "schemas", "openapi.json");
        var text = live.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, text);
        }

        Assert.True(File.Exists(path), "schemas/openapi.json is missing: run UPDATE_OPENAPI=1 dotnet test --filter OpenApi");
        Assert.True(text == await File.ReadAllTextAsync(path), "the API changed: review it, then run UPDATE_OPENAPI=1 dotnet test --filter OpenApi and commit schemas/openapi.json");
    }

}
