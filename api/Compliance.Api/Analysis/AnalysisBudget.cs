using System.Globalization;
using Compliance.Rules.Json;

namespace Compliance.Api.Analysis;

/// <summary>
/// How much work one analysis request may ask for, in evaluations: artifacts x values for a sweep, artifacts x bills for
/// a comparison. The body size bounds memory, the timeout bounds seconds; this bounds what a small body can ask for
/// (a hundred thousand registered ids x 200 values took 21 CPU-seconds).
/// </summary>
public sealed record AnalysisBudget(long SweepEvaluations, long CompareEvaluations)
{
    public const string SweepKey = "COMPLIANCE_SWEEP_MAX_EVALUATIONS";
    public const string CompareKey = "COMPLIANCE_COMPARE_MAX_EVALUATIONS";

    /// <summary>The sweep benchmark's 20 values x 100,000 manifests (bench/README.md), and a full-size portfolio under two bills.</summary>
    public static readonly AnalysisBudget Default = new(2_000_000, 2L * Portfolio.MaxArtifacts);

    public static AnalysisBudget From(IConfiguration configuration) => new(
        Read(configuration, SweepKey, Default.SweepEvaluations),
        Read(configuration, CompareKey, Default.CompareEvaluations));

    public void CheckSweep(int artifacts, int values) =>
        Check(artifacts, values, "values", SweepEvaluations, SweepKey, "/values");

    public void CheckCompare(int artifacts, int bills) =>
        Check(artifacts, bills, "bills", CompareEvaluations, CompareKey, "/portfolio");

    private static void Check(int artifacts, int per, string perName, long limit, string key, string pointer)
    {
        var asked = (long)artifacts * per;
        if (asked > limit)
        {
            throw new InvalidInputException("The request asks for too much work", pointer,
                $"{artifacts:N0} artifacts x {per} {perName} = {asked:N0} evaluations; the limit is {limit:N0} per request ({key})", InputProblem.TooLarge);
        }
    }

    private static long Read(IConfiguration configuration, string key, long fallback) =>
        configuration[key] is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{key} must be a positive whole number, not '{text}'")
            : fallback;
}
