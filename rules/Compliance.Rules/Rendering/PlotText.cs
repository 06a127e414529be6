namespace Compliance.Rules.Rendering;

/// <summary>
/// How wide a line of text is in the plot's font, so that titles, labels and legends are laid out inside the frame
/// before any renderer sees them. The plot names Liberation Sans (metric-compatible with Arial and Helvetica, so a
/// browser that substitutes one of those lays the text out alike) and the PNG renderer embeds it.
/// </summary>
internal static class PlotText
{
    /// <summary>
    /// Advance widths of the printable ASCII characters (32 to 126) in thousandths of an em, as Liberation Sans Regular
    /// gives them; a test holds this table to the embedded font.
    /// </summary>
    internal static readonly short[] AsciiWidths =
    [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
        556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
        556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ];

    /// <summary>Any other character is taken as a full em: wider than most, so the layout errs toward room to spare.</summary>
    private const int OtherWidth = 1000;

    public static double Width(string text, double fontSize)
    {
        var thousandths = 0;
        foreach (var c in text)
        {
            thousandths += c is >= ' ' and <= '~' ? AsciiWidths[c - ' '] : OtherWidth;
        }
        return thousandths * fontSize / 1000;
    }

    /// <summary>
    /// The text broken at spaces into lines no wider than <paramref name="width"/>; a word wider than a line on its own is
    /// cut with an ellipsis, so nothing is drawn past the frame however long a name is.
    /// </summary>
    public static List<string> Wrap(string text, double fontSize, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (Width(candidate, fontSize) <= width)
            {
                line = candidate;
                continue;
            }
            if (line.Length > 0)
            {
                lines.Add(line);
            }
            line = Width(word, fontSize) <= width ? word : Fit(word, fontSize, width);
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>The longest start of <paramref name="text"/> that fits in <paramref name="width"/> with an ellipsis after it.</summary>
    public static string Fit(string text, double fontSize, double width)
    {
        if (Width(text, fontSize) <= width)
        {
            return text;
        }
        var length = text.Length;
        while (length > 0 && Width(text[..length] + "…", fontSize) > width)
        {
            length--;
        }
        return text[..length] + "…";
    }
}
