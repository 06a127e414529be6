using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>
/// A reader's view of a decision: the duties of some roles, phases or statuses, under the bills of some jurisdictions.
/// The decision itself stays whole (it is stored, and read back byte for byte): a filter shapes only an answer, and
/// the answer says which filter shaped it. Activities, definitions and the gate are never filtered, since they are the
/// decision's reasons; bills are kept whether or not a duty of theirs matches, so a reader sees what was asked.
/// Each list is "any of": <c>role=developer&amp;role=provider</c> keeps the duties of either.
/// </summary>
public sealed partial record ResultFilter
{
    public static readonly IReadOnlyList<string> PhaseNames = ["training", "release", "deployment", "incident", "periodic"];
    public static readonly IReadOnlyList<string> StatusNames = ["outstanding", "satisfied", "undetermined"];

    /// <summary>The roles whose duties are kept (<see cref="Packs.Role.Names"/>): an obligation's and an upcoming duty's role.</summary>
    public IReadOnlyList<string>? Role { get; init; }

    /// <summary>The phases whose duties are kept: a duty that attaches to several phases matches any of them.</summary>
    public IReadOnlyList<string>? Phase { get; init; }

    /// <summary>The statuses (outstanding, satisfied, undetermined) of the duties kept.</summary>
    public IReadOnlyList<string>? Status { get; init; }

    /// <summary>
    /// The bills kept, by jurisdiction, with the rule territories use: a code matches a bill of that jurisdiction, of a
    /// place within it (US matches US-CA's bills, EU the Union's) and of a place containing it (US-CA matches the US
    /// federal bills and DE the EU's): the law that reaches a place.
    /// </summary>
    public IReadOnlyList<string>? Jurisdiction { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Role is null && Phase is null && Status is null && Jurisdiction is null;

    [JsonIgnore]
    private bool FiltersDuties => Role is not null || Phase is not null || Status is not null;

    /// <summary>
    /// A filter from a request's values (null or empty: no filter on that field). Every bad value is reported at once,
    /// each at <paramref name="pointer"/>(name): "?role" for the service, "--role" for the CLI.
    /// </summary>
    public static ResultFilter Parse(IReadOnlyList<string>? role, IReadOnlyList<string>? phase, IReadOnlyList<string>? status,
        IReadOnlyList<string>? jurisdiction, Func<string, string> pointer)
    {
        var errors = new List<InputError>();
        errors.AddRange(Check(role, Packs.Role.Names, pointer("role")));
        errors.AddRange(Check(phase, PhaseNames, pointer("phase")));
        errors.AddRange(Check(status, StatusNames, pointer("status")));
        errors.AddRange(CheckJurisdictions(jurisdiction, pointer("jurisdiction")));
        if (errors.Count > 0)
        {
            throw new InvalidInputException("The filter is invalid", errors);
        }
        return new ResultFilter { Role = Distinct(role), Phase = Distinct(phase), Status = Distinct(status), Jurisdiction = Codes(jurisdiction) };
    }

    /// <summary>The values of <paramref name="given"/> that are not among <paramref name="allowed"/>, each as an error naming the allowed ones.</summary>
    public static IEnumerable<InputError> Check(IReadOnlyList<string>? given, IReadOnlyList<string> allowed, string pointer) =>
        (given ?? []).Where(v => !allowed.Contains(v, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal)
            .Select(v => new InputError(pointer, $"'{v}' is not one of {string.Join(", ", allowed)}"));

    /// <summary>Codes that are not jurisdiction codes (US, US-CA, EU, DE-BY; in either case), each as an error.</summary>
    public static IEnumerable<InputError> CheckJurisdictions(IReadOnlyList<string>? codes, string pointer) =>
        (codes ?? []).Where(c => !JurisdictionCode().IsMatch(c.ToUpperInvariant()))
            .Select(c => new InputError(pointer, $"'{c}' is not a jurisdiction code: a country (US), a country and its subdivision (US-CA) or EU"));

    /// <summary>Jurisdiction codes as bills spell them (us-ca is US-CA), each once; null for none.</summary>
    public static List<string>? Codes(IReadOnlyList<string>? codes) => Distinct(codes?.Select(c => c.ToUpperInvariant()).ToList());

    /// <summary>Whether a bill of <paramref name="billJurisdiction"/> is among the law of any of <paramref name="codes"/>.</summary>
    public static bool JurisdictionMatches(IReadOnlyList<string> codes, string billJurisdiction) => Territory.Matches(codes, [billJurisdiction]);

    /// <summary>The answer under this filter; the result itself when the filter is empty.</summary>
    public EvaluationResult Apply(EvaluationResult result)
    {
        if (IsEmpty)
        {
            return result;
        }
        return result with
        {
            Bills = result.Bills.Where(b => Jurisdiction is null || JurisdictionMatches(Jurisdiction, b.Jurisdiction)).Select(Bill).ToList(),
            Upcoming = result.Upcoming?.Where(u => Jurisdiction is null || JurisdictionMatches(Jurisdiction, u.Jurisdiction)).ToList(),
            Filter = this,
        };
    }

    /// <summary>Whether the filter keeps this duty.</summary>
    public bool Keeps(ObligationResult obligation) =>
        (Role is null || Role.Contains(obligation.Role, StringComparer.Ordinal))
        && (Phase is null || obligation.Phases.Any(p => Phase.Contains(p, StringComparer.Ordinal)))
        && (Status is null || Status.Contains(StatusNames[(int)obligation.Status], StringComparer.Ordinal));

    private BillResult Bill(BillResult bill)
    {
        if (!FiltersDuties)
        {
            return bill;
        }
        var obligations = bill.Obligations.Where(Keeps).ToList();
        var upcoming = Role is null ? bill.Upcoming : bill.Upcoming.Where(u => u.Role is { } role && Role.Contains(role, StringComparer.Ordinal)).ToList();
        // The penalties the duties still listed name, in the bill's order.
        OrderedDictionary<string, Penalty>? penalties = null;
        foreach (var (key, penalty) in bill.Penalties ?? new Dictionary<string, Penalty>())
        {
            if (obligations.Any(o => o.Penalty == key))
            {
                (penalties ??= new OrderedDictionary<string, Penalty>(StringComparer.Ordinal)).Add(key, penalty);
            }
        }
        var because = bill.Because;
        if (because is null && obligations.Count == 0 && upcoming.Count == 0)
        {
            because = $"None of the {Count(bill.Obligations.Count + bill.Upcoming.Count)} listed for this manifest matches the filter ({Describe()}).";
        }
        return bill with { Obligations = obligations, Upcoming = upcoming, Penalties = penalties, Because = because };
    }

    /// <summary>The filter in words: "role developer or provider; status outstanding".</summary>
    public string Describe() => string.Join("; ", new[]
    {
        Words("role", Role), Words("phase", Phase), Words("status", Status), Words("jurisdiction", Jurisdiction),
    }.Where(w => w is not null));

    private static string? Words(string name, IReadOnlyList<string>? values) => values is null ? null : $"{name} {string.Join(" or ", values)}";

    private static string Count(int duties) => duties == 1 ? "1 duty" : $"{duties} duties";

    private static List<string>? Distinct(IReadOnlyList<string>? values) => values is { Count: > 0 } ? values.Distinct(StringComparer.Ordinal).ToList() : null;

    [GeneratedRegex("^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]
    private static partial Regex JurisdictionCode();
}
