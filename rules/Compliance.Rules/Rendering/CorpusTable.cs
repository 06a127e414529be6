using System.Globalization;
using System.Text;
using Compliance.Rules.Corpus;
using Compliance.Rules.Manifests;

namespace Compliance.Rules.Rendering;

/// <summary>
/// The corpus as one CSV row per model: the compute and cost columns an analyst checks a sweep against by hand.
/// An empty cell is a fact no source gives (unknown), never zero.
/// </summary>
public static class CorpusTable
{
    public const string Header = "id,name,developer,relation,bases,trainingComputeFlop,trainingCostUsd,stepComputeFlop,stepCostUsd,weights,releaseDate,deploymentDate,sources";

    public static string Csv(ReferenceCorpus corpus)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var entry in corpus.Entries)
        {
            var m = entry.Manifest;
            string[] row =
            [
                m.Id,
                m.Name ?? "",
                m.Developer?.Name ?? "",
                m.Lineage?.Relation ?? "",
                string.Join(' ', m.Lineage?.Base.Select(b => b.DisplayId) ?? []),
                Number(m.Training?.ComputeFlop),
                Number(m.Training?.CostUsd),
                Number(m.Lineage?.ComputeFlop),
                Number(m.Lineage?.CostUsd),
                m.Release?.Weights ?? "",
                m.Release?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                FirstDeployment(m),
                string.Join(' ', m.Sources?.Select(s => s.Uri).OfType<string>() ?? []),
            ];
            csv.AppendJoin(',', row.Select(CsvField.Quote)).Append('\n');
        }
        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string FirstDeployment(Manifest m) =>
        m.Deployments?.Where(d => d.Date is not null).Min(d => d.Date)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
