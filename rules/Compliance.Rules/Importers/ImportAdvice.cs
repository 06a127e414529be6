using Compliance.Rules.Corpus;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Importers;

/// <summary>What the bills still need to know of an imported manifest, so its user knows what to add and why.</summary>
public static class ImportAdvice
{
    /// <summary>
    /// The facts <paramref name="bills"/> need and the manifest does not state, evaluated as of <paramref name="asOf"/>.
    /// A base the bundled corpus holds is read from it; any other stands in as a manifest that states nothing, so the
    /// facts its own manifest must give are named too.
    /// </summary>
    public static IReadOnlyList<NeededFact> Of(Manifest manifest, IReadOnlyList<BillPack> bills, DateOnly asOf)
    {
        var artifact = LineageResolver.Resolve(manifest, id => ReferenceCorpus.Bundled.Find(id) ?? new Manifest { SchemaVersion = "1", Id = id });
        var result = Evaluator.Evaluate(artifact, bills, new EvaluationOptions { AsOf = asOf, Trace = false, Explain = false });
        return NeededFacts.Of(result, b => bills.FirstOrDefault(p => p.Id == b.Bill && p.Version == b.Version));
    }
}
