using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;

namespace Compliance.Api.Manifests;

/// <summary>
/// The bases a request's lineage may name: the tenant's own manifests first (registered, or given in the same
/// portfolio), then the bundled corpus by id, then by Hugging Face id. A base nobody knows is a 422 naming the fixes.
/// </summary>
internal static class LineageBases
{
    private const string Register = "register it first (POST /v1/manifests), write its manifest inline";

    public static BaseRegistry Of(ManifestStore store) => BaseRegistry.WithCorpus(store.Find, Register, "GET /v1/corpus");

    /// <summary>A portfolio's own manifests serve as bases for each other, before the tenant's registry.</summary>
    public static BaseRegistry OfPortfolio(Func<string, Manifest?> portfolioThenStore) =>
        BaseRegistry.WithCorpus(portfolioThenStore, Register + ", add it to the portfolio", "GET /v1/corpus");
}
