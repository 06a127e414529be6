using System.Net;
using Dapper;

namespace Compliance.Api.Tests;

public sealed class ManifestsAndBillsApiTests
{
    [Fact]
    public async Task Registering_a_manifest_stores_it_and_registering_it_again_unchanged_is_a_200()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();

        var first = await client.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease());
        var again = await client.PostJsonAsync("/v1/manifests", Manifests.CoveredRelease());
        var fetched = await client.GetNodeAsync("/v1/manifests/acme/frontier-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("/v1/manifests/acme/frontier-1", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((string)(await first.JsonAsync())["digest"]!, (string)(await again.JsonAsync())["digest"]!);
        Assert.Equal(2e26, (double)fetched["training"]!["computeFlop"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/manifests/acme/unknown")).StatusCode);
    }

    [Fact]
    public async Task The_bill_list_shows_sb1047_as_vetoed_and_never_in_force()
    {
        await using var app = new ComplianceApp();
        var bills = (await app.CreateClient().GetNodeAsync("/v1/bills")).AsArray();
        var sb1047 = bills.Single(b => (string)b!["id"]! == "us-ca-sb1047")!;
        Assert.Equal("vetoed", (string)sb1047["status"]!);
        Assert.False((bool)sb1047["inForce"]!);
        Assert.Equal("2024-08-enrolled", (string)sb1047["version"]!);
        Assert.StartsWith("sha256:", (string)sb1047["digest"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bill_shows_each_parameter_with_its_citation_and_each_obligation_with_its_phases()
    {
        await using var app = new ComplianceApp();
        var bill = await app.CreateClient().GetNodeAsync("/v1/bills/us-ca-sb1047@2024-08-enrolled");
        var compute = bill["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "covered_compute_flop")!;
        Assert.Equal(1e26, (double)compute["value"]!);
        Assert.Equal("BPC § 22602(e)(1)(A)(i)", (string)compute["citation"]!);
        var audit = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/third-party-audit")!;
        Assert.Equal("2026-01-01", (string)audit["appliesFrom"]!);
        var assessment = bill["obligations"]!.AsArray().Single(o => (string)o!["id"]! == "us-ca-sb1047/critical-harm-assessment")!;
        Assert.Equal(["release", "deployment"], assessment["phases"]!.AsArray().Select(p => (string)p!));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/v1/bills/us-ca-sb1047@1999")).StatusCode);
    }

    [Fact]
    public async Task The_schemas_health_and_openapi_document_are_served()
    {
        await using var app = new ComplianceApp();
        var client = app.CreateClient();
        var schema = await client.GetNodeAsync("/v1/schemas/manifest");
        Assert.Equal("Artifact manifest", (string)schema["title"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/schemas/nothing")).StatusCode);
        Assert.Equal("ok", (string)(await client.GetNodeAsync("/health"))["status"]!);
        var openApi = await client.GetNodeAsync("/swagger/v1/swagger.json");
        Assert.NotNull(openApi["paths"]!["/v1/evaluations"]);
        Assert.NotNull(openApi["paths"]!["/v1/gate"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]);
    }
}

/// <summary>Every decision is in the audit log, and the log cannot be rewritten, on either store.</summary>
public abstract class AuditLogTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    [Fact]
    public async Task The_audit_log_records_decisions_and_refuses_to_be_rewritten()
    {
        await using var app = new ComplianceApp(NewDatabase());
        await app.CreateClient().PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));

        using var connection = new Compliance.Storage.Database(app.DatabasePath).Open();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'evaluation.decided'"));
        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("UPDATE audit_log SET action = 'forged'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log"));
    }
}

public sealed class AuditLogOnSqlite : AuditLogTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();

    [Fact]
    public async Task The_sqlite_file_is_in_write_ahead_log_mode()
    {
        await using var app = new ComplianceApp(NewDatabase());
        _ = app.CreateClient();
        using var connection = new Compliance.Storage.Database(app.DatabasePath).Open();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }
}

[Collection(PostgresServer.Collection)]
public sealed class AuditLogOnPostgres(PostgresServer server) : AuditLogTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}
