using Compliance.Api.Http;
using Compliance.Rules.Packs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Bills;

public static class BillsApi
{
    public static RouteGroupBuilder MapBills(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/bills").WithTags("Bills");
        group.MapGet("/", List)
            .WithName("ListBills")
            .WithSummary("Every bill the service evaluates, with its versions, status and whether it is in force today");
        group.MapPost("/", Upload)
            .AddEndpointFilter<AnalystKey>()
            .WithName("UploadBill")
            .WithSummary("Upload a draft bill or a variant (extends, overrides, transform); validated like a shipped pack, versioned, immutable. Needs an analyst key.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", Get)
            .WithName("GetBill")
            .WithSummary("One bill (id, or id@version): parameters with citations and dated values, definitions, obligations");
        return group;
    }

    private static Ok<IReadOnlyList<BillSummary>> List(BillLibrary library, TimeProvider clock)
    {
        var catalog = library.Current;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        IReadOnlyList<BillSummary> bills = catalog.Defaults.Select(p => new BillSummary(
            p.Id, p.Version, p.Title, p.Jurisdiction, p.Status.ToString().ToLowerInvariant(), p.InForceOn(today),
            catalog.Versions(p.Id).Select(v => v.Version).ToList(), p.Digest)).ToList();
        return TypedResults.Ok(bills);
    }

    private static async Task<Results<Created<BillView>, Ok<BillView>>> Upload(HttpRequest request, BillLibrary library, TimeProvider clock)
    {
        // A pack is JSON, or YAML when the content type says so (application/yaml); either within the usual body limit.
        var yaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
        var document = yaml ? await JsonBody.ReadYamlAsync(request) : await JsonBody.ReadObjectAsync(request);
        var (pack, created) = library.Upload(document);
        var view = BillView.Of(pack, library.Current, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return created ? TypedResults.Created($"/v1/bills/{pack.Key}", view) : TypedResults.Ok(view);
    }

    private static Results<Ok<BillView>, ProblemHttpResult> Get(string id, BillLibrary library, TimeProvider clock) =>
        library.Current.Find(id) is { } pack
            ? TypedResults.Ok(BillView.Of(pack, library.Current, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            : Problems.NotFound("bill", id);
}
