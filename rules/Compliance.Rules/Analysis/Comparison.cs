using System.Globalization;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;

namespace Compliance.Rules.Analysis;

/// <summary>
/// Two bills (or a bill and its variant, or one bill with overrides) over a portfolio of artifacts. Obligations are
/// matched by their local id (the part after the bill id), so a variant's duties line up with its base's. Certainty is
/// kept apart: a duty outstanding under A and absent under B is lost; one only undetermined under A (a fact it needs is
/// missing) and absent under B is counted as an undetermined duty lost, not as an owed one.
/// </summary>
public static class Comparison
{
    /// <summary>Artifacts compared between two looks at the cancellation token: a few milliseconds of work.</summary>
    private const int CancellationCheckEvery = 64;

    /// <param name="options">Estimates to fill missing costs with, and whether to keep each artifact's answer for a CSV.</param>
    /// <param name="progress">Told how many artifacts are done, after each one.</param>
    /// <param name="cancellationToken">Stops the comparison every <see cref="CancellationCheckEvery"/> artifacts (an <see cref="OperationCanceledException"/>).</param>
    public static ComparisonResult Compare(IReadOnlyList<ResolvedArtifact> portfolio, BillVariant a, BillVariant b, DateOnly asOf,
        AnalysisOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= AnalysisOptions.Default;
        var estimated = options.Estimates is { } prices ? CostEstimates.Apply(portfolio, prices, cancellationToken) : null;
        var artifacts = estimated?.Artifacts ?? portfolio;
        var names = a.Pack.Definitions.Select(d => d.Name).Union(b.Pack.Definitions.Select(d => d.Name), StringComparer.Ordinal).ToList();
        var differences = new List<ArtifactDifference>();
        var rows = options.KeepRows ? new List<ComparedArtifact>(artifacts.Count) : null;
        var totals = new Tally();
        var done = 0;
        for (var i = 0; i < artifacts.Count; i++)
        {
            if (done % CancellationCheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            progress?.Report(done++);
            var artifact = artifacts[i];
            var underA = Evaluate(artifact, a, asOf);
            var underB = Evaluate(artifact, b, asOf);
            var dutiesA = ByLocalId(underA);
            var dutiesB = ByLocalId(underB);
            totals.Add(dutiesA, dutiesB);
            var gained = Missing(dutiesB, dutiesA);
            var lost = Missing(dutiesA, dutiesB);
            Tally.Count(totals.Gained, gained, underB);
            Tally.Count(totals.Lost, lost, underA);
            var changed = dutiesA.Where(d => dutiesB.TryGetValue(d.Key, out var other) && other != d.Value)
                .OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new StatusChange(d.Key, d.Value, dutiesB[d.Key]))
                .ToList();
            totals.StatusChanges += changed.Count;
            var definitions = new SortedDictionary<string, DefinitionChange>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                Tri? va = underA.Definitions.TryGetValue(name, out var da) ? da.Value : null;
                Tri? vb = underB.Definitions.TryGetValue(name, out var db) ? db.Value : null;
                if (va != vb)
                {
                    definitions[name] = new DefinitionChange(va, vb);
                }
            }
            var facts = estimated?.OwnFacts[i];
            var title = artifact.Manifest.Name ?? artifact.Id;
            if (definitions.Count > 0 || gained.Count > 0 || lost.Count > 0 || changed.Count > 0)
            {
                differences.Add(new ArtifactDifference(artifact.Id, title, definitions, gained, lost, changed)
                {
                    Estimated = facts is { Count: > 0 } ? facts : null,
                });
            }
            rows?.Add(new ComparedArtifact(artifact.Id, title, Row(underA, dutiesA, names), Row(underB, dutiesB, names), facts ?? []));
        }
        progress?.Report(done);
        return new ComparisonResult(a.Label, b.Label, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), artifacts.Count,
            totals.Result(), differences)
        {
            Estimates = estimated?.Report,
            Rows = rows,
            DefinitionNames = names,
        };
    }

    private static BillResult Evaluate(ResolvedArtifact artifact, BillVariant bill, DateOnly asOf) =>
        Evaluator.Evaluate(artifact, [bill.Pack], new EvaluationOptions { AsOf = asOf, Trace = false, Explain = false, Overrides = bill.AsOverrides, Readings = bill.AsReadings }).Bills[0];

    /// <summary>
    /// Each duty once, by local id, with the most certain of its statuses: a duty owed once per deployment is outstanding
    /// for the artifact when any deployment owes it, and undetermined only when none is settled either way.
    /// </summary>
    private static Dictionary<string, ObligationStatus> ByLocalId(BillResult result)
    {
        var duties = new Dictionary<string, ObligationStatus>(StringComparer.Ordinal);
        foreach (var duty in result.Obligations)
        {
            var id = Local(duty.Id);
            duties[id] = duties.TryGetValue(id, out var seen) ? MoreCertain(seen, duty.Status) : duty.Status;
        }
        return duties;
    }

    private static ObligationStatus MoreCertain(ObligationStatus x, ObligationStatus y) =>
        x == ObligationStatus.Outstanding || y == ObligationStatus.Outstanding ? ObligationStatus.Outstanding
        : x == ObligationStatus.Satisfied || y == ObligationStatus.Satisfied ? ObligationStatus.Satisfied
        : ObligationStatus.Undetermined;

    /// <summary>The duties of <paramref name="here"/> that <paramref name="there"/> does not list, by their status here.</summary>
    private static DutiesByStatus Missing(Dictionary<string, ObligationStatus> here, Dictionary<string, ObligationStatus> there)
    {
        var missing = here.Where(d => !there.ContainsKey(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        return missing.Count == 0 ? DutiesByStatus.None : Split(missing);
    }

    private static DutiesByStatus Split(IReadOnlyCollection<KeyValuePair<string, ObligationStatus>> duties) => new(
        [.. duties.Where(d => d.Value == ObligationStatus.Outstanding).Select(d => d.Key)],
        [.. duties.Where(d => d.Value == ObligationStatus.Satisfied).Select(d => d.Key)],
        [.. duties.Where(d => d.Value == ObligationStatus.Undetermined).Select(d => d.Key)]);

    private static ArtifactUnder Row(BillResult result, Dictionary<string, ObligationStatus> duties, IReadOnlyList<string> names) => new(
        [.. names.Select(n => result.Definitions.TryGetValue(n, out var d) ? d.Value : (Tri?)null)],
        Split([.. duties.OrderBy(d => d.Key, StringComparer.Ordinal)]));

    private static string Local(string id) => id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>The running totals of a comparison.</summary>
    private sealed class Tally
    {
        private int _withA, _withB, _outstandingA, _outstandingB, _countA, _countB;
        private readonly int[] _underA = new int[3], _underB = new int[3];

        public SortedDictionary<string, int[]> Gained { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, int[]> Lost { get; } = new(StringComparer.Ordinal);
        public int StatusChanges { get; set; }

        public void Add(Dictionary<string, ObligationStatus> a, Dictionary<string, ObligationStatus> b)
        {
            _withA += a.Count > 0 ? 1 : 0;
            _withB += b.Count > 0 ? 1 : 0;
            _outstandingA += a.ContainsValue(ObligationStatus.Outstanding) ? 1 : 0;
            _outstandingB += b.ContainsValue(ObligationStatus.Outstanding) ? 1 : 0;
            _countA += a.Count;
            _countB += b.Count;
            foreach (var status in a.Values)
            {
                _underA[(int)status]++;
            }
            foreach (var status in b.Values)
            {
                _underB[(int)status]++;
            }
        }

        /// <summary>Counts each duty of <paramref name="duties"/> under the phase the bill that lists it gives it.</summary>
        public static void Count(SortedDictionary<string, int[]> byPhase, DutiesByStatus duties, BillResult listing)
        {
            if (duties.Count == 0)
            {
                return;
            }
            foreach (var (ids, status) in new[] { (duties.Outstanding, ObligationStatus.Outstanding), (duties.Satisfied, ObligationStatus.Satisfied), (duties.Undetermined, ObligationStatus.Undetermined) })
            {
                foreach (var id in ids)
                {
                    var phase = listing.Obligations.First(o => Local(o.Id) == id).Phase;
                    if (!byPhase.TryGetValue(phase, out var counts))
                    {
                        byPhase[phase] = counts = new int[3];
                    }
                    counts[(int)status]++;
                }
            }
        }

        public ComparisonTotals Result() => new(_withA, _withB, _outstandingA, _outstandingB, _countA, _countB,
            Counts(_underA), Counts(_underB), Changes(Gained), Changes(Lost), StatusChanges);

        private static DutyCounts Counts(int[] c) => new(c[(int)ObligationStatus.Outstanding], c[(int)ObligationStatus.Satisfied], c[(int)ObligationStatus.Undetermined]);

        private static DutyChanges Changes(SortedDictionary<string, int[]> byPhase) => new(
            Counts([.. Enumerable.Range(0, 3).Select(s => byPhase.Values.Sum(c => c[s]))]),
            byPhase.ToDictionary(p => p.Key, p => Counts(p.Value), StringComparer.Ordinal));
    }
}
