using System.Globalization;
using System.Text;
using Compliance.Rules.Evaluation;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Rendering;

/// <summary>
/// A decision as a memo a lawyer can file: the question asked (the model, its acts, where, as of when, under which
/// bills), then per bill what is owed, by whom, by when and on what footing, what would settle the rest, and a record
/// from which the decision can be reproduced. Pure: the result, its manifest and the engine's version in, Markdown out.
/// Everything quoted from a manifest or a pack is escaped (<see cref="MarkdownText"/>), because either may come from
/// a stranger; the memo's own markup is the only markup in it.
/// </summary>
public static partial class DecisionMemo
{
    /// <summary>What the footer says of a decision the CLI made: nothing was stored, so there is no id to quote.</summary>
    public const string NotStored = "not stored (CLI run)";

    /// <summary>The memo's title in plain text (not Markdown): what an HTML page or a file name shows.</summary>
    public static string Title(EvaluationResult result, Manifest manifest) =>
        $"What is owed for {manifest.Name ?? manifest.Id}, as of {result.AsOf}";

    /// <summary>The memo in CommonMark (pipe tables aside), lines ending in LF: the same inputs give the same bytes.</summary>
    public static string Markdown(EvaluationResult result, Manifest manifest, string engineVersion)
    {
        var memo = new StringBuilder(16 * 1024);
        var numbers = DutyNumbers.Of(result);
        memo.Append("# What is owed for ").Append(MarkdownText.Escape(manifest.Name ?? manifest.Id)).Append(", as of ").Append(result.AsOf).Append("\n\n");
        Question(memo, result, manifest);
        GateDecision(memo, result, numbers);
        Summary(memo, result);
        foreach (var bill in result.Bills.Where(b => b.Obligations.Count > 0))
        {
            Bill(memo, bill, result.AsOf, numbers);
        }
        NothingOwed(memo, result.Bills.Where(b => b.Obligations.Count == 0).ToList());
        ToSettle(memo, result, numbers);
        ComingLater(memo, result);
        Record(memo, result, engineVersion);
        return memo.ToString();
    }

    private static void Question(StringBuilder memo, EvaluationResult result, Manifest manifest)
    {
        memo.Append("## The question\n\n");
        memo.Append("What is owed for the acts below under ").Append(Selection(result)).Append(", and by when?\n\n");
        memo.Append("- **Model:** ").Append(ModelLine(manifest)).Append('\n');
        if (manifest.Lineage is { Base.Count: > 0 } lineage)
        {
            memo.Append("- **Lineage:** ").Append(MarkdownText.Escape(lineage.Relation ?? "derived")).Append(" of ")
                .Append(string.Join(", ", lineage.Base.Select(b => MarkdownText.Code(b.DisplayId))));
            if (lineage.ComputeFlop is { } flop)
            {
                memo.Append(", with ").Append(Operations(flop)).Append(" operations in this step");
            }
            memo.Append(".\n");
        }
        memo.Append("- **Acts:**\n");
        foreach (var activity in result.Activities)
        {
            memo.Append("  - ").Append(Act(activity, manifest)).Append('\n');
        }
        memo.Append("- **Jurisdictions involved:** ").Append(Jurisdictions(manifest)).Append('\n');
        memo.Append("- **As of:** ").Append(result.AsOf).Append('\n');
        memo.Append("- **Bills:** ").Append(string.Join("; ", result.Bills.Select(b => MarkdownText.Escape(b.Title)))).Append(".\n\n");
    }

    private static string Selection(EvaluationResult result) => result.Selection switch
    {
        BillSelection.InForce => $"the bills in force on {result.AsOf}",
        BillSelection.All => "every bill in the library, whatever its status",
        _ => "the bills named in the request, whatever their status",
    };

    private static string ModelLine(Manifest manifest)
    {
        var line = new StringBuilder();
        line.Append(manifest.Name is { } name ? MarkdownText.Escape(name) + " (" + MarkdownText.Code(manifest.Id) + ")" : MarkdownText.Code(manifest.Id));
        if (manifest.Developer?.Name is { } developer)
        {
            line.Append(", developed by ").Append(MarkdownText.Escape(developer));
        }
        if (manifest.Developer?.Headquarters is { } headquarters)
        {
            line.Append(", established in ").Append(MarkdownText.Escape(headquarters));
        }
        if (manifest.Developer?.AnnualRevenueUsd is { } revenue)
        {
            line.Append(", annual revenue ").Append(Dollars(revenue));
        }
        return line.Append('.').ToString();
    }

    /// <summary>One act as the manifest declares it, then why the engine classed it so.</summary>
    private static string Act(ActivityResult activity, Manifest manifest)
    {
        var facts = new List<string>();
        string name;
        switch (activity.Activity)
        {
            case ActivityKind.Training:
                name = "Training";
                var training = manifest.Training;
                facts.AddIfGiven(training?.Status is { } status ? MarkdownText.Escape(status) : null);
                facts.AddIfGiven(training?.ComputeFlop is { } flop ? Operations(flop) + " operations" : null);
                facts.AddIfGiven(training?.CostUsd is { } cost ? "cost " + Dollars(cost) : null);
                facts.AddIfGiven(training?.StartDate is { } start ? "starting " + Date(start) : null);
                break;
            case ActivityKind.Release:
                name = activity.Scope == "code" ? "Release of code" : "Release";
                var release = manifest.Release;
                facts.AddIfGiven(release?.Weights is { } weights ? "weights " + MarkdownText.Escape(weights) : null);
                facts.AddIfGiven(release?.Code is { } code ? "code " + MarkdownText.Escape(code) : null);
                facts.AddIfGiven(release?.License is { } license ? "licence " + MarkdownText.Escape(license) : null);
                facts.AddIfGiven(release?.Date is { } date ? "on " + Date(date) : null);
                facts.Add(release?.Jurisdictions is { Count: > 0 } where ? "in " + Places(where) : "naming no jurisdiction");
                break;
            case ActivityKind.Deployment when activity.Deployment is { } id:
                name = "Deployment " + MarkdownText.Code(id);
                var deployment = manifest.Deployments?.FirstOrDefault(d => d.Id == id);
                facts.AddIfGiven(deployment?.Channel is { } channel ? "through the " + MarkdownText.Escape(channel) + " channel" : null);
                facts.AddIfGiven(deployment?.Deployer?.Name is { } deployer ? "run by " + MarkdownText.Escape(deployer) : null);
                facts.AddIfGiven(deployment?.Date is { } from ? "from " + Date(from) : null);
                facts.Add(deployment?.Jurisdictions is { Count: > 0 } served ? "in " + Places(served) : "jurisdictions not given");
                break;
            case ActivityKind.Deployment:
                name = "Deployment";
                break;
            default:
                name = "Neither a release nor a deployment";
                break;
        }
        var assumed = activity.Assumed == true ? " (assumed)" : "";
        var what = facts.Count > 0 ? " (" + string.Join("; ", facts) + ")" : "";
        return $"**{name}**{assumed}{what}: {MarkdownText.Escape(activity.Because)}.";
    }

    /// <summary>Where the acts reach: the places the release and the deployments name, each once.</summary>
    private static string Jurisdictions(Manifest manifest)
    {
        var places = new SortedSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        var everywhere = false;
        if (manifest.Release is { Weights: not (null or "none" or "internal") } release)
        {
            if (release.Jurisdictions is { Count: > 0 } where)
            {
                places.UnionWith(where);
            }
            else
            {
                everywhere = true;
            }
        }
        foreach (var deployment in manifest.Deployments ?? [])
        {
            if (deployment.Jurisdictions is { Count: > 0 } where)
            {
                places.UnionWith(where);
            }
            else
            {
                notes.Add("deployment " + MarkdownText.Code(deployment.Id) + " names none");
            }
        }
        // An open release that names no jurisdiction reaches every one (the engine reads it so too).
        var text = everywhere ? "everywhere: the release names no jurisdiction" + (places.Count > 0 ? "; deployments in " + Places(places) : "")
            : places.Count > 0 ? Places(places)
            : manifest.Deployments is { Count: > 0 } ? "none named"
            : "none: no act makes the model available outside its developer";
        return notes.Count > 0 ? $"{text} ({string.Join("; ", notes)})." : text + ".";
    }

    private static string Places(IEnumerable<string> places) => string.Join(", ", places.Select(MarkdownText.Escape));

    private static void Summary(StringBuilder memo, EvaluationResult result)
    {
        if (result.Bills.Count == 0)
        {
            memo.Append("No bill was evaluated.\n\n");
            return;
        }
        memo.Append("## In short\n\n");
        memo.Append("| Bill | Status | Owed | Overdue | Undetermined | Met |\n");
        memo.Append("|---|---|--:|--:|--:|--:|\n");
        foreach (var bill in result.Bills)
        {
            var duties = bill.Obligations;
            memo.Append("| ").Append(MarkdownText.Escape(bill.Title)).Append(" | ").Append(MarkdownText.Escape(bill.StatusText))
                .Append(" | ").Append(Count(duties, o => o.Status == ObligationStatus.Outstanding))
                .Append(" | ").Append(Count(duties, o => o.Overdue is not null))
                .Append(" | ").Append(Count(duties, o => o.Status == ObligationStatus.Undetermined))
                .Append(" | ").Append(Count(duties, o => o.Status == ObligationStatus.Satisfied))
                .Append(" |\n");
        }
        memo.Append('\n');
        if (result.Bills.Any(b => !b.InForce))
        {
            memo.Append("A bill that is not in force on ").Append(result.AsOf).Append(" is listed for what it would ask: nothing is owed under it.\n\n");
        }
    }

    private static string Count(IReadOnlyList<ObligationResult> duties, Func<ObligationResult, bool> which) =>
        duties.Count(which).ToString(CultureInfo.InvariantCulture);

    /// <summary>Everything needed to make the same decision again: the inputs' digests and the engine that read them.</summary>
    private static void Record(StringBuilder memo, EvaluationResult result, string engineVersion)
    {
        memo.Append("---\n\n## Record\n\n");
        memo.Append("- **Decision:** ").Append(result.Id is { } id ? MarkdownText.Code(id) : NotStored).Append('\n');
        if (result.CreatedAt is { } created)
        {
            memo.Append("- **Made:** ").Append(created.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        }
        memo.Append("- **As of:** ").Append(result.AsOf).Append("; bills chosen: ").Append(Selection(result)).Append('\n');
        memo.Append("- **Manifest:** ").Append(MarkdownText.Code(result.ManifestId)).Append(", ").Append(MarkdownText.Code(result.ManifestDigest)).Append('\n');
        foreach (var entry in result.Lineage.Where(e => e.Id != result.ManifestId))
        {
            memo.Append("- **Lineage base:** ").Append(MarkdownText.Code(entry.Id)).Append(", ").Append(MarkdownText.Code(entry.Digest)).Append('\n');
        }
        foreach (var bill in result.Bills)
        {
            memo.Append("- **Bill:** ").Append(MarkdownText.Code($"{bill.Bill}@{bill.Version}")).Append(", ").Append(MarkdownText.Code(bill.Digest));
            if (bill.Overrides is { Count: > 0 } overrides)
            {
                memo.Append(", with ").Append(string.Join(", ", overrides.OrderBy(o => o.Key, StringComparer.Ordinal)
                    .Select(o => MarkdownText.Code(o.Key) + " = " + o.Value.ToString("R", CultureInfo.InvariantCulture))));
            }
            if (ChosenReadings(bill) is { Count: > 0 } readings)
            {
                memo.Append(", read as ").Append(string.Join(", ", readings.Select(r => MarkdownText.Code(r.Key) + " = " + MarkdownText.Code(r.Value.Option))));
            }
            memo.Append('\n');
        }
        memo.Append("- **Engine:** Compliance.Rules ").Append(MarkdownText.Escape(engineVersion)).Append('\n');
    }

    /// <summary>The readings a request chose other than the pack's defaults (the defaults follow from the pack's digest).</summary>
    internal static List<KeyValuePair<string, AppliedReading>> ChosenReadings(BillResult bill) =>
        bill.Readings?.Where(r => !r.Value.Default).OrderBy(r => r.Key, StringComparer.Ordinal).ToList() ?? [];

    /// <summary>Operations as the packs write thresholds: 2.0e26.</summary>
    internal static string Operations(double flop) => flop.ToString("0.0##e0", CultureInfo.InvariantCulture);

    internal static string Dollars(double usd) => "USD " + usd.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AddIfGiven(this List<string> facts, string? fact)
    {
        if (fact is not null)
        {
            facts.Add(fact);
        }
    }
}
