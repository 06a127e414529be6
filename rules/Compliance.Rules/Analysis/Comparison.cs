using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;

namespace Compliance.Rules.Analysis;

public sealed record ComparisonResult(
    string A, string B, string AsOf, int Artifacts,
    ComparisonTotals Totals,
    IReadOnlyList<ArtifactDifference> Differences);

public sealed record ComparisonTotals(
    int WithObligationsUnderA, int WithObligationsUnderB,
    int ObligationsUnderA, int ObligationsUnderB,
    IReadOnlyDictionary<string, int> GainedByPhase, IReadOnlyDictionary<string, int> LostByPhase);

/// <summary>What changes for one artifact from bill A to bill B: definitions whose value differs, duties gained or lost.</summary>
public sealed record ArtifactDifference(
    string Artifact,
    IReadOnlyDictionary<string, DefinitionChange> Definitions,
    IReadOnlyList<string> Gained, IReadOnlyList<string> Lost, IReadOnlyList<string> StatusChanged);

public sealed record DefinitionChange(Tri? A, Tri? B);

/// <summary>
/// Two bills (or a bill and its variant, or one bill with overrides) over a portfolio of artifacts. Obligations are
/// matched by their local id (the part after the bill id), so a variant's duties line up with its base's.
/// </summary>
public static class Comparison
{
    /// <summary>Artifacts compared between two looks at the cancellation token: a few milliseconds of work.</summary>
    private const int CancellationCheckEvery = 64;

    /// <param name="progress">Told how many artifacts are done, after each one.</param>
    /// <param name="cancellationToken">Stops the comparison every <see cref="CancellationCheckEvery"/> artifacts (an <see cref="OperationCanceledException"/>).</param>
    public static ComparisonResult Compare(IReadOnlyList<ResolvedArtifact> portfolio, BillVariant a, BillVariant b, DateOnly asOf,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var differences = new List<ArtifactDifference>();
        int withA = 0, withB = 0, countA = 0, countB = 0;
        var gained = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var lost = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var done = 0;
        foreach (var artifact in portfolio)
        {
            if (done % CancellationCheckEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            progress?.Report(done++);
            var underA = Evaluate(artifact, a, asOf);
            var underB = Evaluate(artifact, b, asOf);
            withA += underA.Obligations.Count > 0 ? 1 : 0;
            withB += underB.Obligations.Count > 0 ? 1 : 0;
            countA += underA.Obligations.Count;
            countB += underB.Obligations.Count;
            var byIdA = underA.Obligations.GroupBy(o => Local(o.Id)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var byIdB = underB.Obligations.GroupBy(o => Local(o.Id)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var gainedHere = byIdB.Keys.Where(k => !byIdA.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            var lostHere = byIdA.Keys.Where(k => !byIdB.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            var changed = byIdA.Keys.Where(k => byIdB.TryGetValue(k, out var other) && other.Status != byIdA[k].Status).Order(StringComparer.Ordinal).ToList();
            foreach (var id in gainedHere)
            {
                Count(gained, byIdB[id].Phase);
            }
            foreach (var id in lostHere)
            {
                Count(lost, byIdA[id].Phase);
            }
            var definitions = new SortedDictionary<string, DefinitionChange>(StringComparer.Ordinal);
            foreach (var name in underA.Definitions.Keys.Union(underB.Definitions.Keys))
            {
                Tri? va = underA.Definitions.TryGetValue(name, out var da) ? da.Value : null;
                Tri? vb = underB.Definitions.TryGetValue(name, out var db) ? db.Value : null;
                if (va != vb)
                {
                    definitions[name] = new DefinitionChange(va, vb);
                }
            }
            if (definitions.Count > 0 || gainedHere.Count > 0 || lostHere.Count > 0 || changed.Count > 0)
            {
                differences.Add(new ArtifactDifference(artifact.Id, definitions, gainedHere, lostHere, changed));
            }
        }
        progress?.Report(done);
        return new ComparisonResult(a.Label, b.Label, asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), portfolio.Count,
            new ComparisonTotals(withA, withB, countA, countB, gained, lost), differences);
    }

    private static BillResult Evaluate(ResolvedArtifact artifact, BillVariant bill, DateOnly asOf) =>
        Evaluator.Evaluate(artifact, [bill.Pack], new EvaluationOptions { AsOf = asOf, Trace = false, Explain = false, Overrides = bill.AsOverrides, Readings = bill.AsReadings }).Bills[0];

    private static string Local(string id) => id[(id.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static void Count(SortedDictionary<string, int> counts, string phase) => counts[phase] = counts.GetValueOrDefault(phase) + 1;
}
