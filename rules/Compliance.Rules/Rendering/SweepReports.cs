using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Compliance.Rules.Analysis;

namespace Compliance.Rules.Rendering;

/// <summary>A sweep as CSV (one row per value) and as an SVG plot an analyst can paste into a memo.</summary>
public static class SweepReports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Csv(SweepResult sweep)
    {
        var names = DefinitionNames(sweep);
        var csv = new StringBuilder();
        csv.Append("value");
        foreach (var name in names)
        {
            csv.Append(CultureInfo.InvariantCulture, $",{name}_true,{name}_false,{name}_unknown");
        }
        csv.Append(",flipped\n");
        foreach (var point in sweep.Points)
        {
            csv.Append(point.Value.ToString("R", Invariant));
            foreach (var name in names)
            {
                var c = point.Counts[name];
                csv.Append(Invariant, $",{c.True},{c.False},{c.Unknown}");
            }
            csv.Append(',').Append(CsvField.Quote(string.Join(' ', point.Flipped))).Append('\n');
        }
        return csv.ToString();
    }

    private static List<string> DefinitionNames(SweepResult sweep) => sweep.Points.Count > 0 ? [.. sweep.Points[0].Counts.Keys] : [];

    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"];

    public static string Svg(SweepResult sweep)
    {
        const double width = 720, height = 420, left = 70, right = 170, top = 40, bottom = 60;
        var plotW = width - left - right;
        var plotH = height - top - bottom;
        var values = sweep.Points.Select(p => p.Value).ToList();
        var log = values.Count > 0 && values.All(v => v > 0) && values.Max() / values.Min() >= 100;
        double X(double v) => X0(log ? Math.Log10(v) : v);
        var lo = values.Count == 0 ? 0 : log ? Math.Log10(values.Min()) : values.Min();
        var hi = values.Count == 0 ? 1 : log ? Math.Log10(values.Max()) : values.Max();
        double X0(double v) => left + (hi == lo ? plotW / 2 : (v - lo) / (hi - lo) * plotW);
        var yMax = Math.Max(1, sweep.Artifacts);
        double Y(double count) => top + plotH - count / yMax * plotH;
        XNamespace ns = "http://www.w3.org/2000/svg";
        string F(double d) => d.ToString("0.##", Invariant);

        var svg = new XElement(ns + "svg",
            new XAttribute("width", F(width)), new XAttribute("height", F(height)), new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"),
            new XElement(ns + "title", $"{sweep.Bill}: {sweep.Parameter} sweep over {sweep.Artifacts} artifacts"),
            new XElement(ns + "text", new XAttribute("x", F(left)), new XAttribute("y", "22"), new XAttribute("font-size", "14"),
                $"{sweep.Bill}: artifacts covered as {sweep.Parameter} varies (as of {sweep.AsOf})"),
            new XElement(ns + "line", Attrs(left, top + plotH, left + plotW, top + plotH), new XAttribute("stroke", "black")),
            new XElement(ns + "line", Attrs(left, top, left, top + plotH), new XAttribute("stroke", "black")),
            new XElement(ns + "text", new XAttribute("x", F(left + plotW / 2)), new XAttribute("y", F(height - 15)), new XAttribute("text-anchor", "middle"),
                $"{sweep.Parameter}{(log ? " (log scale)" : "")}"),
            new XElement(ns + "text", new XAttribute("x", "18"), new XAttribute("y", F(top + plotH / 2)), new XAttribute("text-anchor", "middle"),
                new XAttribute("transform", $"rotate(-90 18 {F(top + plotH / 2)})"), "artifacts where the definition is true"));
        foreach (var (v, i) in values.Select((v, i) => (v, i)).Where(x => x.i % Math.Max(1, values.Count / 8) == 0 || x.i == values.Count - 1))
        {
            svg.Add(new XElement(ns + "text", new XAttribute("class", "tick"), new XAttribute("x", F(X(v))), new XAttribute("y", F(top + plotH + 16)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "10"), v.ToString("G3", Invariant)));
        }
        foreach (var tick in new[] { 0, yMax / 2.0, yMax })
        {
            svg.Add(new XElement(ns + "text", new XAttribute("x", F(left - 6)), new XAttribute("y", F(Y(tick) + 4)), new XAttribute("text-anchor", "end"),
                new XAttribute("font-size", "10"), tick.ToString("0.#", Invariant)));
        }
        if (sweep.CurrentValue > 0 || !log)
        {
            var cx = X(sweep.CurrentValue);
            if (cx >= left && cx <= left + plotW)
            {
                svg.Add(new XElement(ns + "line", new XAttribute("class", "current"), Attrs(cx, top, cx, top + plotH),
                    new XAttribute("stroke", "#555"), new XAttribute("stroke-dasharray", "4 3")),
                    new XElement(ns + "text", new XAttribute("x", F(cx + 4)), new XAttribute("y", F(top + 12)), new XAttribute("font-size", "10"),
                        $"current: {sweep.CurrentValue.ToString("G3", Invariant)}"));
            }
        }
        var names = DefinitionNames(sweep);
        var undetermined = false;
        for (var d = 0; d < names.Count; d++)
        {
            var colour = Colours[d % Colours.Length];
            var pts = sweep.Points.Select(p => (X: X(p.Value), Y: Y(p.Counts[names[d]].True))).ToList();
            var series = new XElement(ns + "g", new XAttribute("class", "series"), new XAttribute("data-definition", names[d]),
                new XElement(ns + "polyline", new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"),
                    new XAttribute("points", string.Join(' ', pts.Select(p => $"{F(p.X)},{F(p.Y)}")))));
            // Where facts are missing, the definition may still hold: a dashed line bounds what the bill could cover.
            if (sweep.Points.Any(p => p.Counts[names[d]].Unknown > 0))
            {
                var upper = sweep.Points.Select(p => $"{F(X(p.Value))},{F(Y(p.Counts[names[d]].True + p.Counts[names[d]].Unknown))}");
                series.Add(new XElement(ns + "polyline", new XAttribute("class", "undetermined"), new XAttribute("fill", "none"), new XAttribute("stroke", colour),
                    new XAttribute("stroke-width", "1"), new XAttribute("stroke-dasharray", "5 3"), new XAttribute("points", string.Join(' ', upper))));
                undetermined = true;
            }
            foreach (var (p, point) in pts.Zip(sweep.Points))
            {
                series.Add(new XElement(ns + "circle", new XAttribute("cx", F(p.X)), new XAttribute("cy", F(p.Y)), new XAttribute("r", "3"), new XAttribute("fill", colour),
                    new XElement(ns + "title", $"{names[d]} at {point.Value.ToString("G4", Invariant)}: {point.Counts[names[d]].True} true, {point.Counts[names[d]].Unknown} undetermined")));
            }
            svg.Add(series, new XElement(ns + "text", new XAttribute("x", F(left + plotW + 10)), new XAttribute("y", F(top + 14 + d * 16)), new XAttribute("fill", colour), names[d]));
        }
        if (undetermined)
        {
            svg.Add(new XElement(ns + "text", new XAttribute("x", F(left + plotW + 10)), new XAttribute("y", F(top + 14 + names.Count * 16 + 8)), new XAttribute("font-size", "10"),
                "dashed: true or undetermined"));
        }
        return svg.ToString();
    }

    private static XAttribute[] Attrs(double x1, double y1, double x2, double y2) =>
    [
        new("x1", x1.ToString("0.##", Invariant)), new("y1", y1.ToString("0.##", Invariant)),
        new("x2", x2.ToString("0.##", Invariant)), new("y2", y2.ToString("0.##", Invariant)),
    ];
}
