using System.Text.Json.Nodes;

namespace Compliance.Tests.Shared;

/// <summary>
/// A covered base model (2e26 operations, $200M) under a chain of fine-tunes, each inline in the next, each released
/// openly and served in the EU, California and New York: the deep lineage that traces must explain in linear size.
/// </summary>
internal static class FineTuneChain
{
    public static JsonObject Manifest(int levels)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = "1",
            ["id"] = "chain/base",
            ["developer"] = new JsonObject { ["name"] = "Chain AI" },
            ["training"] = new JsonObject { ["status"] = "completed", ["computeFlop"] = 2e26, ["costUsd"] = 2e8 },
        };
        for (var level = 1; level <= levels; level++)
        {
            manifest = new JsonObject
            {
                ["schemaVersion"] = "1",
                ["id"] = $"chain/ft{level}",
                ["developer"] = new JsonObject { ["name"] = "Chain AI" },
                ["training"] = new JsonObject { ["status"] = "completed" },
                ["lineage"] = new JsonObject { ["base"] = manifest, ["relation"] = "finetune", ["computeFlop"] = 1e24, ["costUsd"] = 1e6 },
                ["release"] = new JsonObject { ["weights"] = "open" },
                ["deployments"] = new JsonArray(new JsonObject { ["id"] = $"chat-{level}", ["channel"] = "api", ["jurisdictions"] = new JsonArray("EU", "US-CA", "US-NY") }),
            };
        }
        return manifest;
    }
}
