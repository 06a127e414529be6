using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Auth;

/// <summary>The operator's endpoints: create, list and revoke API keys while the service runs (scope admin).</summary>
public static class KeysApi
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").WithTags("Keys").RequireAuthorization(Scopes.Admin);
        keys.MapPost("/", Create)
            .Accepts<KeyRequest>("application/json")
            .WithName("CreateKey")
            .WithSummary("Create a key for a tenant with scopes (evaluate, register, analyst, read, admin); the key is in the answer once, and nowhere else")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        keys.MapGet("/", List)
            .WithName("ListKeys")
            .WithSummary("Every key: id, tenant, scopes, when created and revoked (never the key itself)");
        keys.MapDelete("/{id}", Revoke)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key: it stops working within a second, on every replica")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Created<CreatedKey>> Create(HttpRequest http, KeyStore store, KeyRing ring)
    {
        var request = await RequestEnvelope.ReadAsync<KeyRequest>(http);
        var created = store.Create(request.Tenant, request.Scopes);
        ring.Invalidate();
        return TypedResults.Created($"/v1/keys/{created.Key.Id}", new CreatedKey(created.Key.Id, created.Key.Tenant, created.Key.Scopes, created.Key.CreatedAt, created.Secret));
    }

    private static Ok<IReadOnlyList<ApiKey>> List(KeyStore store) => TypedResults.Ok(store.List());

    private static Results<NoContent, ProblemHttpResult> Revoke(string id, KeyStore store, KeyRing ring)
    {
        if (!store.Revoke(id))
        {
            return Problems.NotFound("key in force", id);
        }
        ring.Invalidate();
        return TypedResults.NoContent();
    }
}

/// <summary>A key to create: its tenant and scopes, bound after schemas/key-request.schema.json has validated the body.</summary>
public sealed record KeyRequest : IRequestEnvelope
{
    /// <summary>The tenant the key belongs to.</summary>
    public required string Tenant { get; init; }

    /// <summary>What the key may do.</summary>
    public required IReadOnlyList<string> Scopes { get; init; }

    public static SchemaValidator Schema => SchemaValidator.KeyRequest;

    public static string Invalid => "The key request is invalid";

    // The schema says it all; the store checks the same rules again for the CLI.
    public IEnumerable<InputError> Check() => KeyStore.Problems(Tenant, Scopes).Select(p => new InputError("/" + p.Field, p.Message));
}

/// <summary>A created key; <see cref="Key"/> is shown here once and kept nowhere.</summary>
public sealed record CreatedKey(string Id, string Tenant, IReadOnlyList<string> Scopes, string CreatedAt, string Key);
