using System.Net;
using System.Text.Json.Nodes;

namespace Compliance.Api.Tests;

/// <summary>Query filters on an evaluation's answer: they shape what is returned, never what is stored.</summary>
public sealed class EvaluationFilterTests
{
    // Served through an API in California and the EU: duties of providers, deployers and developers under several bills.
    private static JsonObject ChatDeployment(string bills = "all", string asOf = "2026-12-02")
    {
        var request = new JsonObject
        {
            ["manifest"] = Manifests.Parse("""
                { "schemaVersion": "1", "id": "acme/frontier-chat", "developer": { "name": "Acme AI" },
                  "training": { "computeFlop": 3.0e26, "costUsd": 4.0e8 },
                  "release": { "weights": "none" },
                  "deployments": [ { "id": "acme-chat", "channel": "api", "date": "2026-05-01", "jurisdictions": ["US-CA", "EU"],
                    "interactsWithNaturalPersons": true, "generatesSyntheticContent": ["text"] } ] }
                """),
            ["asOf"] = asOf,
        };
        if (bills == "all")
        {
            request["bills"] = "all";
        }
        return request;
    }

    private static IEnumerable<JsonNode> Obligations(JsonNode body) =>
        body["bills"]!.AsArray().SelectMany(b => b!["obligations"]!.AsArray()).Select(o => o!);

    [Fact]
    public async Task A_role_filter_answers_with_that_roles_duties_while_the_stored_decision_stays_whole()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/evaluations?role=deployer", ChatDeployment());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var filtered = await response.JsonAsync();
        Assert.Equal(["deployer"], filtered["filter"]!["role"]!.AsArray().Select(r => (string)r!));
        Assert.Contains(Obligations(filtered), o => (string)o["id"]! == "eu-ai-act/ai-literacy");
        Assert.All(Obligations(filtered), o => Assert.Equal("deployer", (string)o["role"]!));
        var eu = filtered["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "eu-ai-act")!;
        Assert.NotEmpty(eu["upcoming"]!.AsArray());
        Assert.All(eu["upcoming"]!.AsArray(), u => Assert.Equal("deployer", (string)u!["role"]!));
        // Penalties are those of the duties still listed; a bill left with none says why.
        foreach (var bill in filtered["bills"]!.AsArray())
        {
            var named = bill!["obligations"]!.AsArray().Select(o => (string?)o!["penalty"]).OfType<string>().ToHashSet();
            Assert.Equal(named.Order(), (bill["penalties"]?.AsObject().Select(p => p.Key) ?? []).Order());
        }
        var sb53 = filtered["bills"]!.AsArray().Single(b => (string)b!["bill"]! == "us-ca-sb53")!;
        Assert.Empty(sb53["obligations"]!.AsArray());
        Assert.Contains("matches the filter (role deployer)", (string)sb53["because"]!, StringComparison.Ordinal);

        var stored = await client.GetNodeAsync(response.Headers.Location!.ToString());
        Assert.Null(stored["filter"]);
        Assert.Contains(Obligations(stored), o => (string)o["role"]! == "provider");
        Assert.Contains(Obligations(stored), o => (string)o["id"]! == "us-ca-sb53/transparency-report");
    }

    [Fact]
    public async Task A_stored_decision_is_filtered_on_reading_and_a_repeated_value_keeps_either()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var location = (await client.PostJsonAsync("/v1/evaluations", ChatDeployment())).Headers.Location!.ToString();

        var both = await client.GetNodeAsync(location + "?role=provider&role=developer");
        var providers = await client.GetNodeAsync(location + "?role=provider");

        var roles = Obligations(both).Select(o => (string)o["role"]!).Distinct().Order().ToList();
        Assert.Equal(["developer", "provider"], roles);
        Assert.Equal(["provider"], Obligations(providers).Select(o => (string)o["role"]!).Distinct());
        Assert.Equal(Obligations(both).Count(o => (string)o["role"]! == "provider"), Obligations(providers).Count());
    }

    [Fact]
    public async Task Phase_and_status_filters_keep_the_duties_attaching_to_a_phase_with_a_status()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var body = await (await client.PostJsonAsync("/v1/evaluations?phase=incident&status=outstanding&status=satisfied", ChatDeployment())).JsonAsync();

        Assert.Contains(Obligations(body), o => (string)o["id"]! == "us-ca-sb53/critical-safety-incident-report");
        Assert.All(Obligations(body), o =>
        {
            Assert.Contains("incident", o["phases"]!.AsArray().Select(p => (string)p!));
            Assert.Contains((string)o["status"]!, new[] { "outstanding", "satisfied" });
        });
        Assert.DoesNotContain(Obligations(body), o => (string)o["id"]! == "eu-ai-act/gpai-serious-incident-report"); // undetermined
    }

    [Fact]
    public async Task A_jurisdiction_keeps_the_bills_of_that_place_of_the_places_within_it_and_of_those_containing_it()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var location = (await client.PostJsonAsync("/v1/evaluations", ChatDeployment())).Headers.Location!.ToString();

        static List<string> Bills(JsonNode body) => body["bills"]!.AsArray().Select(b => (string)b!["bill"]!).ToList();
        var eu = Bills(await client.GetNodeAsync(location + "?jurisdiction=EU"));
        var us = Bills(await client.GetNodeAsync(location + "?jurisdiction=US"));
        var california = Bills(await client.GetNodeAsync(location + "?jurisdiction=us-ca"));

        Assert.Equal(["eu-ai-act"], eu);
        Assert.Contains("us-eo-14110", us);
        Assert.Contains("us-ca-sb53", us);
        Assert.Contains("us-ny-raise", us);
        Assert.DoesNotContain("eu-ai-act", us);
        Assert.Contains("us-ca-sb53", california);
        Assert.Contains("us-eo-14110", california); // federal law reaches California
        Assert.DoesNotContain("us-ny-raise", california);
        Assert.DoesNotContain("eu-ai-act", california);
    }

    [Fact]
    public async Task A_jurisdiction_filter_also_narrows_the_bills_still_to_come()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var all = await (await client.PostJsonAsync("/v1/evaluations", ChatDeployment(bills: "in-force", asOf: "2026-07-01"))).JsonAsync();
        var california = await (await client.PostJsonAsync("/v1/evaluations?jurisdiction=US-CA", ChatDeployment(bills: "in-force", asOf: "2026-07-01"))).JsonAsync();

        Assert.Contains(all["upcoming"]!.AsArray(), u => (string)u!["bill"]! == "us-ny-raise");
        Assert.DoesNotContain(california["upcoming"]!.AsArray(), u => (string)u!["bill"]! == "us-ny-raise");
        Assert.Equal("in-force", (string)california["selection"]!);
    }

    [Fact]
    public async Task Bad_filter_values_are_a_422_naming_each_query_parameter_and_the_values_allowed()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/evaluations?role=lawyer&phase=launch&status=late&jurisdiction=California", ChatDeployment());

        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?role", "'lawyer' is not one of developer, provider, deployer");
        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?phase", "training, release, deployment, incident, periodic");
        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?status", "outstanding, satisfied, undetermined");
        await ProblemAssert.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "?jurisdiction", "not a jurisdiction code");

        var location = (await client.PostJsonAsync("/v1/evaluations", ChatDeployment())).Headers.Location!.ToString();
        await ProblemAssert.AssertProblem(await client.GetAsync(location + "?role=developer&role=owner"), HttpStatusCode.UnprocessableEntity, "?role", "'owner'");
    }
}
