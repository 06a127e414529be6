using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>
/// Marks each operation that needs a key in the OpenAPI document, with the scope it needs in its description, so the
/// Swagger UI's Authorize button sends the key and a reader sees which key to ask for.
/// </summary>
internal sealed class ScopeRequirements : IOperationFilter
{
    public const string SchemeId = "bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var scopes = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        if (scopes.Count == 0)
        {
            return;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] }];
        operation.Description = $"Needs a key with the scope '{string.Join("', '", scopes)}'." + (operation.Description is { Length: > 0 } d ? " " + d : "");
    }
}
