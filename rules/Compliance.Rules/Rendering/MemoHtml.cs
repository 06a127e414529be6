using System.Net;
using System.Text;
using Markdig;

namespace Compliance.Rules.Rendering;

/// <summary>
/// The memo as one self-contained HTML page that prints well on A4: the Markdown of <see cref="DecisionMemo"/>
/// through Markdig, inside a document with its own stylesheet and nothing fetched from elsewhere. It lives in the
/// engine beside the Markdown because both the service and the CLI print it, and Markdig, like the engine, does no I/O.
/// </summary>
public static class MemoHtml
{
    // Raw HTML off: the memo's Markdown holds none of its own, and escaped text a manifest supplied must stay text even
    // if an escape were ever missed. Pipe tables for the summary; nothing that turns bare text into links.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>A page holding one memo per Markdown text (the CLI may evaluate several files), each starting a new sheet.</summary>
    public static string Document(string title, IReadOnlyList<string> memos)
    {
        var html = new StringBuilder(32 * 1024);
        html.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<style>\n").Append(Stylesheet).Append("</style>\n</head>\n<body>\n");
        foreach (var memo in memos)
        {
            html.Append("<article>\n").Append(Markdown.ToHtml(memo, Pipeline)).Append("</article>\n");
        }
        return html.Append("</body>\n</html>\n").ToString();
    }

    public static string Document(string title, string memo) => Document(title, [memo]);

    // On screen a readable column; on paper A4 with the addresses of links written out (paper cannot be clicked),
    // headings kept with what follows them, and a duty, a table row or a warning never split across two sheets.
    private const string Stylesheet = """
        body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 48em; margin: 2em auto; padding: 0 1em; }
        h1 { font-size: 1.6em; margin-bottom: .4em; }
        h2 { font-size: 1.3em; border-bottom: 1px solid #888; margin-top: 2em; }
        h3 { font-size: 1.1em; margin-top: 1.5em; }
        h4 { font-size: 1em; font-style: italic; margin-bottom: .3em; }
        ol > li { margin-top: .6em; }
        ul ul, ol ul { margin-top: .2em; }
        table { border-collapse: collapse; width: 100%; font-size: .95em; }
        th, td { border: 1px solid #aaa; padding: .25em .5em; vertical-align: top; }
        th { background: #eee; text-align: left; }
        code { font: .88em ui-monospace, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
        blockquote { border-left: 4px solid #a00; background: #fdf2f2; margin: 1em 0; padding: .3em 1em; }
        hr { border: 0; border-top: 1px solid #888; margin: 2.5em 0 1em; }
        a { color: #0645ad; }
        @page { size: A4; margin: 20mm 18mm 22mm; }
        @media print {
          body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
          nav { display: none; }
          a { color: inherit; text-decoration: none; }
          a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; overflow-wrap: anywhere; }
          h1, h2, h3, h4 { break-after: avoid; }
          li, tr, blockquote { break-inside: avoid; }
          thead { display: table-header-group; }
          th { background: none; }
          article + article { break-before: page; }
        }

        """;
}
