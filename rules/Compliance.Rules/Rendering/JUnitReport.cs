using System.Globalization;
using System.Xml.Linq;
using Compliance.Rules.Evaluation;

namespace Compliance.Rules.Rendering;

/// <summary>
/// JUnit XML for CI dashboards: a test suite per enforced bill, a test case per blocking duty, failed while it holds the
/// act back. A manifest that could not be evaluated is one errored test case, so the dashboard shows why the job failed.
/// </summary>
public static class JUnitReport
{
    public static string Render(EvaluationResult result, string manifestPath)
    {
        var findings = GateFinding.Of(result);
        var suites = findings.GroupBy(f => $"{f.Bill.Bill}@{f.Bill.Version}").Select(g => new XElement("testsuite",
            new XAttribute("name", $"{g.Key} {result.Gate!.Activity} gate: {result.ManifestId}"),
            new XAttribute("tests", g.Count()),
            new XAttribute("failures", g.Count(f => f.Fails)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            g.Select(f => new XElement("testcase",
                new XAttribute("classname", $"{f.Bill.Bill}.{f.Obligation.Phase}"),
                new XAttribute("name", $"{f.Obligation.Id}: {f.Obligation.Title}"),
                new XAttribute("file", manifestPath),
                f.Fails ? new XElement("failure",
                    new XAttribute("message", f.Message),
                    new XAttribute("type", f.Obligation.Status.ToString().ToLowerInvariant()),
                    $"{f.Obligation.Citation}\n{f.Message}\nstatus: {f.Obligation.Status.ToString().ToLowerInvariant()}" + (result.Id is { } id ? $"\nevaluation: {id}" : "")) : null))));
        var root = new XElement("testsuites",
            new XAttribute("name", "compliance gate"),
            new XAttribute("tests", findings.Count),
            new XAttribute("failures", findings.Count(f => f.Fails)),
            new XAttribute("errors", 0),
            new XAttribute("time", 0.ToString(CultureInfo.InvariantCulture)),
            suites);
        return Document(root);
    }

    /// <summary>The report of a gate that could not evaluate its manifest: one test case, errored with the reason.</summary>
    public static string RenderError(string manifestPath, string message)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", $"compliance gate: {manifestPath}"),
            new XAttribute("tests", 1),
            new XAttribute("failures", 0),
            new XAttribute("errors", 1),
            new XAttribute("skipped", 0),
            new XElement("testcase",
                new XAttribute("classname", "compliance.gate"),
                new XAttribute("name", $"evaluate {manifestPath}"),
                new XAttribute("file", manifestPath),
                new XElement("error", new XAttribute("message", message), new XAttribute("type", "could-not-evaluate"), message)));
        return Document(new XElement("testsuites",
            new XAttribute("name", "compliance gate"),
            new XAttribute("tests", 1),
            new XAttribute("failures", 0),
            new XAttribute("errors", 1),
            new XAttribute("time", 0.ToString(CultureInfo.InvariantCulture)),
            suite));
    }

    private static string Document(XElement root) =>
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + Environment.NewLine + root;
}
