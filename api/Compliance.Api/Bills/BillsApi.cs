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

    private static Results<Ok<BillView>, ProblemHttpResult> Get(string id, BillCatalog catalog, TimeProvider clock) =>
        catalog.Find(id) is { } pack
            ? TypedResults.Ok(BillView.Of(pack, catalog, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
            : Problems.NotFound("bill", id);
}
