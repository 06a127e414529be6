using System.Globalization;
using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Compliance.Api.Bills;

/// <summary>
/// The obligation catalogue for legal teams: "what must a deployer do in the EU?" answered without a manifest.
/// </summary>
public static class ObligationsApi
{
    private static readonly string[] Statuses = Enum.GetNames<BillStatus>().Select(n => n.ToLowerInvariant()).ToArray();

    public static RouteGroupBuilder MapObligations(this RouteGroupBuilder v1)
    {
        v1.MapGet("/obligations", List)
            .WithTags("Bills")
            .WithName("ListObligations")
            .WithSummary("Obligations across bills, filtered by bill (id or id@version), phase, role, holder, bill status, jurisdiction, and the date they must be in force on")
            .WithDescription(
                "role, phase, status and jurisdiction may repeat (role=developer&role=provider: either). "
                + $"role ({string.Join(", ", Role.Names)}) is the filter to use for who owes a duty: holder matches the statute's own word exactly "
                + "(holder=developer misses SB 53's large-frontier-developer duties; role=developer finds them). "
                + $"status is the bill's ({string.Join(", ", Statuses)}); jurisdiction a code (US, US-CA, EU) matching a bill of that jurisdiction, "
                + "of a place within it or containing it (US: the US-CA bills too; US-CA: the US federal bills too). "
                + "Certainty and status text are as of inForceOn, or today. A bad value is a 422 naming its query parameter.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return v1;
    }

    private static Ok<IReadOnlyList<CatalogueEntry>> List(BillCatalog catalog, TimeProvider clock, string? bill, [FromQuery] string[]? phase, string? holder,
        [FromQuery] string[]? role, [FromQuery] string[]? status, [FromQuery] string[]? jurisdiction, string? inForceOn)
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
        errors.AddRange(ResultFilter.Check(phase, ResultFilter.PhaseNames, "?phase"));
        errors.AddRange(ResultFilter.Check(role, Role.Names, "?role"));
        errors.AddRange(ResultFilter.Check(status, Statuses, "?status"));
        errors.AddRange(ResultFilter.CheckJurisdictions(jurisdiction, "?jurisdiction"));
        var codes = ResultFilter.Codes(jurisdiction);
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
        var day = on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        IReadOnlyList<CatalogueEntry> entries = packs
            .Where(p => on is not { } d || p.InForceOn(d))
            .Where(p => status is not { Length: > 0 } || status.Contains(p.StatusName, StringComparer.Ordinal))
            .Where(p => codes is null || ResultFilter.JurisdictionMatches(codes, p.Jurisdiction))
            .SelectMany(p => p.Obligations.Select(o => (Pack: p, Obligation: o)))
            .Where(x => phase is not { Length: > 0 } || x.Obligation.PhaseNames.Any(ph => phase.Contains(ph, StringComparer.Ordinal)))
            .Where(x => holder is null || x.Obligation.Holder == holder)
            .Where(x => role is not { Length: > 0 } || x.Obligation.Roles.Any(r => role.Contains(r, StringComparer.Ordinal)))
            .Where(x => on is not { } d || x.Obligation.AppliesFrom is not { } from || from <= d)
            .Select(x => new CatalogueEntry(x.Pack.Id, x.Pack.Version, x.Pack.StatusName, x.Pack.StatusText(day), x.Pack.Jurisdiction,
                ObligationView.Of(x.Obligation, x.Pack, day)))
            .ToList();
        return TypedResults.Ok(entries);
    }
}

/// <summary>One duty of the catalogue with its bill: the bill's status, and that status in words on the date asked about.</summary>
public sealed record CatalogueEntry(string Bill, string Version, string Status, string StatusText, string Jurisdiction, ObligationView Obligation);
