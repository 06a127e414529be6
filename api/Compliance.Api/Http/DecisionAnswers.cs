using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>
/// Describes what POST /v1/evaluations and GET /v1/evaluations/{id} answer: the decision's JSON by the published
/// evaluation schema (GET /v1/schemas/evaluation; the handlers write stored bytes, so no type describes them), or the
/// memo as Markdown or HTML; and the <c>format</c> parameter's values.
/// </summary>
internal sealed class DecisionAnswers : IOperationFilter
{
    private const string SchemaUrl = "/v1/schemas/evaluation";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var status = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointNameMetadata>().FirstOrDefault()?.EndpointName switch
        {
            "Evaluate" => "201",
            "GetEvaluation" => "200",
            _ => null,
        };
        if (status is null)
        {
            return;
        }
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is { } format)
        {
            format.Description = "json (default): the decision; markdown or html: the memo a lawyer files. Wins over the Accept header (text/markdown, text/html).";
            format.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("json"), JsonValue.Create("markdown"), JsonValue.Create("html")] };
        }
        if (operation.Responses?.GetValueOrDefault(status) is OpenApiResponse answer)
        {
            var decision = new OpenApiSchemaReference("evaluation", context.Document, SchemaUrl)
            {
                Reference = new JsonSchemaReference { Type = ReferenceType.Schema, ExternalResource = SchemaUrl, Id = "", IsFragment = true },
            };
            answer.Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType { Schema = decision },
                ["text/markdown"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                ["text/html"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
    }
}
