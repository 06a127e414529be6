using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

/// <summary>
/// SARIF 2.1.0 for code-scanning views: one rule per obligation, one result per duty that is outstanding or
/// undetermined, located at the manifest. Blocking duties that hold the act back are errors; the rest warnings.
/// </summary>
public static class SarifReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(EvaluationResult result, string manifestPath)
    {
        var failing = result.Gate is { } gate ? gate.Blocking.Concat(gate.AllowUndetermined ? [] : gate.Undetermined).ToHashSet(StringComparer.Ordinal) : [];
        var open = result.Bills
            .SelectMany(b => b.Obligations.Where(o => o.Status != ObligationStatus.Satisfied).Select(o => (Bill: b, Obligation: o)))
            .ToList();
        var rules = open.DistinctBy(x => x.Obligation.Id).Select(x => new JsonObject
        {
            ["id"] = x.Obligation.Id,
            ["name"] = x.Obligation.Id.Replace('/', '.'),
            ["shortDescription"] = new JsonObject { ["text"] = x.Obligation.Title },
            ["fullDescription"] = new JsonObject { ["text"] = $"{x.Obligation.Title}. {x.Obligation.Citation}. {x.Obligation.Due}" },
            ["helpUri"] = x.Bill.Source,
            ["help"] = new JsonObject { ["text"] = $"{x.Bill.Title}, {x.Obligation.Citation}" },
            ["properties"] = new JsonObject
            {
                ["citation"] = x.Obligation.Citation,
                ["phase"] = x.Obligation.Phase,
                ["holder"] = x.Obligation.Holder,
                ["blocking"] = x.Obligation.Blocking,
            },
        });
        var results = open.Select(x => new JsonObject
        {
            ["ruleId"] = x.Obligation.Id,
            ["level"] = failing.Contains(x.Obligation.Id) ? "error" : "warning",
            ["message"] = new JsonObject { ["text"] = new GateFinding(x.Bill, x.Obligation, failing.Contains(x.Obligation.Id)).Message },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = manifestPath.Replace('\\', '/') } },
            }),
            ["properties"] = new JsonObject { ["status"] = x.Obligation.Status.ToString().ToLowerInvariant(), ["bill"] = $"{x.Bill.Bill}@{x.Bill.Version}" },
        });
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "compliance",
                        ["semanticVersion"] = "0.1.0",
                        ["rules"] = new JsonArray([.. rules]),
                    },
                },
                ["results"] = new JsonArray([.. results]),
            }),
        };
        return sarif.ToJsonString(Options);
    }
}
