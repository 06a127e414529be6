using Compliance.Api.Auth;
using Compliance.Api.Http;
using Compliance.Storage;
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
            .RequireAuthorization(Scopes.Analyst)
            .WithName(RulePackBody.Endpoint)
            .WithSummary("Upload a draft bill or a variant (extends, overrides, transform) for the caller's tenant alone; validated against the tenant's whole catalog and checked (compliance check: an error refuses it, warnings come back under check), versioned, immutable. ?dryRun=true does all of it but the storing and answers 200 with the expanded pack (expanded) and the check's report, errors included. Needs the analyst scope.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id}", Get)
            .WithName("GetBill")
            .WithSummary("One bill (id, or id@version): parameters with citations and dated values, definitions, obligations");
        return group;
    }

    private static Ok<IReadOnlyList<BillSummary>> List(BillCatalog catalog, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        IReadOnlyList<BillSummary> bills = catalog.Defaults.Select(p => new BillSummary(
            p.Id, p.Version, p.Title, p.Jurisdiction, p.Status.ToString().ToLowerInvariant(), p.InForceOn(today),
            catalog.Versions(p.Id).Select(v => v.Version).ToList(), p.Digest)).ToList();
        return TypedResults.Ok(bills);
    }

    private static async Task<Results<Created<BillView>, Ok<BillView>>> Upload(HttpRequest request, BillLibrary library, Caller caller, TimeProvider clock, bool? dryRun)
    {
        // A pack is JSON, or YAML when the content type says so (application/yaml); either within the usual body limit.
        var yaml = request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true;
        var document = yaml ? await JsonBody.ReadYamlAsync(request) : await JsonBody.ReadObjectAsync(request);
        var dry = dryRun == true;
        var (pack, created, check) = library.Upload(caller.Tenant!, document, dry);
        var view = BillView.Of(pack, library.For(caller.Tenant), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) with
        {
            Check = CheckView.Of(check),
            Expanded = dry ? pack.Document : null,
        };
        return created ? TypedResults.Created($"/v1/bills/{pack.Key}", view) : TypedResults.Ok(view);
    }

    private static Results<Ok<BillView>, ProblemHttpResult> Get(string id, BillCatalog catalog, TimeProvider clock) =>
        catalog.Find(id) is { } pack
            ? TypedResults.Ok(BillView.Of(pack, catalog, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            : Problems.NotFound("bill", id);
}
