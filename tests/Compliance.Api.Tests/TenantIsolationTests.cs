using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Compliance.Storage;
using Dapper;

namespace Compliance.Api.Tests;

/// <summary>What one tenant registers, uploads or decides never reaches another, and nobody rewrites what others registered.</summary>
public abstract class TenantIsolationTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    private static JsonObject FineTuneOf(string baseId) => Manifests.Parse($$"""
        {
          "schemaVersion": "1", "id": "beta/ft-1",
          "training": { "status": "completed" },
          "lineage": { "base": "{{baseId}}", "relation": "finetune", "computeFlop": 1e24, "costUsd": 1e6 },
          "release": { "weights": "open", "date": "2026-06-01" }
        }
        """);

    private static JsonObject Gate(JsonNode manifest) =>
        new() { ["manifest"] = manifest, ["activity"] = "release", ["bills"] = new JsonArray("us-ca-sb1047"), ["asOf"] = "2026-07-01" };

    [Fact]
    public async Task A_stored_decision_is_found_by_its_tenant_and_is_a_404_for_another()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var acme = app.ClientWith(app.CreateKey("acme", Scopes.Evaluate, Scopes.Read));
        var beta = app.ClientWith(app.CreateKey("beta", Scopes.Evaluate, Scopes.Read));

        var decided = await acme.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
        var id = (string)(await decided.JsonAsync())["id"]!;

        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync($"/v1/evaluations/{id}")).StatusCode);
        var other = await beta.GetAsync($"/v1/evaluations/{id}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_registered_manifest_is_invisible_to_another_tenant_and_cannot_be_its_base()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var acme = app.ClientWith(app.CreateKey("acme", Scopes.Register, Scopes.Read, Scopes.Evaluate));
        var beta = app.ClientWith(app.CreateKey("beta", Scopes.Register, Scopes.Read, Scopes.Evaluate));
        Assert.Equal(HttpStatusCode.Created, (await acme.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease())).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/v1/manifests/acme/frontier-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync("/v1/manifests/acme/frontier-1")).StatusCode);
        var gate = await beta.PostJsonAsync("/v1/gate", Gate(FineTuneOf("acme/frontier-1")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, gate.StatusCode);
        Assert.Contains("acme/frontier-1", (string)(await gate.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_changed_content_adds_a_version_and_another_tenant_cannot_rewrite_it()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var acme = app.ClientWith(app.CreateKey("acme", Scopes.Register, Scopes.Read, Scopes.Evaluate));
        var beta = app.ClientWith(app.CreateKey("beta", Scopes.Register, Scopes.Read, Scopes.Evaluate));
        var first = await (await acme.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease())).JsonAsync();

        // Another tenant registering the same id with a tiny compute makes its own artifact, not a new version of acme's.
        var rewrite = Manifests.CoveredRelease();
        rewrite["training"]!["computeFlop"] = 1e20;
        Assert.Equal(HttpStatusCode.Created, (await beta.PostJsonAsync("/v1/manifests", rewrite)).StatusCode);
        var acmeGate = await (await acme.PostJsonAsync("/v1/gate", new JsonObject { ["manifestId"] = "acme/frontier-1", ["activity"] = "release", ["bills"] = new JsonArray("us-ca-sb1047"), ["asOf"] = "2026-07-01" })).JsonAsync();
        Assert.False((bool)acmeGate["allowed"]!);
        Assert.Equal((string)first["digest"]!, (string)acmeGate["manifestDigest"]!);

        // Its owner changing it writes a second version; the first stays readable by its reference.
        var second = await (await acme.PostJsonAsync("/v1/manifests", rewrite)).JsonAsync();
        Assert.NotEqual((string)first["digest"]!, (string)second["digest"]!);
        var versions = await (await acme.GetAsync("/v1/manifests/acme/frontier-1?versions=true")).JsonAsync();
        Assert.Equal([(string)first["digest"]!, (string)second["digest"]!], versions.AsArray().Select(v => (string)v!["digest"]!));
        var old = await (await acme.GetAsync("/v1/manifests/" + (string)first["version"]!)).JsonAsync();
        Assert.Equal(2e26, (double)old["training"]!["computeFlop"]!);
        var maybe = await acme.GetAsync("/v1/manifests/acme/frontier-1?versions=maybe");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, maybe.StatusCode);
        Assert.Equal("?versions", (string)(await maybe.JsonAsync())["errors"]![0]!["pointer"]!);
    }

    [Fact]
    public async Task An_uploaded_bill_is_its_tenants_alone_and_never_applied_to_requests_that_name_no_bills()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var acme = app.ClientWith(app.CreateKey("acme", Scopes.Analyst, Scopes.Evaluate));
        var beta = app.ClientWith(app.CreateKey("beta", Scopes.Analyst, Scopes.Evaluate));
        var upload = await acme.PostAsync("/v1/bills", new StringContent("""
            id: acme-draft
            version: "1"
            default: true
            extends: us-ca-sb1047@2024-08-enrolled
            title: Acme's draft
            jurisdiction: US-CA
            status: hypothetical
            source: https://example.test/draft
            effective: {}
            """, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync("/v1/bills/acme-draft")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await beta.GetAsync("/v1/bills/acme-draft")).StatusCode);
        Assert.DoesNotContain("acme-draft", await beta.GetStringAsync("/v1/bills"), StringComparison.Ordinal);
        var named = await beta.PostJsonAsync("/v1/evaluations", new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["bills"] = new JsonArray("acme-draft") });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, named.StatusCode);
        var unnamed = await (await acme.PostJsonAsync("/v1/evaluations", new JsonObject { ["manifest"] = Manifests.CoveredRelease(), ["trace"] = false })).JsonAsync();
        Assert.DoesNotContain(unnamed["bills"]!.AsArray(), b => (string)b!["bill"]! == "acme-draft");
    }

    [Fact]
    public async Task A_second_default_version_of_a_bill_is_refused_before_anything_is_stored()
    {
        var path = NewDatabase();
        await using (var app = new ComplianceApp(path))
        {
            var client = app.CreateClient();
            var second = await client.PostAsync("/v1/bills", new StringContent("""
                id: us-ca-sb1047
                version: my-reading
                default: true
                extends: us-ca-sb1047@2024-08-enrolled
                title: SB 1047, my reading
                jurisdiction: US-CA
                status: hypothetical
                source: https://example.test/reading
                effective: {}
                """, Encoding.UTF8, "application/yaml"));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
            Assert.Equal("/default", (string)(await second.JsonAsync())["errors"]![0]!["pointer"]!);
            Assert.Equal("2024-08-enrolled", (string)(await client.GetNodeAsync("/v1/bills/us-ca-sb1047"))["version"]!);
        }

        await using var restarted = new ComplianceApp(path);
        Assert.Equal(HttpStatusCode.OK, (await restarted.CreateClient().GetAsync("/v1/bills")).StatusCode);
    }

    [Fact]
    public async Task A_stored_bill_that_no_longer_fits_is_skipped_at_start_instead_of_stopping_the_service()
    {
        var path = NewDatabase();
        await using (var app = new ComplianceApp(path))
        {
            _ = app.CreateClient();
        }
        // As an older version could have written it: a second default of a bundled bill, and a document that is not a pack.
        using (var connection = new Database(path).Open())
        {
            connection.Execute("""
                INSERT INTO bills (tenant, id, version, digest, document, created_at) VALUES
                ('anonymous', 'us-ca-sb1047', 'stale', 'sha256:x', '{"id":"us-ca-sb1047","version":"stale","default":true,"extends":"us-ca-sb1047@2024-08-enrolled","title":"t","jurisdiction":"US-CA","status":"hypothetical","source":"https://example.test","effective":{}}', '2026-01-01'),
                ('anonymous', 'junk', '1', 'sha256:y', '{"id":"junk"}', '2026-01-01')
                """);
        }

        await using var restarted = new ComplianceApp(path);
        var client = restarted.CreateClient();
        Assert.Equal("2024-08-enrolled", (string)(await client.GetNodeAsync("/v1/bills/us-ca-sb1047"))["version"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/bills/junk")).StatusCode);
        // Sent again as it is stored, the skipped draft is refused for the reason it was skipped.
        var again = await client.PostJsonAsync("/v1/bills", """{"id":"us-ca-sb1047","version":"stale","default":true,"extends":"us-ca-sb1047@2024-08-enrolled","title":"t","jurisdiction":"US-CA","status":"hypothetical","source":"https://example.test","effective":{}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("/version", (string)(await again.JsonAsync())["errors"]![0]!["pointer"]!);
    }
}

public sealed class TenantIsolationOnSqlite : TenantIsolationTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();
}

[Collection(PostgresServer.Collection)]
public sealed class TenantIsolationOnPostgres(PostgresServer server) : TenantIsolationTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}
