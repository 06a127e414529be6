using System.Text.Json.Serialization;

namespace Compliance.Rules.Checking;

/// <summary>An error refuses the pack (an upload, a CI run); a warning is worth a look and ships.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckSeverity>))]
public enum CheckSeverity
{
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("warning")] Warning,
}

/// <summary>
/// One thing a static check found in a pack: how bad, which check (<see cref="CheckRules"/>), where (a JSON Pointer
/// into the pack as expanded: a variant's pointers are into the document merged with its base) and what, in words.
/// </summary>
public sealed record CheckFinding(CheckSeverity Severity, string Rule, string Pointer, string Message)
{
    [JsonIgnore]
    public string SeverityName => Severity == CheckSeverity.Error ? "error" : "warning";
}

/// <summary>The names of the checks, as findings and the documentation spell them.</summary>
public static class CheckRules
{
    /// <summary>A comparison with a parameter uses another operator than the words it is cited with.</summary>
    public const string Operator = "operator";

    /// <summary>Dated values or transitional provisions that leave a gap or overlap.</summary>
    public const string Dates = "dates";

    /// <summary>A duty or definition whose condition no combination of facts makes true.</summary>
    public const string NeverTrue = "never-true";

    /// <summary>A parameter or definition nothing uses.</summary>
    public const string Unused = "unused";

    /// <summary>A test case that does not pin down what it should.</summary>
    public const string TestCases = "test-cases";

    /// <summary>A text that restates a parameter's value instead of naming the parameter.</summary>
    public const string RestatedValue = "restated-value";
}
