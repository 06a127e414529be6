using System.Text.Json;
using System.Text.RegularExpressions;
using Compliance.Cli.Input;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Rendering;

namespace Compliance.Cli.Commands;

/// <summary>
/// The report a gate was asked for, to standard output or --output. A CI job uploads it whatever the gate decided, so
/// a manifest that cannot be evaluated still gets one in the formats CI systems read (SARIF, JUnit, workflow commands),
/// carrying the reason; the exit code stays 2 and the reason is still the one line on stderr.
/// </summary>
internal sealed partial class GateReport(string format, string? output, string manifestPath)
{
    public static readonly string[] Formats = ["text", "json", "junit", "sarif", "github"];

    public void Write(EvaluationResult result, Manifest manifest)
    {
        // A report that cannot be rendered is about this manifest; a report that cannot be written is about --output.
        if (format == "text" && output is null)
        {
            var report = InputFileException.About(manifestPath, () => GateText.Render(result, GateText.ColourFor(Console.Out)));
            Console.Out.Write(report);
            return;
        }
        var text = InputFileException.About(manifestPath, () => format switch
        {
            "json" => JsonSerializer.Serialize(result, EvaluateCommand.Json),
            "junit" => JUnitReport.Render(result, manifestPath),
            "sarif" => SarifReport.Render(result, File(manifest), ToolVersion.Current),
            "github" => GitHubAnnotations.Render(result, File(manifest)),
            _ => GateText.Render(result, colour: false),
        });
        var gate = result.Gate!;
        Emit(text, $"{(gate.Allowed ? "allowed" : "blocked")}: {gate.Reason}");
    }

    /// <summary>Writes the report of a gate that failed with <paramref name="error"/>, in the formats that can carry it.</summary>
    public void WriteError(Exception error) =>
        WriteError(CommandGuard.Describe(error), error is InputFileException { Path: var path } && path == manifestPath ? Position(error) : null);

    /// <summary>Writes the report of a gate that could not run, for <paramref name="message"/> at <paramref name="at"/> in the manifest (null: not about it).</summary>
    public void WriteError(string message, SourcePosition? at)
    {
        var text = format switch
        {
            "sarif" => SarifReport.RenderError(manifestPath, at, message, ToolVersion.Current),
            "junit" => JUnitReport.RenderError(manifestPath, message),
            "github" => GitHubAnnotations.RenderError(manifestPath, at, message),
            _ => null,
        };
        if (text is null)
        {
            return;
        }
        try
        {
            // The reason is already the one line on stderr: no second line about the report.
            Emit(text, decision: null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // --output cannot be written either: the reason on stderr is all there is, and it names the first failure.
        }
    }

    private void Emit(string text, string? decision)
    {
        if (output is null)
        {
            Console.Out.Write(text.EndsWith('\n') ? text : text + Environment.NewLine);
            return;
        }
        System.IO.File.WriteAllText(output, text.EndsWith('\n') ? text : text + Environment.NewLine);
        if (decision is not null)
        {
            Console.Error.WriteLine($"{decision} (report written to {output})");
        }
    }

    /// <summary>The file with where its fields are written, for the formats that point at them.</summary>
    private GatedFile File(Manifest manifest) => new(manifestPath, ManifestLocator.For(ReadMap(), manifest));

    private SourceMap ReadMap() =>
        SourceMap.Of(InputFile.ReadText(manifestPath, ReadLimit.PerDocument("a manifest")), JsonDocuments.IsYamlPath(manifestPath));

    /// <summary>
    /// Where in the manifest the error is: the line and column a syntax error names, or the field a schema error names
    /// (found in the text when it parses), or the top of the file.
    /// </summary>
    private SourcePosition Position(Exception error)
    {
        if (error.InnerException is not InvalidInputException { Errors: [var first, ..] })
        {
            return SourcePosition.Top;
        }
        if (LineAndColumn().Match(first.Message) is { Success: true } written)
        {
            return new SourcePosition(int.Parse(written.Groups[1].ValueSpan, provider: null), int.Parse(written.Groups[2].ValueSpan, provider: null));
        }
        try
        {
            return new ManifestLocator(ReadMap(), []).Locate(first.Pointer).Position;
        }
        catch (InputFileException)
        {
            return SourcePosition.Top;
        }
    }

    // The readers' own words for a syntax error's place (JsonDocuments, YamlToJson, InputFile).
    [GeneratedRegex(@"^line (\d+), column (\d+)")]
    private static partial Regex LineAndColumn();

}
