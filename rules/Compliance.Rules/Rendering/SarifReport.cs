using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;

namespace Compliance.Rules.Rendering;

/// <summary>
/// SARIF 2.1.0 for code-scanning views: one rule per obligation, one result per duty that is outstanding or
/// undetermined, located at the manifest field that decided it. Blocking duties that hold the act back are errors; the
/// rest warnings. A manifest that could not be evaluated is a run that did not succeed, with the reason as a tool
/// execution notification, so an upload step that runs whatever the gate said still has a report to upload.
/// </summary>
public static class SarifReport
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(EvaluationResult result, GatedFile file, string toolVersion)
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
        var results = open.Select(x =>
        {
            var at = file.Locator.Locate(x.Bill, x.Obligation);
            var properties = new JsonObject { ["status"] = x.Obligation.Status.ToString().ToLowerInvariant(), ["bill"] = $"{x.Bill.Bill}@{x.Bill.Version}" };
            if (at.Field is { } field)
            {
                properties["field"] = field;
            }
            return new JsonObject
            {
                ["ruleId"] = x.Obligation.Id,
                ["level"] = failing.Contains(x.Obligation.Id) ? "error" : "warning",
                ["message"] = new JsonObject { ["text"] = new GateFinding(x.Bill, x.Obligation, failing.Contains(x.Obligation.Id)).Message },
                ["locations"] = new JsonArray(Location(file.Uri, at.Position)),
                ["properties"] = properties,
            };
        });
        var invocation = new JsonObject { ["executionSuccessful"] = true };
        if (result.Gate is { } decided)
        {
            invocation["exitCode"] = decided.Allowed ? 0 : 1;
            invocation["exitCodeDescription"] = decided.Reason;
        }
        return Log(file.Uri, toolVersion, [.. rules], invocation, [.. results]);
    }

    /// <summary>
    /// The report of a gate that could not evaluate its manifest: no result, and the reason as a notification, at its
    /// place in the manifest when it is about the manifest (<paramref name="at"/> null: an option, not the file).
    /// </summary>
    public static string RenderError(string manifestPath, SourcePosition? at, string message, string toolVersion)
    {
        var uri = GatedFile.UriOf(manifestPath);
        var notification = new JsonObject { ["level"] = "error", ["message"] = new JsonObject { ["text"] = message } };
        if (at is { } position)
        {
            notification["locations"] = new JsonArray(Location(uri, position));
        }
        var invocation = new JsonObject
        {
            ["executionSuccessful"] = false,
            ["exitCode"] = 2,
            ["exitCodeDescription"] = "could not evaluate",
            ["toolExecutionNotifications"] = new JsonArray(notification),
        };
        return Log(uri, toolVersion, [], invocation, []);
    }

    private static JsonObject Location(string uri, SourcePosition at) => new()
    {
        ["physicalLocation"] = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = uri },
            ["region"] = new JsonObject { ["startLine"] = at.Line, ["startColumn"] = at.Column },
        },
    };

    private static string Log(string uri, string toolVersion, JsonNode[] rules, JsonObject invocation, JsonNode[] results)
    {
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
                        ["version"] = toolVersion,
                        ["semanticVersion"] = toolVersion,
                        ["rules"] = new JsonArray(rules),
                    },
                },
                // One category per manifest: code scanning refuses two runs of one tool and category in an upload, and
                // keeps each manifest's findings apart from the others' when several are gated.
                ["automationDetails"] = new JsonObject { ["id"] = $"compliance-gate/{uri}/" },
                ["invocations"] = new JsonArray(invocation),
                ["results"] = new JsonArray(results),
            }),
        };
        return sarif.ToJsonString(Options);
    }
}
