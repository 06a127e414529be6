namespace Compliance.Web.Tests;

/// <summary>What a legal team types into the Ask form, by field id, for the flows the tests walk through.</summary>
internal static class Forms
{
    /// <summary>A frontier model (2e26 operations, $150M) of a California developer, its weights released openly in the US and the EU.</summary>
    public static Dictionary<string, string> FrontierOpenRelease() => new()
    {
        ["developer-name"] = "Acme AI",
        ["developer-headquarters"] = "US-CA",
        ["developer-annualRevenueUsd"] = "$2B",
        ["id"] = "acme/frontier-1",
        ["name"] = "Frontier-1",
        ["training-status"] = "completed",
        ["training-startDate"] = "2026-03-01",
        ["training-computeFlop"] = "2e26",
        ["training-costUsd"] = "$150M",
        ["release-weights"] = "open",
        ["release-date"] = "2026-06-01",
        ["release-jurisdictions"] = "US, EU",
        ["asOf"] = "2026-07-01",
    };

    /// <summary>
    /// A small fine-tune (2e24 operations) of a model of the bundled corpus, named by its Hugging Face id, released
    /// in the EU only: below every threshold, and out of California's reach (AB 2013 asks its training-data
    /// documentation of any generative system made available to Californians, fine-tunes included).
    /// </summary>
    public static Dictionary<string, string> SmallFineTune() => new()
    {
        ["developer-name"] = "Gamma Health AI",
        ["developer-headquarters"] = "US-CA",
        ["id"] = "gamma/llama-3.1-70b-clinical",
        ["name"] = "Llama 3.1 70B Clinical",
        ["training-status"] = "completed",
        ["training-computeFlop"] = "2e24",
        ["training-costUsd"] = "3e6",
        ["lineage-base"] = "meta-llama/Llama-3.1-70B",
        ["lineage-relation"] = "finetune",
        ["release-weights"] = "open",
        ["release-date"] = "2026-06-01",
        ["release-jurisdictions"] = "EU",
        ["asOf"] = "2026-07-01",
    };

    /// <summary>A frontier model whose developer's place of establishment is not known: SB 53's duties are undetermined.</summary>
    public static Dictionary<string, string> FrontierUnknownHeadquarters()
    {
        var form = FrontierOpenRelease();
        form["developer-headquarters"] = "";
        form["release-weights"] = "";
        form["release-date"] = "";
        form["release-jurisdictions"] = "";
        form["training-status"] = "planned";
        form["training-startDate"] = "2026-09-01";
        form["id"] = "acme/frontier-2";
        form["name"] = "Frontier-2";
        return form;
    }

    /// <summary>A pasted manifest with two bad fields: compute that is not a number, weights released in a way the schema does not know.</summary>
    public const string InvalidManifest = """
        {
          "schemaVersion": "1",
          "id": "acme/broken",
          "developer": { "name": "Acme AI", "headquarters": "US-CA" },
          "training": { "status": "completed", "computeFlop": "lots" },
          "release": { "weights": "sideways" }
        }
        """;
}
