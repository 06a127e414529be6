using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Http;
using Compliance.Api.Manifests;
using Compliance.Rules.Analysis;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Api.Analysis;

/// <summary>Reads the analysts' request parts: a portfolio of manifests (inline, or registered ids) and bill selections.</summary>
public static class Portfolio
{
    /// <summary>Artifacts one request may analyse.</summary>
    public const int MaxArtifacts = 100_000;

    /// <summary>
    /// Body size for analysis requests: large inline portfolios are their point, but each inline manifest stays in memory
    /// as a bound record until the answer is sent, at several times its size in JSON. At 64 MiB the largest request took
    /// the server past 500 MB (bench/analysis-memory.sh); larger portfolios name registered manifests by id.
    /// </summary>
    public const int MaxBodyBytes = 32 * 1024 * 1024;

    /// <summary>The request's portfolio resolved: "corpus", or its inline manifests and registered ids with their lineages.</summary>
    public static IReadOnlyList<ResolvedArtifact> Resolve(AnalysisBody body, ManifestStore store, CancellationToken cancellationToken)
    {
        if (body.Entries is null && body.Envelope["portfolio"] is JsonValue name && name.GetValueKind() == JsonValueKind.String)
        {
            return name.GetValue<string>() == ReferenceCorpus.PortfolioName
                ? ReferenceCorpus.Bundled.Artifacts
                : throw new InvalidInputException("Unknown portfolio", "/portfolio", $"the only named portfolio is \"{ReferenceCorpus.PortfolioName}\" (GET /v1/corpus); otherwise give an array of manifests");
        }
        if (body.Entries is not { Count: > 0 } entries)
        {
            throw new InvalidInputException("The portfolio is invalid", "/portfolio", $"give an array of manifests (inline objects or registered ids), or \"{ReferenceCorpus.PortfolioName}\"");
        }
        var registered = new Dictionary<string, Manifest?>(StringComparer.Ordinal);
        Manifest? Lookup(string id) => registered.TryGetValue(id, out var m) ? m : registered[id] = store.Find(id);
        var inline = new Dictionary<string, Manifest>(StringComparer.Ordinal);
        var manifests = new Manifest[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            manifests[i] = entry.Inline ?? Lookup(entry.RegisteredId!)
                ?? throw new InvalidInputException("Unknown manifest", $"/portfolio/{i}", $"no registered manifest with id '{entry.RegisteredId}'");
            inline.TryAdd(manifests[i].Id, manifests[i]);
        }
        // A portfolio's own manifests serve as lineage bases for each other, before the registry and the corpus.
        var bases = LineageBases.OfPortfolio(id => inline.GetValueOrDefault(id) ?? Lookup(id));
        var artifacts = new ResolvedArtifact[manifests.Length];
        for (var i = 0; i < manifests.Length; i++)
        {
            if (i % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            artifacts[i] = LineageResolver.Resolve(manifests[i], bases, $"/portfolio/{i}");
        }
        return artifacts;
    }

    /// <summary>The bill a comparison names, with its overrides (each one of the bill's parameters) and its readings (each one it declares).</summary>
    public static BillVariant Bill(BillChoice choice, BillCatalog catalog, string pointer)
    {
        var pack = catalog.Find(choice.Bill) ?? throw new InvalidInputException("Unknown bill", pointer, $"unknown bill '{choice.Bill}'; known: {string.Join(", ", catalog.Packs.Select(p => p.Key))}");
        var errors = ParameterOverrides.Unknown(choice.Overrides?.Keys ?? [], pack, pointer + "/overrides").ToList();
        if (choice.Readings is { } readings)
        {
            // Checked as an evaluation's readings are, then located below this side's own field.
            errors.AddRange(ReadingChoices.Check(new Dictionary<string, IReadOnlyDictionary<string, string>> { [pack.Id] = readings }, [pack], "")
                .Select(e => e with { Pointer = pointer + "/readings" + e.Pointer[(1 + pack.Id.Length)..] }));
        }
        return errors.Count > 0 ? throw new InvalidInputException(choice.Readings is null ? "The overrides are invalid" : "The overrides or readings are invalid", errors) : new BillVariant(pack, choice.Overrides, choice.Readings);
    }
}
