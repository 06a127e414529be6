using System.Globalization;
using System.Text;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;

namespace Compliance.Rules.Rendering;

/// <summary>
/// GitHub Actions workflow commands: an annotation per blocking duty still open, at the manifest field that decided
/// it, then the decision in a plain line. An owed duty is an error, an undetermined one a warning (it blocks unless
/// undetermined duties are allowed, and the message says which). GitHub shows them on the run and on the changed file.
/// </summary>
public static class GitHubAnnotations
{
    public static string Render(EvaluationResult result, GatedFile file)
    {
        var gate = result.Gate ?? throw new ArgumentException("the result carries no gate decision", nameof(result));
        var text = new StringBuilder();
        foreach (var finding in GateFinding.Of(result).Where(f => f.Obligation.Status != ObligationStatus.Satisfied))
        {
            var at = file.Locator.Locate(finding.Bill, finding.Obligation).Position;
            var level = finding.Obligation.Status == ObligationStatus.Outstanding ? "error" : "warning";
            var blocks = finding.Fails ? "" : " (not blocking: undetermined duties are allowed)";
            Command(text, level, file.Slashed, at, $"{finding.Obligation.Id}: {finding.Obligation.Title}", finding.Message + blocks);
        }
        text.Append(gate.Allowed ? "ALLOWED " : "BLOCKED ").Append(gate.Activity).Append(" of ").Append(Data(result.ManifestId))
            .Append(": ").Append(Data(gate.Reason)).Append('\n');
        return text.ToString();
    }

    /// <summary>The annotation of a gate that could not evaluate its manifest: on the file when the reason is in it (<paramref name="at"/>), on the run otherwise.</summary>
    public static string RenderError(string manifestPath, SourcePosition? at, string message)
    {
        var text = new StringBuilder();
        Command(text, "error", at is null ? null : manifestPath.Replace('\\', '/'), at ?? SourcePosition.Top, "compliance gate could not evaluate", message);
        return text.ToString();
    }

    private static void Command(StringBuilder text, string level, string? file, SourcePosition at, string title, string message)
    {
        text.Append("::").Append(level).Append(' ');
        if (file is not null)
        {
            text.Append("file=").Append(Property(file))
                .Append(",line=").Append(at.Line.ToString(CultureInfo.InvariantCulture))
                .Append(",col=").Append(at.Column.ToString(CultureInfo.InvariantCulture))
                .Append(',');
        }
        text.Append("title=").Append(Property(title)).Append("::").Append(Data(message)).Append('\n');
    }

    // The runner's escaping: a message may not break the command's line; a property may not end the property either.
    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
