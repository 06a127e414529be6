using System.Globalization;
using System.Text.Json.Nodes;
using Compliance.Rules.Checking;
using Compliance.Rules.Packs;

namespace Compliance.Api.Bills;

/// <summary>A bill as the library shows it: enough to read it as a lawyer would, with every number's citation.</summary>
public sealed record BillView(
    string Id, string Version, bool IsDefault, string Title, string Jurisdiction, IReadOnlyList<string> Territory, string Status, string StatusText,
    string Source, string Digest, bool InForce, string? EffectiveFrom, string? EffectiveUntil, string? EffectiveNote, Certainty EffectiveCertainty,
    IReadOnlyList<HistoryView> History,
    IReadOnlyList<string> Versions,
    IReadOnlyList<ParameterView> Parameters,
    IReadOnlyList<DefinitionView> Definitions,
    IReadOnlyList<ObligationView> Obligations,
    int TestCases,
    IReadOnlyList<ReadingView> Readings)
{
    /// <summary>What the static checks found (<c>compliance check</c>), on an upload or a dry run; absent elsewhere.</summary>
    public CheckView? Check { get; init; }

    /// <summary>The pack as it would be stored: a variant merged with its base, test cases included. Only on a dry run.</summary>
    public JsonObject? Expanded { get; init; }

    public static BillView Of(BillPack pack, BillCatalog catalog, DateOnly today) => new(
        pack.Id, pack.Version, catalog.Find(pack.Id) == pack, pack.Title, pack.Jurisdiction, pack.Territory, pack.StatusName, pack.StatusText(today),
        pack.Source, pack.Digest, pack.InForceOn(today), Date(pack.Effective.From), Date(pack.Effective.Until), pack.Effective.Note, pack.Effective.Certainty,
        pack.History.Select(h => new HistoryView(Date(h.Date)!, h.Event, h.Citation)).ToList(),
        catalog.Versions(pack.Id).Select(v => v.Version).ToList(),
        pack.Parameters.Select(p => new ParameterView(p.Name, p.Value, p.Unit, p.Citation, p.Certainty, p.Description,
            p.Values.Select(v => new DatedValueView(Date(v.From)!, v.Value, v.Citation, v.Certainty)).ToList())).ToList(),
        pack.Definitions.Select(d => new DefinitionView(d.Name, d.Title, d.Citation, d.Url, Rests(d.Certainty, d.Parameters, pack, today), d.Description)).ToList(),
        pack.Obligations.Select(o => ObligationView.Of(o, pack, today)).ToList(),
        pack.Tests.Count,
        pack.Readings.Values.Select(r => new ReadingView(r.Name, r.Question, r.Options, r.Default, r.Citation, r.Why, r.Certainty)).ToList());

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// How sure a text is on <paramref name="on"/>: the least sure of its own and the values its parameters have that
    /// day, as an evaluation on that day would say.
    /// </summary>
    internal static Certainty Rests(Certainty certainty, IReadOnlyList<string> parameters, BillPack pack, DateOnly on) =>
        parameters.Select(name => pack.ParametersByName.GetValueOrDefault(name)).OfType<Parameter>()
            .Aggregate(certainty, (sure, parameter) => CertaintyName.Weaker(sure, parameter.Dated(on).Certainty));
}

/// <summary>
/// The static checks' findings: with an error the pack is refused (a dry run says so with <c>Passed</c> false); warnings
/// are worth a look and do not stop it. Each names the check, the JSON Pointer into the expanded pack and what is wrong.
/// </summary>
public sealed record CheckView(bool Passed, IReadOnlyList<FindingView> Errors, IReadOnlyList<FindingView> Warnings)
{
    public static CheckView Of(CheckReport report) => new(report.Passed,
        report.Errors.Select(FindingView.Of).ToList(), report.Warnings.Select(FindingView.Of).ToList());
}

public sealed record FindingView(string Rule, string Pointer, string Message)
{
    public static FindingView Of(CheckFinding f) => new(f.Rule, f.Pointer, f.Message);
}

/// <summary>A step of the bill's legislative history: introduced, passed, vetoed, signed, revoked.</summary>
public sealed record HistoryView(string Date, string Event, string? Citation);

public sealed record ParameterView(string Name, double Value, string? Unit, string Citation, Certainty Certainty, string? Description, IReadOnlyList<DatedValueView> Values);

public sealed record DatedValueView(string From, double Value, string Citation, Certainty Certainty);

/// <summary>A named reading of unsettled text: the options a request may choose (<c>readings</c>), and the default.</summary>
public sealed record ReadingView(string Name, string Question, IReadOnlyDictionary<string, string> Options, string Default, string Citation, string? Why, Certainty Certainty);

public sealed record DefinitionView(string Name, string Title, string Citation, string? Url, Certainty Certainty, string? Description);

/// <summary>
/// A duty as the library shows it. <c>Holder</c> is the statute's word ("large-frontier-developer"); <c>Roles</c> are the
/// closed vocabulary a reader and a filter can rely on across bills. <c>Penalty</c> is the text of its sanction, cited by
/// <c>PenaltyCitation</c>.
/// </summary>
public sealed record ObligationView(string Id, string Title, string Citation, string? Url, Certainty Certainty, IReadOnlyList<string> Phases, string Holder,
    IReadOnlyList<string> Roles, bool Blocking, string? AppliesFrom, IReadOnlyList<TransitionView> Transitions, string? Due,
    string? Penalty, string? PenaltyCitation, Certainty? PenaltyCertainty, string? Description)
{
    public static ObligationView Of(Obligation o, BillPack pack, DateOnly on)
    {
        var penalty = o.Penalty is { } key ? pack.Penalties[key] : null;
        var certainty = BillView.Rests(o.Transitions.Aggregate(o.Certainty, (sure, t) => CertaintyName.Weaker(sure, t.Certainty)), o.Parameters, pack, on);
        return new(o.Id, o.Title, o.Citation, o.Url ?? pack.Source, certainty, o.PhaseNames, o.Holder, o.Roles, o.Blocking, BillView.Date(o.AppliesFrom),
            o.Transitions.Select(t => new TransitionView(BillView.Date(t.AppliesFrom)!, t.Citation, t.Certainty)).ToList(),
            o.Due?.Text, penalty?.Text, penalty?.Citation, penalty?.Certainty, o.Description);
    }
}

/// <summary>A transitional provision: for the artifacts it covers, the duty applies only from this date.</summary>
public sealed record TransitionView(string AppliesFrom, string Citation, Certainty Certainty);

/// <summary>One line of the bill list: the bill id with its default version and the other versions available.</summary>
public sealed record BillSummary(string Id, string Version, string Title, string Jurisdiction, string Status, bool InForce, IReadOnlyList<string> Versions, string Digest);
