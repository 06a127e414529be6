using Compliance.Api.Http;
using Compliance.Rules.Corpus;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;
using Compliance.Rules.Rendering;

namespace Compliance.Api.Analysis;

/// <summary>The bundled reference corpus of real models, which a compare or sweep portfolio may name as "corpus".</summary>
public static class CorpusApi
{
    public static RouteGroupBuilder MapCorpus(this RouteGroupBuilder v1)
    {
        v1.MapGet("/corpus", List)
            .WithTags("Analysis")
            .WithName("ListCorpus")
            .WithSummary("The reference corpus: real models' manifests with published compute and cost estimates and their sources; ?format=csv gives one row per model")
            .Produces<CorpusListing>()
            .WithMetadata(new AnswerFormats("json (default): every manifest with its sources; csv: one row per model", ("csv", "text/csv")))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return v1;
    }

    private static IResult List(string? format)
    {
        var corpus = ReferenceCorpus.Bundled;
        return format switch
        {
            null or "json" => TypedResults.Ok(new CorpusListing(
                corpus.Entries.Count,
                corpus.Entries.Count(e => e.Manifest.Lineage is not null),
                corpus.Entries.Select(e => e.Manifest).ToList())),
            "csv" => TypedResults.Text(CorpusTable.Csv(corpus), "text/csv"),
            _ => throw new InvalidInputException("Unknown format", "?format", $"'{format}' is not one of json, csv"),
        };
    }
}

/// <summary>The corpus: how many models, how many of them derive from another, and every manifest with its sources.</summary>
public sealed record CorpusListing(int Count, int Derivatives, IReadOnlyList<Manifest> Manifests);
