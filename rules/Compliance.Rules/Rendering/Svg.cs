using System.Globalization;
using System.Xml.Linq;

namespace Compliance.Rules.Rendering;

/// <summary>The few SVG elements the plots draw, with coordinates written the same way everywhere.</summary>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>The plots' font: Liberation Sans (embedded for the PNG), or the metric-compatible Arial or Helvetica a browser has.</summary>
    public const string FontFamily = "'Liberation Sans', Arial, Helvetica, sans-serif";

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static XElement Element(string name, params object?[] content) => new(Ns + name, content);

    /// <summary>The element with more attributes or children added.</summary>
    public static XElement With(XElement element, params object?[] content)
    {
        element.Add(content);
        return element;
    }

    public static XElement Text(double x, double y, string text, double size, string anchor = "start", string? fill = null, string? @class = null) =>
        Element("text",
            new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("font-size", N(size)),
            anchor == "start" ? null : new XAttribute("text-anchor", anchor),
            fill is null ? null : new XAttribute("fill", fill),
            @class is null ? null : new XAttribute("class", @class),
            text);

    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null, string? @class = null) =>
        Element("line",
            new XAttribute("x1", N(x1)), new XAttribute("y1", N(y1)), new XAttribute("x2", N(x2)), new XAttribute("y2", N(y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", N(width)),
            dash is null ? null : new XAttribute("stroke-dasharray", dash),
            @class is null ? null : new XAttribute("class", @class));

    public static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null) =>
        Element("rect",
            new XAttribute("x", N(x)), new XAttribute("y", N(y)), new XAttribute("width", N(width)), new XAttribute("height", N(height)),
            new XAttribute("fill", fill), stroke is null ? null : new XAttribute("stroke", stroke));

    public static string Points(IEnumerable<(double X, double Y)> points) => string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));

    /// <summary>A marker of one of six shapes centred on (x, y): the shape, not only the colour, tells the series apart.</summary>
    public static XElement Marker(int shape, double x, double y, double r, string fill)
    {
        var outline = new object[] { new XAttribute("fill", fill), new XAttribute("stroke", "white"), new XAttribute("stroke-width", "1") };
        return (shape % 6) switch
        {
            0 => Element("circle", new XAttribute("cx", N(x)), new XAttribute("cy", N(y)), new XAttribute("r", N(r)), outline),
            1 => Element("rect", new XAttribute("x", N(x - r * 0.9)), new XAttribute("y", N(y - r * 0.9)), new XAttribute("width", N(r * 1.8)), new XAttribute("height", N(r * 1.8)), outline),
            2 => Polygon([(x, y - r * 1.15), (x + r, y + r * 0.75), (x - r, y + r * 0.75)], outline),
            3 => Polygon([(x, y - r * 1.2), (x + r, y), (x, y + r * 1.2), (x - r, y)], outline),
            4 => Polygon([(x, y + r * 1.15), (x + r, y - r * 0.75), (x - r, y - r * 0.75)], outline),
            _ => Element("path", new XAttribute("d", $"M{N(x - r)},{N(y - r)} L{N(x + r)},{N(y + r)} M{N(x - r)},{N(y + r)} L{N(x + r)},{N(y - r)}"),
                new XAttribute("stroke", fill), new XAttribute("stroke-width", "2.2"), new XAttribute("fill", "none")),
        };
    }

    private static XElement Polygon((double X, double Y)[] points, object[] attributes) =>
        Element("polygon", new XAttribute("points", Points(points)), attributes);
}
