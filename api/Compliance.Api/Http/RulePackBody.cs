using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>
/// Describes the body of POST /v1/bills, a bill pack in JSON or YAML, by the pack's own published schema
/// (GET /v1/schemas/rulepack): the handler reads the document as it is, and the schema is the pack's one definition.
/// </summary>
internal sealed class RulePackBody : IOperationFilter
{
    public const string Endpoint = "UploadBill";

    /// <summary>Where the schema is served, relative to the document's host.</summary>
    private const string SchemaUrl = "/v1/schemas/rulepack";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointNameMetadata>().FirstOrDefault()?.EndpointName != Endpoint)
        {
            return;
        }
        OpenApiMediaType Pack()
        {
            // The whole document at that address ("#" with nothing after it), not a component inside it.
            var schema = new OpenApiSchemaReference("rulepack", context.Document, SchemaUrl)
            {
                Reference = new JsonSchemaReference { Type = ReferenceType.Schema, ExternalResource = SchemaUrl, Id = "", IsFragment = true },
            };
            return new OpenApiMediaType { Schema = schema };
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "A bill pack (rulepack.schema.json), as JSON or as YAML (Content-Type: application/yaml).",
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = Pack(), ["application/yaml"] = Pack() },
        };
    }
}
