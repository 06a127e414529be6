using System.Globalization;
using System.Xml.Linq;
using Compliance.Rules.Analysis;
using Compliance.Rules.Evaluation;
using static Compliance.Rules.Rendering.Svg;

namespace Compliance.Rules.Rendering;

internal static partial class SweepPlot
{
    private const double SampleWidth = 34, LegendRow = 20;

    /// <summary>Names listed per change at one step; the rest are counted (every name is in the JSON and the CSV).</summary>
    private const int NamesPerChange = 8;

    /// <summary>A memo's figure stays a figure: steps beyond these, and a step's note beyond these lines, point to the answer that has them all.</summary>
    private const int StepsNamed = 12, LinesPerStep = 4;

    /// <summary>The legend below the plot, entries flowing left to right and wrapping; returns the y below it.</summary>
    private static double Legend(SweepResult sweep, IReadOnlyList<SweptDefinition> definitions, List<XElement> content, double y)
    {
        var entries = new List<(XElement? Sample, string Label)>();
        for (var d = 0; d < definitions.Count; d++)
        {
            var colour = Colours[d % Colours.Length];
            var sample = Element("g", new XAttribute("class", "legend-sample"),
                Line(0, 0, SampleWidth, 0, colour, 2.2, Dashes[d % Dashes.Length]),
                Marker(d, SampleWidth / 2, 0, Math.Max(3, 6 - d * 0.7), colour));
            var same = definitions.Take(d).FirstOrDefault(other => sweep.Points.All(p => p.Counts[other.Name].True == p.Counts[definitions[d].Name].True));
            entries.Add((sample, definitions[d].Title + (same is null ? "" : $" (the same count as {same.Title} at every value)")));
        }
        if (sweep.Points.Any(p => p.Counts.Values.Any(c => c.Unknown > 0)))
        {
            entries.Add((Element("g", Rect(0, -6, SampleWidth, 12, "#555", null), new XAttribute("fill-opacity", "0.15")),
                "Shaded: the definition may also hold there; a fact it needs is missing (undetermined)"));
        }
        var x = Margin;
        y += LegendRow / 2;
        foreach (var (sample, label) in entries)
        {
            var textRoom = Width - 2 * Margin - SampleWidth - 8;
            var lines = PlotText.Wrap(label, TextSize, textRoom);
            var width = SampleWidth + 8 + lines.Max(l => PlotText.Width(l, TextSize)) + 22;
            if (x > Margin && (x + width > Width - Margin || lines.Count > 1))
            {
                x = Margin;
                y += LegendRow;
            }
            if (sample is not null)
            {
                content.Add(With(sample, new XAttribute("transform", $"translate({N(x)} {N(y)})")));
            }
            for (var l = 0; l < lines.Count; l++)
            {
                content.Add(Text(x + SampleWidth + 8, y + TextSize * 0.35 + l * TextSize * 1.3, lines[l], TextSize, @class: "legend"));
            }
            y += (lines.Count - 1) * TextSize * 1.3;
            x += width;
        }
        return y + LegendRow / 2;
    }

    /// <summary>Below the legend: at each numbered step, which models change and how; then what an estimate mark means.</summary>
    private static double Notes(SweepResult sweep, List<(SweepPoint Point, int Index)> steps, List<XElement> content, double y)
    {
        var estimated = sweep.Estimates?.Estimated.Select(e => e.Artifact).ToHashSet(StringComparer.Ordinal) ?? [];
        var titles = Definitions(sweep).ToDictionary(d => d.Name, d => d.Title, StringComparer.Ordinal);
        var notes = new List<(string Mark, string Text)>();
        if (steps.Count == 0)
        {
            notes.Add(("", "No model changes classification between these values."));
        }
        for (var k = 0; k < Math.Min(steps.Count, StepsNamed); k++)
        {
            var (point, index) = steps[k];
            // Models that change alike are named together, each once: "Covered model and 2 more: holds → does not hold: A, B".
            var changes = point.Flips.GroupBy(f => f.Artifact)
                .Select(model => (Model: model.First(), Change: FlipText.Change(model, titles)))
                .GroupBy(m => m.Change, StringComparer.Ordinal)
                .Select(g => $"{g.Key}: {Names(g.Select(m => m.Model), estimated)}");
            notes.Add(($"{k + 1}.", $"From {ShortNumber.Of(sweep.Points[index - 1].Value)} to {ShortNumber.Of(point.Value)}, {string.Join("; ", changes)}."));
        }
        if (steps.Count > StepsNamed)
        {
            notes.Add(("", $"Steps {StepsNamed + 1} to {steps.Count}: the models are named in the JSON and CSV answers."));
        }
        if (sweep.Estimates is { } report)
        {
            notes.Add(("*", $"Cost estimated from compute ({report.Count} fact{(report.Count == 1 ? "" : "s")}): {report.Title}. Certainty: {report.Certainty.ToString().ToLowerInvariant()}. Each estimate and its arithmetic is in the JSON and CSV answers."));
        }
        const double indent = 20;
        foreach (var (mark, text) in notes)
        {
            var lines = PlotText.Wrap(text, SmallSize, Width - 2 * Margin - indent);
            if (lines.Count > LinesPerStep)
            {
                const string more = " (all in the JSON and CSV answers)";
                var room = Width - 2 * Margin - indent - PlotText.Width(more, SmallSize);
                lines = [.. lines.Take(LinesPerStep - 1), PlotText.Fit(lines[LinesPerStep - 1] + " …", SmallSize, room) + more];
            }
            for (var l = 0; l < lines.Count; l++)
            {
                y += SmallSize * 1.4;
                if (l == 0 && mark.Length > 0)
                {
                    content.Add(Text(Margin, y, mark, SmallSize, fill: "#333", @class: "note-mark"));
                }
                content.Add(Text(Margin + indent, y, lines[l], SmallSize, fill: "#333", @class: "note"));
            }
            y += 3;
        }
        return y;
    }

    private static string Names(IEnumerable<Flip> flips, HashSet<string> estimated)
    {
        var all = flips.Select(f => f.Name + (estimated.Contains(f.Artifact) ? "*" : "")).ToList();
        var shown = string.Join(", ", all.Take(NamesPerChange));
        return all.Count > NamesPerChange ? $"{shown} and {(all.Count - NamesPerChange).ToString(CultureInfo.InvariantCulture)} more" : shown;
    }
}
