using System.Text.Json.Nodes;
using Compliance.Api.Http;
using Compliance.Rules.Json;

namespace Compliance.Api.Analysis;

/// <summary>
/// The body of POST /v1/compare, bound after schemas/compare-request.schema.json has validated it. An inline portfolio
/// is read element by element beside it (<see cref="AnalysisBody"/>); what needs the bill library (unknown bills, their
/// parameters) is checked by the handler.
/// </summary>
public sealed record CompareRequest : IRequestEnvelope
{
    /// <summary>Exactly two bills, A and B: what changes from A to B is reported.</summary>
    public required IReadOnlyList<BillChoice> Bills { get; init; }

    /// <summary>"corpus", or an array of manifests: inline objects or registered ids.</summary>
    public required JsonNode Portfolio { get; init; }

    /// <summary>The date to compare as of; default: today.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// Fill a training cost a manifest leaves out from its compute, at the cited cloud price per FLOP by year
    /// (rules/assumptions/cloud-price-per-flop.yaml, certainty secondary); every fact filled is reported under
    /// <c>estimates</c>. Default: false, the manifests as they are.
    /// </summary>
    public bool? Estimates { get; init; }

    public static SchemaValidator Schema => SchemaValidator.CompareRequest;

    public static string Invalid => "The comparison request is invalid";

    // An override beyond a double never gets here: AnalysisBody's strict reading refuses it at its pointer.
    public IEnumerable<InputError> Check() => AsOfRange.Check(AsOf);
}
