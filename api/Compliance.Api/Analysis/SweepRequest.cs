using System.Text.Json.Nodes;
using Compliance.Api.Http;
using Compliance.Rules.Json;

namespace Compliance.Api.Analysis;

/// <summary>
/// The body of POST /v1/sweep, bound after schemas/sweep-request.schema.json has validated it. An inline portfolio is
/// read element by element beside it (<see cref="AnalysisBody"/>); the values are read by <see cref="SweepValues"/>,
/// whose limits are 413s, and the bill and its parameter are checked against the library by the handler.
/// </summary>
public sealed record SweepRequest : IRequestEnvelope
{
    /// <summary>The bill, by id or id@version.</summary>
    public required string Bill { get; init; }

    /// <summary>One of the bill's parameters.</summary>
    public required string Parameter { get; init; }

    /// <summary>An array of values, or a range { from, to, steps, scale: linear | log }.</summary>
    public required JsonNode Values { get; init; }

    /// <summary>"corpus", or an array of manifests: inline objects or registered ids.</summary>
    public required JsonNode Portfolio { get; init; }

    /// <summary>The date to sweep as of; default: today.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// Fill a training cost a manifest leaves out from its compute, at the cited cloud price per FLOP by year
    /// (rules/assumptions/cloud-price-per-flop.yaml, certainty secondary); every fact filled is reported under
    /// <c>estimates</c>. Default: false, the manifests as they are.
    /// </summary>
    public bool? Estimates { get; init; }

    public static SchemaValidator Schema => SchemaValidator.SweepRequest;

    public static string Invalid => "The sweep request is invalid";

    public IEnumerable<InputError> Check() => AsOfRange.Check(AsOf);
}
