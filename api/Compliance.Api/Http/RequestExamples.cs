using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Compliance.Api.Http;

/// <summary>Puts a working example body on each POST, so "Try it out" in the Swagger UI answers at the first click.</summary>
internal sealed class RequestExamples : IOperationFilter
{
    private static readonly JsonNode Manifest = JsonNode.Parse("""
        {
          "schemaVersion": "1",
          "id": "acme/frontier-1",
          "developer": { "name": "Acme AI", "annualRevenueUsd": 2.0e9, "headquarters": "US-CA" },
          "training": { "status": "completed", "computeFlop": 2.0e26, "costUsd": 1.5e8, "startDate": "2026-03-01" },
          "release": { "weights": "open", "license": "Apache-2.0", "date": "2026-06-01", "jurisdictions": ["US", "EU"] },
          "deployments": [ { "id": "acme-chat", "channel": "api", "jurisdictions": ["US-CA", "EU"] } ]
        }
        """)!;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var example = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EndpointNameMetadata>().FirstOrDefault()?.EndpointName switch
        {
            "RegisterManifest" => Manifest.DeepClone(),
            "Evaluate" => new JsonObject { ["manifest"] = Manifest.DeepClone(), ["bills"] = new JsonArray("us-ca-sb1047"), ["asOf"] = "2026-07-01" },
            "Gate" => new JsonObject { ["manifest"] = Manifest.DeepClone(), ["activity"] = "release", ["bills"] = new JsonArray("us-ca-sb1047"), ["asOf"] = "2026-07-01" },
            _ => null,
        };
        if (example is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType typed)
        {
            typed.Example = example;
        }
    }
}
