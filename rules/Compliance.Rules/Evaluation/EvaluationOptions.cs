using Compliance.Rules.Packs;

namespace Compliance.Rules.Evaluation;

/// <summary>Everything an evaluation depends on besides the manifest and the packs. "As of" is an input: the engine never reads the clock.</summary>
public sealed record EvaluationOptions
{
    public required DateOnly AsOf { get; init; }

    /// <summary>Build the reasoning trees. Off for bulk work (sweeps, benchmarks): results are the same, minus traces.</summary>
    public bool Trace { get; init; } = true;

    /// <summary>
    /// Explain each definition and duty in words (<c>because</c>). The words are built from the reasoning trees, so
    /// they cost what a trace costs; bulk work that counts outcomes turns both off.
    /// </summary>
    public bool Explain { get; init; } = true;

    /// <summary>How the caller chose the bills (<see cref="BillSelection"/>), recorded in the result.</summary>
    public string Selection { get; init; } = BillSelection.Named;

    /// <summary>The enacted bills not yet in force on <see cref="AsOf"/> that the answer names without evaluating.</summary>
    public IReadOnlyList<BillPack> UpcomingBills { get; init; } = [];

    /// <summary>
    /// Parameter values to use instead of the packs' own, by bill id then parameter name: an analyst's "what if the
    /// threshold were 1e25?" without writing a bill. The result records them, so the decision stays reproducible.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Overrides { get; init; }

    /// <summary>
    /// Options chosen for the packs' named readings of unsettled text, by bill id then reading name (checked with
    /// <see cref="ReadingChoices"/>); a reading not chosen takes its pack's default. The result records every reading
    /// it applied.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Readings { get; init; }

    /// <summary>When set, the decision also answers the CI question for this act.</summary>
    public GateRequest? Gate { get; init; }
}

/// <summary>The CI question: may <see cref="Activity"/> proceed under the enforced bills?</summary>
public sealed record GateRequest
{
    public required ActivityKind Activity { get; init; }

    /// <summary>Keys (id@version) of the packs whose blocking duties gate the act.</summary>
    public required IReadOnlySet<string> Enforced { get; init; }

    /// <summary>Let an undetermined blocking duty pass instead of blocking.</summary>
    public bool AllowUndetermined { get; init; }

    /// <summary>
    /// The bills a gate enforces: those named, whatever their status (an organisation may follow a vetoed bill);
    /// without names, those in force on <paramref name="asOf"/>.
    /// </summary>
    public static IReadOnlySet<string> Enforcing(IEnumerable<BillPack> packs, bool named, DateOnly asOf) =>
        (named ? packs : packs.Where(p => p.InForceOn(asOf))).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Phases whose blocking duties gate this act.</summary>
    public IReadOnlyList<Phase> GatedPhases => PhasesGating(Activity);

    /// <summary>Phases whose blocking duties gate an act: its own, and training's (a trained model still owes what was due before).</summary>
    public static IReadOnlyList<Phase> PhasesGating(ActivityKind activity) => activity switch
    {
        ActivityKind.Training => [Phase.Training],
        ActivityKind.Release => [Phase.Training, Phase.Release],
        _ => [Phase.Training, Phase.Deployment],
    };
}
