using System.Net;
using System.Text.Json.Nodes;
using Compliance.Storage;

namespace Compliance.Api.Tests;

/// <summary>Keys with scopes, created and revoked while the service runs; open to keyless callers only while there are none.</summary>
public abstract class KeysTests
{
    /// <summary>A new, empty database of the store under test: a SQLite file, or a database on the test PostgreSQL server.</summary>
    protected abstract string NewDatabase();

    [Fact]
    public async Task Without_keys_a_local_caller_is_anonymous_and_the_first_key_closes_that_door()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode);

        app.CreateKey("acme", Scopes.Evaluate);

        var refused = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        // The law itself stays public.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/bills")).StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_lists_and_revokes_keys_and_a_revoked_key_stops_working()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var admin = app.ClientWith(app.CreateKey("ops", Scopes.Admin));

        var created = await admin.PostJsonAsync("/v1/keys", """{ "tenant": "acme", "scopes": ["evaluate", "read"] }""");
        var body = await created.JsonAsync();
        var key = (string)body["key"]!;
        var id = (string)body["id"]!;
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("cpk_", key, StringComparison.Ordinal);
        var acme = app.ClientWith(key);
        Assert.Equal(HttpStatusCode.Created, (await acme.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode);

        var listed = await admin.GetStringAsync("/v1/keys");
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyStore.Hash(key), listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await acme.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/v1/keys/{id}")).StatusCode);
        // Only the admin scope manages keys.
        var evaluator = app.ClientWith(app.CreateKey("acme", Scopes.Evaluate));
        Assert.Equal(HttpStatusCode.Forbidden, (await evaluator.GetAsync("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task A_key_is_accepted_in_the_x_api_key_header_too()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var key = app.CreateKey("acme", Scopes.Evaluate);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()))).StatusCode);
    }

    [Fact]
    public async Task A_key_request_with_a_bad_tenant_or_scope_is_a_422_naming_each_field()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var admin = app.ClientWith(app.CreateKey("ops", Scopes.Admin));

        var response = await admin.PostJsonAsync("/v1/keys", new JsonObject { ["tenant"] = "Not A Tenant", ["scopes"] = new JsonArray("evaluate", "root") });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["/tenant", "/scopes/1"], (await response.JsonAsync())["errors"]!.AsArray().Select(e => (string)e!["pointer"]!));
    }

    [Fact]
    public async Task Without_keys_a_local_caller_may_do_everything_but_create_keys()
    {
        await using var app = new ComplianceApp(NewDatabase());

        var response = await app.CreateClient().PostJsonAsync("/v1/keys", """{ "tenant": "me", "scopes": ["admin"] }""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'admin'", (string)(await response.JsonAsync())["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_keys_a_request_a_proxy_forwarded_is_not_local()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        var response = await client.PostJsonAsync("/v1/evaluations", Manifests.Evaluate(Manifests.CoveredRelease()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_key_request_naming_the_tenant_twice_is_a_400_naming_it()
    {
        await using var app = new ComplianceApp(NewDatabase());
        var admin = app.ClientWith(app.CreateKey("ops", Scopes.Admin));

        var response = await admin.PostJsonAsync("/v1/keys", """{ "tenant": "acme", "scopes": ["read"], "tenant": "beta" }""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/tenant", (string)(await response.JsonAsync())["errors"]![0]!["pointer"]!);
        Assert.DoesNotContain(new KeyStore(new Database(app.DatabasePath), TimeProvider.System).List(), k => k.Tenant is "acme" or "beta");
    }
}

public sealed class KeysOnSqlite : KeysTests
{
    protected override string NewDatabase() => ComplianceApp.NewSqliteFile();

    [Fact]
    public void Keys_are_stored_only_as_their_hash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"compliance-keys-{Guid.NewGuid():N}.db");
        var database = new Database(path);
        database.Migrate();
        var created = new KeyStore(database, TimeProvider.System).Create("acme", [Scopes.Read]);

        var bytes = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(created.Secret, text, StringComparison.Ordinal);
        Assert.Contains(KeyStore.Hash(created.Secret), text, StringComparison.Ordinal);
    }
}

[Collection(PostgresServer.Collection)]
public sealed class KeysOnPostgres(PostgresServer server) : KeysTests
{
    protected override string NewDatabase() => server.CreateDatabase();
}
