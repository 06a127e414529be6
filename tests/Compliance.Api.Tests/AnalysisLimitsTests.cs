using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Compliance.Api.Analysis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests;

/// <summary>Bounded work: the evaluation budget, timeouts and disconnects that stop a sweep, and bad numbers and ranges.</summary>
public sealed class AnalysisLimitsTests
{
    private static JsonObject Sweep(JsonNode values, JsonNode portfolio) => new()
    {
        ["bill"] = "us-ca-sb1047", ["parameter"] = "covered_compute_flop", ["values"] = values, ["portfolio"] = portfolio, ["asOf"] = "2026-07-01",
    };

    // The registered manifest named again and again: a small body that asks for a great deal of work.
    private static async Task<JsonArray> RegisteredPortfolio(HttpClient client, int count)
    {
        var registered = await client.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease());
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return [.. Enumerable.Repeat("acme/frontier-1", count).Select(id => (JsonNode)id)];
    }

    private static JsonObject Range(int steps) => new() { ["from"] = 1e23, ["to"] = 1e27, ["steps"] = steps, ["scale"] = "log" };

    [Fact]
    public async Task A_sweep_over_more_artifacts_times_values_than_the_budget_is_a_413_naming_the_product_and_the_setting()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/sweep", Sweep(Range(200), await RegisteredPortfolio(client, 10_001)));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "/values",
            "10,001 artifacts x 200 values = 2,000,200 evaluations; the limit is 2,000,000 per request (COMPLIANCE_SWEEP_MAX_EVALUATIONS)");
    }

    [Fact]
    public async Task A_comparison_over_the_configured_budget_is_a_413_at_the_portfolio()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting(AnalysisBudget.CompareKey, "10"));
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/v1/compare", new JsonObject
        {
            ["bills"] = new JsonArray("us-ca-sb1047", "proposal-deployment-only"), ["portfolio"] = await RegisteredPortfolio(client, 6),
        });

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "/portfolio",
            "6 artifacts x 2 bills = 12 evaluations; the limit is 10 per request (COMPLIANCE_COMPARE_MAX_EVALUATIONS)");
    }

    [Fact]
    public async Task A_sweep_past_its_timeout_answers_504_naming_the_limit_and_evaluates_no_further_value()
    {
        await using var factory = new ComplianceApp();
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("COMPLIANCE_ANALYSIS_TIMEOUT_SECONDS", "0.3"));
        using var sweptValues = new SweptValues(app.Services);
        var client = app.CreateClient();
        var request = Sweep(Range(200), await RegisteredPortfolio(client, 10_000));

        var response = await client.PostJsonAsync("/v1/sweep", request);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal("The request took too long", (string)body["title"]!);
        Assert.Equal("the limit is 0.3 s for this endpoint (COMPLIANCE_ANALYSIS_TIMEOUT_SECONDS); the work was stopped", (string)body["detail"]!);
        await sweptValues.AssertStoppedShortOf(200);
    }

    [Fact]
    public async Task A_sweep_whose_client_disconnects_evaluates_no_further_value()
    {
        await using var app = new ComplianceApp();
        using var sweptValues = new SweptValues(app.Services);
        var client = app.CreateClient();
        var request = Sweep(Range(200), await RegisteredPortfolio(client, 10_000));
        using var leave = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.PostAsync("/v1/sweep", new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), leave.Token));

        await sweptValues.AssertStoppedShortOf(200);
    }

    [Theory]
    [InlineData("""{ "from": 1e23, "to": 1e27, "steps": 5, "scale": 10 }""", "/values/scale", "must be \"linear\" or \"log\"")]
    [InlineData("""{ "from": 1e23, "to": 1e27, "steps": 5.5 }""", "/values/steps", "must be a whole number, not 5.5")]
    [InlineData("""{ "from": 1e23, "to": 1e27, "steps": 1 }""", "/values/steps", "steps must be between 2 and 200 (limit)")]
    [InlineData("""{ "from": -1e23, "to": 1e27, "steps": 5, "scale": "log" }""", "/values/from", "a log scale needs positive bounds")]
    [InlineData("""{ "from": 1e23, "to": 1e400, "steps": 5 }""", "/values/to", "1e400 is beyond the range of a double (about ±1.8e308)")]
    [InlineData("""[1e25, -1e400]""", "/values/1", "-1e400 is beyond the range of a double (about ±1.8e308)")]
    [InlineData("""{ "from": 1e23, "to": 1e27, "steps": 5, "step": 2 }""", "/values/step", "'step' is not a range field; expected from, to, steps, scale")]
    public async Task A_bad_sweep_range_is_a_422_at_its_pointer(string values, string pointer, string detail)
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/sweep", Sweep(JsonNode.Parse(values)!, "corpus"));

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, pointer, detail);
    }

    [Fact]
    public async Task A_linear_sweep_over_the_whole_double_range_answers_finite_values()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/sweep",
            Sweep(new JsonObject { ["from"] = -1.7e308, ["to"] = 1.7e308, ["steps"] = 3 }, "corpus"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([-1.7e308, 0, 1.7e308], (await response.JsonAsync())["points"]!.AsArray().Select(p => (double)p!["value"]!));
    }

    [Fact]
    public async Task A_comparison_override_beyond_a_double_is_a_422_at_the_override()
    {
        await using var app = new ComplianceApp();

        var response = await app.CreateClient().PostJsonAsync("/v1/compare",
            """{ "bills": ["us-ca-sb1047", { "bill": "us-ca-sb1047", "overrides": { "covered_compute_flop": 1e400 } }], "portfolio": "corpus" }""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/bills/1/overrides/covered_compute_flop", (string)(await response.JsonAsync())["errors"]![0]!["pointer"]!);
    }

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string pointer, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var error = (await response.JsonAsync())["errors"]![0]!;
        Assert.Equal(pointer, (string)error["pointer"]!);
        // Numbers are refused where the body is read, after the line and column they are at.
        Assert.EndsWith(detail, (string)error["detail"]!, StringComparison.Ordinal);
    }

    /// <summary>Counts the values this app's sweeps finish, from its own meter (tests run side by side).</summary>
    private sealed class SweptValues : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public SweptValues(IServiceProvider services)
        {
            var scope = services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Name == "compliance.analysis.sweep_values")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        /// <summary>Once the answer is in, the count stands still: nothing keeps sweeping for a caller who is gone.</summary>
        public async Task AssertStoppedShortOf(int values)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            var settled = Interlocked.Read(ref _count);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.Equal(settled, Interlocked.Read(ref _count));
            Assert.True(settled < values, $"{settled} of {values} values were swept");
        }

        public void Dispose() => _listener.Dispose();
    }
}
