using System.Text.Json;
using CommunityToolkit.HighPerformance.Buffers;
using Compliance.Api.Http;
using Compliance.Rules.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace Compliance.Api.Evaluations;

/// <summary>
/// The query filters of an evaluation's answer, each repeatable (<c>?role=developer&amp;role=provider</c>): the duties of
/// some roles, phases or statuses, the bills of some jurisdictions. What they mean is <see cref="ResultFilter"/>'s.
/// </summary>
public readonly record struct AnswerFilter(
    [FromQuery(Name = "role")] string[]? Role,
    [FromQuery(Name = "phase")] string[]? Phase,
    [FromQuery(Name = "status")] string[]? Status,
    [FromQuery(Name = "jurisdiction")] string[]? Jurisdiction)
{
    public static readonly string Description =
        "Query filters shape the answer, never the stored decision; each may repeat (role=developer&role=provider). "
        + $"role: {string.Join(", ", Rules.Packs.Role.Names)}. "
        + $"phase: {string.Join(", ", ResultFilter.PhaseNames)} (a duty attaching to several matches any). "
        + $"status: {string.Join(", ", ResultFilter.StatusNames)}. "
        + "jurisdiction: a code (US, US-CA, EU, DE): a bill of that jurisdiction, of a place within it (US: the US-CA bills too) or containing it (US-CA: the US federal bills too). "
        + "A bad value is a 422 naming ?role, ?phase, ?status or ?jurisdiction.";

    /// <summary>The filter, or a 422 naming each bad value at its query parameter (<c>?role</c>) with the values allowed.</summary>
    public ResultFilter Parse() => ResultFilter.Parse(Role, Phase, Status, Jurisdiction, name => "?" + name);

    /// <summary>The answer under <paramref name="filter"/>: the decision's whole bytes when there is none, else the filtered result written anew.</summary>
    public static RawJson Answer(EvaluationResult result, ArrayPoolBufferWriter<byte> whole, ResultFilter filter, int statusCode, string? location)
    {
        if (filter.IsEmpty)
        {
            return new RawJson(whole.WrittenMemory, statusCode, location, owner: whole);
        }
        whole.Dispose();
        var json = DecisionJson.Write(filter.Apply(result));
        return new RawJson(json.WrittenMemory, statusCode, location, owner: json);
    }

    /// <summary>A stored decision under <paramref name="filter"/>: the stored bytes themselves when there is none.</summary>
    public static RawJson Answer(byte[] stored, ResultFilter filter)
    {
        if (filter.IsEmpty)
        {
            return new RawJson(stored);
        }
        var result = JsonSerializer.Deserialize<EvaluationResult>(stored, DecisionJson.Options)
            ?? throw new InvalidOperationException("a stored decision reads as null");
        var json = DecisionJson.Write(filter.Apply(result));
        return new RawJson(json.WrittenMemory, owner: json);
    }
}
