using NJsonSchema;

namespace Compliance.Cli.Tests;

/// <summary>
/// The schemas a SARIF report is held to, both in TestData: the official OASIS SARIF 2.1.0 schema,
/// sarif-schema-2.1.0.json, as published in oasis-tcs/sarif-spec (sarif-2.1/schema, errata 01), and a subset written
/// for these tests from the specification's prose that also asks what code scanning needs and the official schema
/// leaves optional (a result's location with a region and its start line).
/// </summary>
internal static class SarifSchemas
{
    private static readonly Lazy<Task<IReadOnlyList<(string Name, JsonSchema Schema)>>> Loaded = new(async () =>
    [
        ("official", await JsonSchema.FromFileAsync(TestData("sarif-schema-2.1.0.json"))),
        ("subset", await JsonSchema.FromFileAsync(TestData("sarif-2.1.0-subset.schema.json"))),
    ]);

    public static Task<IReadOnlyList<(string Name, JsonSchema Schema)>> All() => Loaded.Value;

    /// <summary>Every error of <paramref name="sarif"/> against each schema, named by the schema.</summary>
    public static async Task<List<string>> Errors(string sarif) =>
        [.. (await All()).SelectMany(s => s.Schema.Validate(sarif).Select(e => $"{s.Name}: {e}"))];

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);
}
