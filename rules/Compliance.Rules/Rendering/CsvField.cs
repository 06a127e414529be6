namespace Compliance.Rules.Rendering;

/// <summary>RFC 4180 quoting: a field with a comma, a quote or a line break is quoted, its quotes doubled.</summary>
internal static class CsvField
{
    public static string Quote(string field) => field.AsSpan().IndexOfAny(",\"\r\n") >= 0
        ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : field;
}
