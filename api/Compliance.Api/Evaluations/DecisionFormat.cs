using System.Text;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Rendering;
using Microsoft.Net.Http.Headers;

namespace Compliance.Api.Evaluations;

/// <summary>
/// How a decision is answered: the JSON of the contract, or the memo a lawyer files, in Markdown or as a printable
/// page. <c>?format</c> wins, because a link pasted into a mail or a browser cannot set headers; otherwise the Accept
/// header chooses, and JSON is the default for anything else (an API client's */*, or a type we do not write).
/// </summary>
public static class DecisionFormat
{
    public const string Json = "json";
    public const string Markdown = "markdown";
    public const string Html = "html";

    public static string Choose(string? format, HttpRequest request)
    {
        if (format is not null)
        {
            return format is Json or Markdown or Html
                ? format
                : throw new InvalidInputException("Unknown format", "?format", $"'{format}' is not one of {Json}, {Markdown}, {Html}");
        }
        // The most preferred type we write, in the order the client listed types of equal preference.
        foreach (var media in request.GetTypedHeaders().Accept.Where(m => m.Quality is not 0).OrderByDescending(m => m.Quality ?? 1))
        {
            if (media.MediaType.Equals("text/markdown", StringComparison.OrdinalIgnoreCase))
            {
                return Markdown;
            }
            if (media.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                return Html;
            }
            if (media.MatchesAllTypes || media.MatchesAllSubTypes && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Json;
            }
        }
        return Json;
    }

    /// <summary>The memo, answered as text; the JSON is answered by the caller, byte for byte as stored.</summary>
    public static IResult Memo(string format, EvaluationResult result, Manifest manifest, int statusCode = StatusCodes.Status200OK)
    {
        var markdown = DecisionMemo.Markdown(result, manifest, EngineVersion.Current);
        return format == Html
            ? TypedResults.Text(MemoHtml.Document(DecisionMemo.Title(result, manifest), markdown), "text/html", Encoding.UTF8, statusCode)
            : TypedResults.Text(markdown, "text/markdown", Encoding.UTF8, statusCode);
    }
}
