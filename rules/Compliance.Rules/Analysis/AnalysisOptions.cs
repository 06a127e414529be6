namespace Compliance.Rules.Analysis;

/// <summary>How a comparison or a sweep reads its portfolio, beyond the bills and the date.</summary>
public sealed record AnalysisOptions
{
    public static readonly AnalysisOptions Default = new();

    /// <summary>
    /// Fill a training cost the manifests leave out from their compute with this cited price per FLOP (the
    /// <c>estimates</c> reading); null reads the manifests as they are. Every fact filled is reported in the result.
    /// </summary>
    public CloudPrices? Estimates { get; init; }

    /// <summary>
    /// Keep each artifact's answer, for the CSV with one row per artifact (and value). Off for JSON: a sweep over a
    /// hundred thousand artifacts answers with counts, not a hundred thousand rows.
    /// </summary>
    public bool KeepRows { get; init; }
}
