using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Manifests;

public static class ManifestsApi
{
    public static RouteGroupBuilder MapManifests(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/manifests").WithTags("Manifests");
        group.MapPost("/", Register)
            .RequireAuthorization(Scopes.Register)
            .WithName("RegisterManifest")
            .WithSummary("Register an artifact manifest so that other manifests of the tenant can name it as a lineage base; changed content is a new version, never a replacement")
            .Accepts<Manifest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        // Artifact ids contain slashes (acme/frontier-1), so the id is the rest of the path.
        group.MapGet("/{**id}", Get)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetManifest")
            .WithSummary("The latest registered manifest of an artifact (id), or one version (id@sha256:…); ?versions=true lists the versions");
        return group;
    }

    private static async Task<Results<Created<RegisteredManifest>, Ok<RegisteredManifest>>> Register(HttpRequest request, ManifestStore store)
    {
        var body = await JsonBody.ReadObjectAsync(request);
        var manifest = ManifestJson.Read(body);
        // Resolving the lineage now refuses unknown bases and cycles at registration, naming the ids; a base may be a
        // corpus model, by id or Hugging Face id.
        var resolved = LineageResolver.Resolve(manifest, LineageBases.Of(store));
        var registered = new RegisteredManifest(manifest.Id, resolved.Digest, $"{manifest.Id}@{resolved.Digest}", resolved.Closure().Skip(1).Select(a => a.Id).ToList());
        return store.Register(manifest, resolved.Digest)
            ? TypedResults.Created($"/v1/manifests/{manifest.Id}", registered)
            : TypedResults.Ok(registered);
    }

    // versions is read as text, so that ?versions=maybe is a 422 naming it rather than the framework's bare 400.
    private static IResult Get(string id, ManifestStore store, string? versions) =>
        versions switch
        {
            "true" => store.Versions(id) is { Count: > 0 } list ? TypedResults.Ok(list) : Problems.NotFound("manifest", id),
            null or "false" => store.FindBody(id) is { } body ? new RawJson(body) : Problems.NotFound("manifest", id),
            _ => throw new InvalidInputException("The query is invalid", "?versions", $"'{versions}' is not true or false"),
        };
}

/// <summary>
/// The answer to a registration: the id, the digest of the stored version, the reference that names exactly that
/// version (id@digest), and the ancestors it was resolved against.
/// </summary>
public sealed record RegisteredManifest(string Id, string Digest, string Version, IReadOnlyList<string> Lineage);
