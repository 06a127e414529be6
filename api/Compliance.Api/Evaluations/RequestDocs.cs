using Compliance.Rules.Manifests;

namespace Compliance.Api.Evaluations;

// The request envelopes, as the OpenAPI document describes them. Bodies are read and validated field by field
// (RequestFields), so that every error comes back with its JSON Pointer; these types only document the shape.

/// <summary>Evaluate a manifest, inline or registered, against the named bills (default: every shipped bill).</summary>
public sealed record EvaluationRequestDoc(Manifest? Manifest, string? ManifestId, IReadOnlyList<string>? Bills, DateOnly? AsOf, bool? Trace,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Overrides);

/// <summary>Ask whether an act may proceed. Without bills, the bills in force on asOf are enforced.</summary>
public sealed record GateRequestDoc(Manifest? Manifest, string? ManifestId, string Activity, IReadOnlyList<string>? Bills, DateOnly? AsOf, bool? AllowUndetermined, bool? Trace);
