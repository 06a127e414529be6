using System.Globalization;
using System.Xml.Linq;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;
using SkiaSharp;

namespace Compliance.Rules.Tests;

public sealed class SweepPlotTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";
    private static readonly BillPack Sb1047 = BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!;

    private static SweepResult CorpusSweep(bool estimates = false) => Sweep.Run(ReferenceCorpus.Bundled.Artifacts, Sb1047, "covered_compute_flop",
        Sweep.Range(1e23, 1e27, 9, log: true), new DateOnly(2026, 7, 1), new AnalysisOptions { Estimates = estimates ? CloudPrices.Bundled : null });

    [Fact]
    public void The_widths_the_layout_measures_with_are_the_embedded_fonts_own()
    {
        using var typeface = SvgPng.Typeface();
        using var font = new SKFont(typeface, 1000);

        var measured = Enumerable.Range(' ', '~' - ' ' + 1).Select(c => (short)Math.Round(font.MeasureText(((char)c).ToString()))).ToArray();

        Assert.Equal(measured, PlotText.AsciiWidths);
        Assert.Equal("Liberation Sans", typeface.FamilyName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_corpus_sweep_draws_nothing_outside_its_frame_and_its_png_border_is_background(bool estimates)
    {
        var svg = SweepReports.Svg(CorpusSweep(estimates));

        Assert.Empty(Frame.Overflows(svg));
        Assert.Empty(Frame.InkOnBorder(SvgPng.Render(svg, scale: 1)));
    }

    [Fact]
    public void Long_titles_many_series_and_many_flips_wrap_inside_the_frame()
    {
        var svg = SweepReports.Svg(Extreme());

        Assert.Empty(Frame.Overflows(svg));
        Assert.Empty(Frame.InkOnBorder(SvgPng.Render(svg, scale: 1)));
        var texts = XDocument.Parse(svg).Descendants(Ns + "text").ToList();
        Assert.True(texts.Count(t => (string?)t.Attribute("class") == "title") >= 3, "the long title wraps over several lines");
        Assert.Contains(texts, t => t.Value.EndsWith('…'));
        // Forty models at a step do not turn the figure into a list: the note stops at four lines and points to the answers.
        Assert.Contains(texts, t => t.Value.EndsWith("(all in the JSON and CSV answers)", StringComparison.Ordinal));
        Assert.True(texts.Count(t => (string?)t.Attribute("class") == "note") <= 10 * 4 + 1);
    }

    [Fact]
    public void Series_differ_by_marker_and_dash_and_are_labelled_with_the_definitions_titles()
    {
        var sweep = CorpusSweep();
        var svg = XDocument.Parse(SweepReports.Svg(sweep));

        var series = svg.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(sweep.Definitions.Count, series.Count);
        var dashes = series.Select(g => (string?)g.Element(Ns + "polyline")!.Attribute("stroke-dasharray") ?? "solid").ToList();
        var markers = series.Select(g => g.Elements().Last().Name.LocalName + g.Elements().Last().Attribute("points")?.Value.Split(' ').Length).ToList();
        Assert.Equal(dashes.Count, dashes.Distinct().Count());
        Assert.True(markers.Distinct().Count() >= Math.Min(series.Count, 4), string.Join(", ", markers));
        var legend = svg.Descendants(Ns + "text").Where(t => (string?)t.Attribute("class") == "legend").Select(t => t.Value).ToList();
        Assert.All(sweep.Definitions, d => Assert.Contains(legend, l => l.StartsWith(d.Title, StringComparison.Ordinal)));
        Assert.DoesNotContain(legend, l => l.Contains('_', StringComparison.Ordinal));
        var yTicks = svg.Descendants(Ns + "line").Count(l => (string?)l.Attribute("class") == "grid");
        Assert.True(yTicks >= 4, $"{yTicks} grid lines");
    }

    [Fact]
    public void The_bills_value_is_marked_and_the_models_that_flip_are_named_at_their_numbered_step()
    {
        var sweep = CorpusSweep();
        var svg = XDocument.Parse(SweepReports.Svg(sweep));

        Assert.Single(svg.Descendants(Ns + "line"), l => (string?)l.Attribute("class") == "current");
        var steps = svg.Descendants(Ns + "g").Where(g => (string?)g.Attribute("class") == "flip-step").ToList();
        var flipping = sweep.Points.Where(p => p.Flips.Count > 0).ToList();
        Assert.Equal(flipping.Count, steps.Count);
        var notes = string.Join(" ", svg.Descendants(Ns + "text").Where(t => (string?)t.Attribute("class") == "note").Select(t => t.Value));
        // Grok 3 is covered at the bill's value and stops being covered between 3.16e26 and 1e27.
        var last = flipping[^1];
        Assert.Contains("Grok 3", last.FlippedModels);
        Assert.Contains($"to {ShortNumber.Of(last.Value)}", notes, StringComparison.Ordinal);
        Assert.Contains("Grok 3", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void With_estimates_the_plot_says_how_many_costs_it_estimated_and_marks_the_models_that_rest_on_one()
    {
        var sweep = CorpusSweep(estimates: true);
        var texts = string.Join(" ", XDocument.Parse(SweepReports.Svg(sweep)).Descendants(Ns + "text").Select(t => t.Value));

        Assert.Contains($"Estimates: {sweep.Estimates!.Count} costs", texts, StringComparison.Ordinal);
        Assert.Contains("*", texts, StringComparison.Ordinal);
        Assert.Contains("Certainty: secondary", texts, StringComparison.Ordinal);
    }

    /// <summary>A sweep built to strain the layout: a very long title with an unbreakable word, seven long-titled series, 200 values, 40 models flipping at once.</summary>
    private static SweepResult Extreme()
    {
        var names = Enumerable.Range(0, 7).Select(i => $"definition_{i}").ToList();
        var values = Sweep.Range(1e20, 1e30, 200, log: true);
        var points = values.Select((v, k) => new SweepPoint(v,
            names.Select((n, d) => (n, d)).ToDictionary(x => x.n, x => new TriCounts(Math.Max(0, 500 - k * 2 - x.d), k + x.d, 3 * x.d)),
            k % 20 == 10 ? [.. Enumerable.Range(0, 40).Select(i => new Flip($"org/model-{i}", $"An extremely long model name number {i} with qualifiers", names[i % 7], Tri.Unknown, Tri.False))] : [],
            k % 20 == 10 ? [.. Enumerable.Range(0, 40).Select(i => $"An extremely long model name number {i} with qualifiers")] : [])).ToList();
        return new SweepResult("us-xx-long@1", "a_parameter_with_a_long_name", 1e40, "2026-07-01", 520, points)
        {
            BillTitle = string.Concat(Enumerable.Repeat("A very long bill title that goes on and on ", 6)) + new string('W', 120),
            Definitions = [.. names.Select((n, i) => new SweptDefinition(n, $"Definition {i}: a model trained with more compute than the threshold and offered to the public in the state"))],
            ParameterDescription = "training compute above which, together with a cost test and a revenue test and a test of the developer's headquarters, a model is covered",
            Unit = "FLOP",
        };
    }

    /// <summary>What the frame test checks: every text's measured box and every shape inside the viewBox; no ink on the PNG's border.</summary>
    private static class Frame
    {
        public static List<string> Overflows(string svg)
        {
            var root = XDocument.Parse(svg).Root!;
            var box = root.Attribute("viewBox")!.Value.Split(' ').Select(double.Parse).ToArray();
            var (width, height) = (box[2], box[3]);
            using var typeface = SvgPng.Typeface();
            var problems = new List<string>();
            void Check(string what, double left, double top, double right, double bottom)
            {
                if (left < 0 || top < 0 || right > width || bottom > height)
                {
                    problems.Add($"{what}: [{left:0.#}, {top:0.#}, {right:0.#}, {bottom:0.#}] outside 0 0 {width} {height}");
                }
            }
            foreach (var text in root.Descendants(Ns + "text"))
            {
                Assert.DoesNotContain(text.Ancestors(), a => a.Attribute("transform") is not null);
                var size = double.Parse((string?)text.Attribute("font-size") ?? "12", CultureInfo.InvariantCulture);
                using var font = new SKFont(typeface, (float)size);
                var w = font.MeasureText(text.Value);
                var (x, y) = (D(text, "x"), D(text, "y"));
                var (left, right) = ((string?)text.Attribute("text-anchor")) switch
                {
                    "middle" => (x - w / 2, x + w / 2),
                    "end" => (x - w, x),
                    _ => (x, x + w),
                };
                var (ascent, descent) = (font.Metrics.Ascent, font.Metrics.Descent);
                if (((string?)text.Attribute("transform"))?.StartsWith("rotate(-90", StringComparison.Ordinal) == true)
                {
                    // Turned a quarter anticlockwise about (x, y): its length runs up the page, its height across it.
                    Check($"text '{text.Value}'", x + ascent, y - (right - x), x + descent, y + (x - left));
                }
                else
                {
                    Check($"text '{text.Value}'", left, y + ascent, right, y + descent);
                }
            }
            foreach (var line in root.Descendants(Ns + "line").Where(l => !l.Ancestors().Any(a => a.Attribute("transform") is not null)))
            {
                Check("line", Math.Min(D(line, "x1"), D(line, "x2")), Math.Min(D(line, "y1"), D(line, "y2")), Math.Max(D(line, "x1"), D(line, "x2")), Math.Max(D(line, "y1"), D(line, "y2")));
            }
            foreach (var circle in root.Descendants(Ns + "circle").Where(c => !c.Ancestors().Any(a => a.Attribute("transform") is not null)))
            {
                var r = D(circle, "r");
                Check("circle", D(circle, "cx") - r, D(circle, "cy") - r, D(circle, "cx") + r, D(circle, "cy") + r);
            }
            foreach (var shape in root.Descendants().Where(e => e.Name == Ns + "polyline" || e.Name == Ns + "polygon").Where(e => !e.Ancestors().Any(a => a.Attribute("transform") is not null)))
            {
                var points = shape.Attribute("points")!.Value.Split(' ').Select(p => p.Split(',').Select(double.Parse).ToArray()).ToList();
                Check(shape.Name.LocalName, points.Min(p => p[0]), points.Min(p => p[1]), points.Max(p => p[0]), points.Max(p => p[1]));
            }
            return problems;
        }

        /// <summary>Pixels of a 3-pixel band round the PNG that are not the white background.</summary>
        public static List<string> InkOnBorder(byte[] png)
        {
            using var bitmap = SKBitmap.Decode(png);
            var (w, h) = (bitmap.Width, bitmap.Height);
            var band = Enumerable.Range(0, 3).SelectMany(i => Enumerable.Range(0, w).SelectMany(x => new[] { (x, i), (x, h - 1 - i) })
                .Concat(Enumerable.Range(0, h).SelectMany(y => new[] { (i, y), (w - 1 - i, y) })));
            return [.. band.Where(p => bitmap.GetPixel(p.Item1, p.Item2) != SKColors.White).Take(20).Select(p => $"({p.Item1}, {p.Item2}) {bitmap.GetPixel(p.Item1, p.Item2)}")];
        }

        private static double D(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
    }
}
