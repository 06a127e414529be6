using System.Globalization;
using System.Text;
using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

/// <summary>
/// A sweep as a tidy CSV (one row per value and artifact, the shape pandas and R read as it is), as an SVG plot for a
/// memo, and as the same plot in PNG.
/// </summary>
public static class SweepReports
{
    /// <summary>
    /// The CSV's lines, header first, each without its line break: one row per value and artifact. Columns: bill,
    /// parameter, value, artifact, name, one column per definition (true, false or unknown), flipped (the artifact's
    /// classification changed since the previous value), estimated (facts the estimates reading filled, space separated).
    /// Lazy, so a large sweep is written as it is read. Needs the grid that <see cref="AnalysisOptions.KeepRows"/> keeps.
    /// </summary>
    public static IEnumerable<string> CsvLines(SweepResult sweep)
    {
        var grid = sweep.Grid ?? throw new InvalidOperationException("a sweep's CSV needs its rows: run it with AnalysisOptions.KeepRows");
        var names = sweep.Definitions.Select(d => d.Name).ToList();
        yield return string.Join(',', ["bill", "parameter", "value", "artifact", "name", .. names.Select(CsvField.Quote), "flipped", "estimated"]);
        var prefix = $"{CsvField.Quote(sweep.Bill)},{CsvField.Quote(sweep.Parameter)},";
        var line = new StringBuilder();
        for (var v = 0; v < sweep.Points.Count; v++)
        {
            var value = sweep.Points[v].Value.ToString("R", CultureInfo.InvariantCulture);
            var row = grid.Values[v];
            var previous = v > 0 ? grid.Values[v - 1] : null;
            for (var i = 0; i < grid.Artifacts.Count; i++)
            {
                line.Clear().Append(prefix).Append(value).Append(',').Append(CsvField.Quote(grid.Artifacts[i])).Append(',').Append(CsvField.Quote(grid.Names[i]));
                var flipped = false;
                for (var d = 0; d < names.Count; d++)
                {
                    var at = i * names.Count + d;
                    line.Append(',').Append(row[at].Text());
                    flipped |= previous is not null && previous[at] != row[at];
                }
                line.Append(flipped ? ",true," : ",false,").Append(CsvField.Quote(string.Join(' ', grid.Estimated[i])));
                yield return line.ToString();
            }
        }
    }

    public static string Csv(SweepResult sweep) => string.Concat(CsvLines(sweep).Select(l => l + "\n"));

    public static string Svg(SweepResult sweep) => SweepPlot.Render(sweep);

    /// <summary>The plot as PNG, at twice its size in pixels (sharp in a memo and on a high-density screen).</summary>
    public static byte[] Png(SweepResult sweep) => SvgPng.Render(Svg(sweep));
}
