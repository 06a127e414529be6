using System.Globalization;
using Compliance.Rules.Packs;

namespace Compliance.Api.Bills;

/// <summary>A bill as the library shows it: enough to read it as a lawyer would, with every number's citation.</summary>
public sealed record BillView(
    string Id, string Version, bool IsDefault, string Title, string Jurisdiction, IReadOnlyList<string> Territory, string Status, string Source, string Digest,
    bool InForce, string? EffectiveFrom, string? EffectiveUntil, string? EffectiveNote,
    IReadOnlyList<string> Versions,
    IReadOnlyList<ParameterView> Parameters,
    IReadOnlyList<DefinitionView> Definitions,
    IReadOnlyList<ObligationView> Obligations,
    int TestCases)
{
    public static BillView Of(BillPack pack, BillCatalog catalog, DateOnly today) => new(
        pack.Id, pack.Version, catalog.Find(pack.Id) == pack, pack.Title, pack.Jurisdiction, pack.Territory, pack.Status.ToString().ToLowerInvariant(),
        pack.Source, pack.Digest, pack.InForceOn(today), Date(pack.Effective.From), Date(pack.Effective.Until), pack.Effective.Note,
        catalog.Versions(pack.Id).Select(v => v.Version).ToList(),
        pack.Parameters.Select(p => new ParameterView(p.Name, p.Value, p.Unit, p.Citation, p.Description,
            p.Values.Select(v => new DatedValueView(Date(v.From)!, v.Value, v.Citation)).ToList())).ToList(),
        pack.Definitions.Select(d => new DefinitionView(d.Name, d.Title, d.Citation, d.Description)).ToList(),
        pack.Obligations.Select(o => ObligationView.Of(o, pack)).ToList(),
        pack.Tests.Count);

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record ParameterView(string Name, double Value, string? Unit, string Citation, string? Description, IReadOnlyList<DatedValueView> Values);

public sealed record DatedValueView(string From, double Value, string Citation);

public sealed record DefinitionView(string Name, string Title, string Citation, string? Description);

public sealed record ObligationView(string Id, string Title, string Citation, IReadOnlyList<string> Phases, string Holder, bool Blocking,
    string? AppliesFrom, IReadOnlyList<TransitionView> Transitions, string? Due, string? Penalty, string? Description)
{
    public static ObligationView Of(Obligation o, BillPack pack) => new(o.Id, o.Title, o.Citation, o.PhaseNames,
        o.Holder, o.Blocking, BillView.Date(o.AppliesFrom), o.Transitions.Select(t => new TransitionView(BillView.Date(t.AppliesFrom)!, t.Citation)).ToList(),
        o.Due?.Text, o.Penalty is { } key ? pack.Penalties[key].Text : null, o.Description);
}

/// <summary>A transitional provision: for the artifacts it covers, the duty applies only from this date.</summary>
public sealed record TransitionView(string AppliesFrom, string Citation);

/// <summary>One line of the bill list: the bill id with its default version and the other versions available.</summary>
public sealed record BillSummary(string Id, string Version, string Title, string Jurisdiction, string Status, bool InForce, IReadOnlyList<string> Versions, string Digest);
