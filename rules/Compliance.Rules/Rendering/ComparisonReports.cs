using System.Globalization;
using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

/// <summary>A comparison as a tidy CSV: one row per artifact and bill (side A, then side B), the shape pandas and R read as it is.</summary>
public static class ComparisonReports
{
    /// <summary>
    /// The CSV's lines, header first, each without its line break. Columns: side (A or B), bill, artifact, name, one
    /// column per definition of either bill (true, false, unknown, or empty where the bill has no such definition), the
    /// duties listed by status (counts, then the local ids space separated), and estimated (facts the estimates reading
    /// filled). Needs the rows <see cref="AnalysisOptions.KeepRows"/> keeps.
    /// </summary>
    public static IEnumerable<string> CsvLines(ComparisonResult comparison)
    {
        var rows = comparison.Rows ?? throw new InvalidOperationException("a comparison's CSV needs its rows: run it with AnalysisOptions.KeepRows");
        yield return string.Join(',', ["side", "bill", "artifact", "name", .. comparison.DefinitionNames.Select(CsvField.Quote),
            "outstanding", "satisfied", "undetermined", "outstanding_duties", "satisfied_duties", "undetermined_duties", "estimated"]);
        foreach (var row in rows)
        {
            yield return Line("A", comparison.A, row, row.A);
            yield return Line("B", comparison.B, row, row.B);
        }
    }

    public static string Csv(ComparisonResult comparison) => string.Concat(CsvLines(comparison).Select(l => l + "\n"));

    private static string Line(string side, string bill, ComparedArtifact row, ArtifactUnder under)
    {
        var duties = under.Duties;
        string[] fields =
        [
            side, bill, row.Artifact, row.Name,
            .. under.Definitions.Select(v => v?.Text() ?? ""),
            Count(duties.Outstanding), Count(duties.Satisfied), Count(duties.Undetermined),
            string.Join(' ', duties.Outstanding), string.Join(' ', duties.Satisfied), string.Join(' ', duties.Undetermined),
            string.Join(' ', row.Estimated),
        ];
        return string.Join(',', fields.Select(CsvField.Quote));
    }

    private static string Count(IReadOnlyList<string> ids) => ids.Count.ToString(CultureInfo.InvariantCulture);
}
