using SkiaSharp;
using Svg.Skia;
using Svg.Skia.TypefaceProviders;

namespace Compliance.Rules.Rendering;

/// <summary>
/// An SVG the engine drew, rendered to PNG in memory by Svg.Skia (SkiaSharp). The font is embedded
/// (rules/fonts/LiberationSans-Regular.ttf) and the native library is the one without system dependencies, so the
/// same picture comes out on a developer's machine, in CI and in the service's container, with no font installed.
/// Only the engine's own SVG is rendered here: it has no scripts, links or external images.
/// </summary>
public static class SvgPng
{
    private const string FontResource = "fonts/LiberationSans-Regular.ttf";

    private static readonly Lazy<SKData> Font = new(() =>
    {
        using var stream = typeof(SvgPng).Assembly.GetManifestResourceStream(FontResource)
            ?? throw new InvalidOperationException($"the embedded font {FontResource} is missing");
        return SKData.Create(stream);
    });

    /// <summary>The embedded font, for measuring text as the renderer draws it.</summary>
    internal static SKTypeface Typeface() => SKTypeface.FromData(Font.Value);

    /// <param name="scale">Pixels per SVG unit: 2 renders an 800-wide plot 1600 pixels wide.</param>
    public static byte[] Render(string svg, float scale = 2f)
    {
        using var document = new SKSvg();
        var font = new CustomTypefaceProvider(Font.Value, 0);
        foreach (var alias in new[] { "Arial", "Helvetica", "sans-serif" })
        {
            font.FamilyAliases.Add(alias);
        }
        document.Settings.TypefaceProviders!.Insert(0, font);
        if (document.FromSvg(svg) is null)
        {
            throw new InvalidOperationException("the SVG could not be read");
        }
        using var png = new MemoryStream();
        if (!document.Save(png, SKColors.White, SKEncodedImageFormat.Png, 100, scale, scale))
        {
            throw new InvalidOperationException("the SVG could not be rendered");
        }
        return png.ToArray();
    }
}
