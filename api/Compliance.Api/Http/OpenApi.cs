using System.Text.Json.Nodes;
using Compliance.Api.Analysis;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>The OpenAPI document served at /swagger: title, description, and request examples a newcomer can send as they are.</summary>
public static class OpenApi
{
    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "Compliance",
            Version = "v1",
            Description = "What the builders of AI models owe under AI bills when they train, release or deploy a model. "
                + "POST a manifest to /v1/evaluations for the obligations with citations and reasons, or to /v1/gate for a yes or no.",
        });
        options.AddSecurityDefinition(ScopeRequirements.SchemeId, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (cpk_…): compliance keys create --tenant NAME --scope SCOPE --db DB, or POST /v1/keys with an admin key. X-Api-Key: KEY works too.",
        });
        options.OperationFilter<RequestExamples>();
        options.OperationFilter<ScopeRequirements>();
        options.OperationFilter<RulePackBody>();
        options.OperationFilter<DecisionAnswers>();
        options.OperationFilter<AnswerFormatsFilter>();
        // Fields written in more than one way are described from the published request schemas.
        options.MapType<JsonNode>(() => new OpenApiSchema());
        options.MapType<BillChoice>(() => PublishedShapes.Definition("compare-request", "#/definitions/bill"));
        options.SchemaFilter<PublishedShapes>();
    }
}
