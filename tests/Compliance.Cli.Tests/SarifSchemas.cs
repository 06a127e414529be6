using NJsonSchema;

namespace Compliance.Cli.Tests;

/// <summary>
/// The schemas a SARIF report is held to: the subset written for these tests from the SARIF 2.1.0 specification
/// (TestData), and the official OASIS schema, sarif-schema-2.1.0.json, wherever this checkout finds it: named by
/// SARIF_SCHEMA, or in the shared folder beside the repository. The official file is the standard's, not this
/// repository's, so it is not committed here.
/// </summary>
internal static class SarifSchemas
{
    private const string OfficialName = "sarif-schema-2.1.0.json";

    public static async Task<IReadOnlyList<(string Name, JsonSchema Schema)>> All()
    {
        var schemas = new List<(string, JsonSchema)>
        {
            ("subset", await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-2.1.0-subset.schema.json"))),
        };
        if (Official() is { } official)
        {
            schemas.Add((official, await JsonSchema.FromFileAsync(official)));
        }
        return schemas;
    }

    /// <summary>Every error of <paramref name="sarif"/> against each schema, named by the schema.</summary>
    public static async Task<List<string>> Errors(string sarif) =>
        [.. (await All()).SelectMany(s => s.Schema.Validate(sarif).Select(e => $"{s.Name}: {e}"))];

    private static string? Official()
    {
        if (Environment.GetEnvironmentVariable("SARIF_SCHEMA") is { Length: > 0 } named)
        {
            return File.Exists(named) ? named : throw new FileNotFoundException("SARIF_SCHEMA names no file", named);
        }
        var shared = Path.Combine(Path.GetDirectoryName(RepositoryRoot.Path)!, "shared");
        return Directory.Exists(shared)
            ? Directory.EnumerateFiles(shared, OfficialName, SearchOption.AllDirectories).FirstOrDefault()
            : null;
    }
}
