using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>
/// The other answers an endpoint gives for <c>?format=</c>, beside its JSON: one <c>Produces</c> per status code is
/// all Minimal APIs keep (a second replaces the first), so the OpenAPI document learns the rest from this metadata.
/// </summary>
public sealed record AnswerFormats(string Description, params (string Format, string ContentType)[] Formats);

/// <summary>Adds each <see cref="AnswerFormats"/> content type to the 200 answer and lists the <c>format</c> parameter's values.</summary>
internal sealed class AnswerFormatsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AnswerFormats>().FirstOrDefault() is not { } formats)
        {
            return;
        }
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "format") is { } format)
        {
            format.Description = formats.Description;
            format.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [JsonValue.Create("json"), .. formats.Formats.Select(f => (JsonNode)JsonValue.Create(f.Format))],
            };
        }
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse answer && answer.Content is { } content)
        {
            foreach (var (_, contentType) in formats.Formats)
            {
                content[contentType] = new OpenApiMediaType
                {
                    Schema = contentType.StartsWith("image/png", StringComparison.Ordinal)
                        ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
                        : new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }
    }
}
