using System.Text;

namespace Compliance.Rules.Rendering;

/// <summary>
/// Text placed into Markdown without becoming Markdown. A memo quotes what others wrote: a manifest's names and ids,
/// a tenant's draft bill; none of it may open a link, an image, an HTML tag, an entity or a new block in the memo.
/// </summary>
public static class MarkdownText
{
    // Inline constructs start with these; '#', '-', '+', '>' and digits only start a block at the head of a line, and
    // escaped text never starts a line here (every line begins with the memo's own words), so they are left readable.
    private const string Specials = "\\`*_[]<>&|~!";

    /// <summary>The text as literal Markdown: specials backslash-escaped, line breaks and other controls as spaces.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                // A line break would end the paragraph and let the rest start a heading, a list or a table.
                escaped.Append(' ');
            }
            else
            {
                if (Specials.Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }
                escaped.Append(c);
            }
        }
        return escaped.ToString();
    }

    /// <summary>The text as a code span: fenced by more backticks than it holds in a row, so it cannot close early.</summary>
    public static string Code(string? text)
    {
        var flat = Flatten(text ?? "");
        var longest = 0;
        var run = 0;
        foreach (var c in flat)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        // A span that starts or ends with a backtick needs a space inside its fence; CommonMark strips one each side.
        var pad = flat.StartsWith('`') || flat.EndsWith('`') || flat.Length == 0 ? " " : "";
        return fence + pad + flat + pad + fence;
    }

    /// <summary>
    /// A link when <paramref name="url"/> is an absolute http or https address, else the text alone: a draft bill may
    /// name any address, and a javascript: or data: one must not become something a reader can click.
    /// </summary>
    public static string Link(string text, string? url) =>
        SafeUrl(url) is { } safe ? $"[{Escape(text)}]({safe})" : Escape(text);

    /// <summary>The address, percent-encoded where Markdown would read it as syntax, or null if it is not http(s).</summary>
    public static string? SafeUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }
        // AbsoluteUri encodes spaces, quotes and angle brackets; parentheses would end the link destination early.
        return uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);
    }

    private static string Flatten(string text)
    {
        var flat = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            flat.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }
        return flat.ToString();
    }
}
