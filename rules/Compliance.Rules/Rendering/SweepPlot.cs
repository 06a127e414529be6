using System.Xml.Linq;
using Compliance.Rules.Analysis;
using static Compliance.Rules.Rendering.Svg;

namespace Compliance.Rules.Rendering;

/// <summary>
/// A sweep as a plot for a memo. Everything is laid out from measured text before it is drawn, so the frame grows to
/// hold what it has to say (long titles wrap, the legend and the notes sit below the plot) and nothing is drawn outside
/// it. Series differ by marker and dash as well as colour; each is labelled with its definition's title; the bill's own
/// value is marked; the steps where models change classification are numbered above the plot and named below it.
/// </summary>
internal static partial class SweepPlot
{
    private const double Width = 800, Margin = 16, PlotHeight = 300;
    private const double TitleSize = 17, TextSize = 12, SmallSize = 11;

    // Okabe and Ito's palette, which colour-blind readers tell apart; the dashes and markers carry the difference too.
    private static readonly string[] Colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
    private static readonly string?[] Dashes = [null, "9 4", "2 3", "12 3 2 3", "5 5", "14 4 2 4 2 4", "1 4"];

    public static string Render(SweepResult sweep)
    {
        var content = new List<XElement>();
        var y = Margin;
        foreach (var line in PlotText.Wrap(Title(sweep), TitleSize, Width - 2 * Margin))
        {
            y += TitleSize * 1.25;
            content.Add(Text(Margin, y, line, TitleSize, @class: "title"));
        }
        foreach (var line in PlotText.Wrap(Subtitle(sweep), TextSize, Width - 2 * Margin))
        {
            y += TextSize * 1.35;
            content.Add(Text(Margin, y, line, TextSize, fill: "#333", @class: "subtitle"));
        }

        var yAxis = YAxis.Of(sweep);
        var tickWidth = yAxis.Ticks.Max(t => PlotText.Width(ShortNumber.Of(t), SmallSize));
        var left = Margin + TextSize * 1.4 + tickWidth + 8;
        // The last tick's label is centred on the plot's right edge: half of it must fit in the margin.
        var provisional = Scale.Of(sweep) with { Left = left, Right = Width - Margin };
        var right = Width - Margin - Math.Max(provisional.Ticks(SmallSize).Select(t => PlotText.Width(ShortNumber.Of(t), SmallSize) / 2).LastOrDefault(), 9);
        var scale = provisional with { Right = right };
        var xTicks = scale.Ticks(SmallSize);

        var steps = Steps(sweep);
        var callouts = Callouts.Place(steps.Select(s => scale.X(s.Point.Value)).ToList());
        y += 10 + callouts.Rows * Callouts.RowHeight;
        var top = y;
        var bottom = top + PlotHeight;
        double Y(double count) => bottom - count / yAxis.Max * PlotHeight;

        content.Add(Rect(left, top, right - left, PlotHeight, "white"));
        foreach (var tick in yAxis.Ticks)
        {
            content.Add(Line(left, Y(tick), right, Y(tick), tick == 0 ? "#333" : "#e2e2e2", @class: "grid"));
            content.Add(Text(left - 6, Y(tick) + SmallSize * 0.35, ShortNumber.Of(tick), SmallSize, "end", "#333", "tick"));
        }
        foreach (var tick in xTicks)
        {
            content.Add(Line(scale.X(tick), top, scale.X(tick), bottom, "#f0f0f0"));
            content.Add(Text(scale.X(tick), bottom + SmallSize + 5, ShortNumber.Of(tick), SmallSize, "middle", "#333", "tick"));
        }
        content.Add(Line(left, top, left, bottom, "#333"));
        var yLabel = PlotText.Fit("Models for which the definition holds", TextSize, PlotHeight);
        var yLabelX = Margin + TextSize;
        content.Add(With(Text(yLabelX, top + PlotHeight / 2, yLabel, TextSize, "middle", @class: "axis-label"),
            new XAttribute("transform", $"rotate(-90 {N(yLabelX)} {N(top + PlotHeight / 2)})")));

        for (var k = 0; k < steps.Count; k++)
        {
            var x = scale.X(steps[k].Point.Value);
            content.Add(Line(x, top, x, bottom, "#bbbbbb", 1, "1 3"));
            var cy = top - 6 - Callouts.RowHeight / 2 - callouts.Row[k] * Callouts.RowHeight;
            content.Add(Element("g", new XAttribute("class", "flip-step"), new XAttribute("data-value", N(steps[k].Point.Value)),
                Element("circle", new XAttribute("cx", N(x)), new XAttribute("cy", N(cy)), new XAttribute("r", "8"), new XAttribute("fill", "white"), new XAttribute("stroke", "#333")),
                Text(x, cy + 3.5, (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), 10, "middle")));
        }

        var definitions = Definitions(sweep);
        for (var d = 0; d < definitions.Count; d++)
        {
            content.Add(Series(sweep, definitions[d].Name, d, scale, Y));
        }
        if (CurrentValue(sweep, scale, top, bottom) is { } current)
        {
            content.Add(current);
        }

        y = bottom + SmallSize + 5;
        foreach (var line in PlotText.Wrap(XLabel(sweep, scale.Log), TextSize, right - left))
        {
            y += TextSize * 1.4;
            content.Add(Text((left + right) / 2, y, line, TextSize, "middle", @class: "axis-label"));
        }
        y = Legend(sweep, definitions, content, y + 10);
        y = Notes(sweep, steps, content, y + 6);

        var height = Math.Ceiling(y + Margin);
        var svg = Element("svg",
            new XAttribute("width", N(Width)), new XAttribute("height", N(height)), new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"),
            new XAttribute("font-family", FontFamily), new XAttribute("font-size", N(TextSize)), new XAttribute("role", "img"),
            Element("title", Title(sweep)),
            Rect(0, 0, Width, height, "white"),
            content);
        return svg.ToString();
    }

    private static string Title(SweepResult sweep) => sweep.BillTitle ?? sweep.Bill;

    private static string Subtitle(SweepResult sweep)
    {
        var current = sweep.Points.Count > 0 && (sweep.CurrentValue < sweep.Points.Min(p => p.Value) || sweep.CurrentValue > sweep.Points.Max(p => p.Value))
            ? $" The bill's own value, {ShortNumber.Of(sweep.CurrentValue)}, is outside this range." : "";
        var estimates = sweep.Estimates is { } e
            ? $" Estimates: {e.Count} cost{(e.Count == 1 ? "" : "s")} filled from compute at a cited cloud price per FLOP (certainty: secondary); names marked * rest on one."
            : "";
        return $"How many of {sweep.Artifacts} models each definition covers at each value of {sweep.Parameter} ({sweep.Bill}, as of {sweep.AsOf}).{current}{estimates}";
    }

    /// <summary>The parameter in the bill's words ("training compute above which ... is covered"), else its id in words.</summary>
    private static string ParameterWords(SweepResult sweep) =>
        sweep.ParameterDescription is { Length: > 0 } description ? description.Split(';')[0].Trim() : sweep.Parameter.Replace('_', ' ');

    private static string XLabel(SweepResult sweep, bool log)
    {
        var words = ParameterWords(sweep);
        var unit = sweep.Unit is { Length: > 0 } u ? $", {u}" : "";
        return $"{char.ToUpperInvariant(words[0])}{words[1..]}{unit}{(log ? " (log scale)" : "")}";
    }

    private static IReadOnlyList<SweptDefinition> Definitions(SweepResult sweep) =>
        sweep.Definitions.Count > 0 ? sweep.Definitions
        : sweep.Points.Count > 0 ? [.. sweep.Points[0].Counts.Keys.Select(n => new SweptDefinition(n, n.Replace('_', ' ')))] : [];

    private static XElement Series(SweepResult sweep, string name, int index, Scale scale, Func<double, double> y)
    {
        var colour = Colours[index % Colours.Length];
        var points = sweep.Points.Select(p => (X: scale.X(p.Value), Y: y(p.Counts[name].True))).ToList();
        var series = Element("g", new XAttribute("class", "series"), new XAttribute("data-definition", name));
        // Where facts are missing the definition may still hold: a band reaches up to the models it could cover.
        if (sweep.Points.Any(p => p.Counts[name].Unknown > 0))
        {
            var upper = sweep.Points.Select(p => (X: scale.X(p.Value), Y: y(p.Counts[name].True + p.Counts[name].Unknown))).Reverse();
            series.Add(Element("polygon", new XAttribute("class", "undetermined"), new XAttribute("points", Points(points.Concat(upper))),
                new XAttribute("fill", colour), new XAttribute("fill-opacity", "0.1"), new XAttribute("stroke", "none")));
        }
        series.Add(Element("polyline", new XAttribute("points", Points(points)), new XAttribute("fill", "none"), new XAttribute("stroke", colour),
            new XAttribute("stroke-width", "2.2"), Dashes[index % Dashes.Length] is { } dash ? new XAttribute("stroke-dasharray", dash) : null));
        // Earlier series get larger markers, so a series hidden under a later one still shows round its markers.
        var radius = Math.Max(3, 6 - index * 0.7);
        foreach (var (p, point) in points.Zip(sweep.Points))
        {
            var counts = point.Counts[name];
            series.Add(With(Marker(index, p.X, p.Y, radius, colour),
                Element("title", $"{name} at {ShortNumber.Of(point.Value)}: {counts.True} true, {counts.Unknown} undetermined")));
        }
        return series;
    }

    private static XElement? CurrentValue(SweepResult sweep, Scale scale, double top, double bottom)
    {
        if (!scale.Contains(sweep.CurrentValue))
        {
            return null;
        }
        var x = scale.X(sweep.CurrentValue);
        var label = $"bill's value: {ShortNumber.Of(sweep.CurrentValue)}";
        var before = x + 5 + PlotText.Width(label, SmallSize) > scale.Right;
        return Element("g", new XAttribute("class", "current"),
            Line(x, top, x, bottom, "#444", 1.4, "5 3", "current"),
            Text(before ? x - 5 : x + 5, top + SmallSize + 3, label, SmallSize, before ? "end" : "start", "#222"));
    }

    /// <summary>The values at which some model's classification changes, in order: the numbered steps.</summary>
    private static List<(SweepPoint Point, int Index)> Steps(SweepResult sweep) =>
        [.. sweep.Points.Select((p, i) => (p, i)).Where(x => x.p.Flips.Count > 0)];
}
