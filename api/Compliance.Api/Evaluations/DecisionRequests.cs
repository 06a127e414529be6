using System.Globalization;
using System.Text.Json.Serialization;
using Compliance.Api.Http;
using Compliance.Rules.Json;
using Compliance.Rules.Manifests;

namespace Compliance.Api.Evaluations;

// The request envelopes of POST /v1/evaluations and POST /v1/gate, bound after their schemas
// (schemas/evaluation-request.schema.json, schemas/gate-request.schema.json) have validated them; the OpenAPI
// document describes them from these records. A field that is null is absent, as the schemas say.

/// <summary>What an evaluation and a gate ask alike: which manifest, which bills, as of when, with which parameter values.</summary>
public abstract record DecisionRequest
{
    /// <summary>An artifact manifest, inline; validated against the manifest schema, its errors located below /manifest.</summary>
    [JsonConverter(typeof(InlineManifestConverter))]
    public Manifest? Manifest { get; init; }

    /// <summary>The id of a registered manifest.</summary>
    public string? ManifestId { get; init; }

    /// <summary>Bills by id or id@version, or "all". Default: the bills in force on asOf.</summary>
    [JsonConverter(typeof(BillsConverter))]
    public IReadOnlyList<string>? Bills { get; init; }

    /// <summary>The date to decide as of; default: today.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Whether definitions and obligations carry their reasoning trees; default: false (each carries its reasons in words, <c>because</c>).</summary>
    public bool? Trace { get; init; }

    /// <summary>Parameter values to use instead of a bill's own: { bill: { parameter: number } }.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Overrides { get; init; }

    /// <summary>Options chosen for the bills' readings of unsettled text: { bill: { reading: option } }.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Readings { get; init; }

    public IEnumerable<InputError> Check()
    {
        if ((Manifest is null) == (ManifestId is null))
        {
            yield return new InputError("", "give exactly one of 'manifest' (inline) and 'manifestId' (registered)");
        }
        foreach (var error in AsOfRange.Check(AsOf))
        {
            yield return error;
        }
    }
}

/// <summary>Evaluate a manifest, inline or registered, against the named bills (default: the bills in force on asOf).</summary>
public sealed record EvaluationRequest : DecisionRequest, IRequestEnvelope
{
    public static SchemaValidator Schema => SchemaValidator.EvaluationRequest;

    public static string Invalid => "The evaluation request is invalid";
}

/// <summary>Ask whether an act may proceed. Without bills, the bills in force on asOf are enforced.</summary>
public sealed record GateRequest : DecisionRequest, IRequestEnvelope
{
    /// <summary>The act to gate: training, release or deployment.</summary>
    public required string Activity { get; init; }

    /// <summary>Whether an undetermined blocking duty lets the act proceed; default: false.</summary>
    public bool? AllowUndetermined { get; init; }

    public static SchemaValidator Schema => SchemaValidator.GateRequest;

    public static string Invalid => "The gate request is invalid";
}
