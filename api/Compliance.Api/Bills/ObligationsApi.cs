using System.Globalization;
using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Bills;

/// <summary>
/// The obligation catalogue for legal teams: "what must a deployer do in the EU?" answered without a manifest.
/// </summary>
public static class ObligationsApi
{
    private static readonly string[] Phases = ["training", "release", "deployment", "incident", "periodic"];

    public static RouteGroupBuilder MapObligations(this RouteGroupBuilder v1)
    {
        v1.MapGet("/obligations", List)
            .WithTags("Bills")
            .WithName("ListObligations")
            .WithSummary("Obligations across bills, filtered by bill (id or id@version), phase, holder, and the date they must be in force on")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return v1;
    }

    private static Ok<IReadOnlyList<CatalogueEntry>> List(BillCatalog catalog, string? bill, string? phase, string? holder, string? inForceOn)
    {
        var errors = new List<InputError>();
        var packs = catalog.Defaults.ToList();
        if (bill is not null)
        {
            packs = catalog.Find(bill) is { } found ? [found] : [];
            if (packs.Count == 0)
            {
                errors.Add(new InputError("?bill", $"unknown bill '{bill}'; known: {string.Join(", ", catalog.Packs.Select(p => p.Key))}"));
            }
        }
        if (phase is not null && !Phases.Contains(phase))
        {
            errors.Add(new InputError("?phase", $"'{phase}' is not one of {string.Join(", ", Phases)}"));
        }
        DateOnly? on = null;
        if (inForceOn is not null)
        {
            if (DateOnly.TryParseExact(inForceOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                on = date;
            }
            else
            {
                errors.Add(new InputError("?inForceOn", $"'{inForceOn}' is not a date (YYYY-MM-DD)"));
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The catalogue query is invalid", errors);
        }
        IReadOnlyList<CatalogueEntry> entries = packs
            .Where(p => on is not { } d || p.InForceOn(d))
            .SelectMany(p => p.Obligations.Select(o => (Pack: p, Obligation: o)))
            .Where(x => phase is null || x.Obligation.Phases.Any(ph => ph.ToString().Equals(phase, StringComparison.OrdinalIgnoreCase)))
            .Where(x => holder is null || x.Obligation.Holder == holder)
            .Where(x => on is not { } d || x.Obligation.AppliesFrom is not { } from || from <= d)
            .Select(x => new CatalogueEntry(x.Pack.Id, x.Pack.Version, x.Pack.Status.ToString().ToLowerInvariant(), x.Pack.Jurisdiction, ObligationView.Of(x.Obligation, x.Pack)))
            .ToList();
        return TypedResults.Ok(entries);
    }
}

public sealed record CatalogueEntry(string Bill, string Version, string Status, string Jurisdiction, ObligationView Obligation);
