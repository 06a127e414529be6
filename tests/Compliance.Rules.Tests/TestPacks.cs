using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Small packs and manifests written inline, so each test shows the whole of what it evaluates.</summary>
internal static class TestPacks
{
    public const string Header = """
        id: test-bill
        version: "1"
        title: Test bill
        jurisdiction: US
        status: enacted
        source: https://example.test/bill
        effective: { from: 2025-01-01 }
        """;

    public static BillPack Load(string body) => PackLoader.Load(Header + "\n" + body);

    public static Manifest Manifest(string json) => ManifestJson.ReadText(json);

    public static EvaluationResult Evaluate(BillPack pack, string manifestJson, string asOf = "2026-01-01", bool trace = true, Func<string, Manifest?>? registry = null) =>
        Evaluator.Evaluate(
            LineageResolver.Resolve(Manifest(manifestJson), registry ?? (_ => null)),
            [pack],
            new EvaluationOptions { AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), Trace = trace });
}
