using Compliance.Api.Http;
using Compliance.Rules.Json;

namespace Compliance.Api.Schemas;

public static class SchemasApi
{
    public static RouteGroupBuilder MapSchemas(this RouteGroupBuilder v1)
    {
        v1.MapGet("/schemas", () => TypedResults.Ok(SchemaValidator.Names))
            .WithTags("Schemas").WithName("ListSchemas").WithSummary("The names of the published JSON Schemas");
        v1.MapGet("/schemas/{name}", (string name) =>
                SchemaValidator.Text(name.Replace(".schema.json", "", StringComparison.Ordinal)) is { } text
                    ? (IResult)new RawJson(text)
                    : Problems.NotFound("schema", name))
            .WithTags("Schemas").WithName("GetSchema").WithSummary("A JSON Schema: manifest, rulepack, evaluation, or the request bodies (evaluation-request, gate-request, compare-request, sweep-request, key-request)");
        return v1;
    }
}
