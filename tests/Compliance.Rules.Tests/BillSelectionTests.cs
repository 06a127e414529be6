using Compliance.Rules.Json;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Which bills an answer is given under, and each bill's standing in words, on the dates that change them.</summary>
public sealed class BillSelectionTests
{
    private static readonly BillCatalog Bundled = BillCatalog.Bundled;

    private static BillSelection On(string date, IReadOnlyList<string>? names = null) =>
        BillSelection.For(names, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Bundled, Bundled, "/bills");

    [Theory]
    // EO 14110 was in force from its signature until its revocation on 2025-01-20 (the day it ends is not in force);
    // the EU AI Act from 2024-08-01; Utah's disclosure duties from 2024-05-01.
    [InlineData("2024-06-01", "us-eo-14110,us-ut-ai-policy-act", "eu-ai-act,us-ca-sb53,us-ny-raise,kr-ai-basic-act,cn-ai-content-labelling,us-co-sb26-189")]
    [InlineData("2025-01-19", "us-eo-14110,eu-ai-act", "us-ca-sb53,us-ny-raise")]
    [InlineData("2025-01-20", "eu-ai-act", "us-ca-sb53,us-ny-raise")]
    // China's labelling measures from 2025-09-01; SB 53 from 2026-01-01; Korea's AI Basic Act from 2026-01-22;
    // RAISE and Colorado SB 26-189 from 2027-01-01.
    [InlineData("2025-08-31", "eu-ai-act", "cn-ai-content-labelling")]
    [InlineData("2025-09-01", "eu-ai-act,cn-ai-content-labelling", "us-ca-sb53")]
    [InlineData("2026-07-01", "eu-ai-act,us-ca-sb53,kr-ai-basic-act,cn-ai-content-labelling,us-ut-ai-policy-act", "us-ny-raise,us-co-sb26-189")]
    [InlineData("2027-01-01", "eu-ai-act,us-ca-sb53,us-ny-raise,us-co-sb26-189", "")]
    // the EU AI Act from 2024-08-01.
    [InlineData("2024-06-01", "us-eo-14110", "eu-ai-act,us-ca-sb53,us-ny-raise,us-tx-traiga,us-ca-ab2013,us-ca-sb942,us-ca-sb243,us-il-hb3773")]
    [InlineData("2025-01-19", "us-eo-14110,eu-ai-act", "us-ca-sb53,us-ny-raise,us-tx-traiga,us-ca-ab2013,us-ca-sb942,us-ca-sb243,us-il-hb3773")]
    [InlineData("2025-01-20", "eu-ai-act", "us-ca-sb53,us-ny-raise,us-tx-traiga,us-ca-ab2013,us-ca-sb942,us-ca-sb243,us-il-hb3773")]
    // SB 53, TRAIGA, AB 2013, SB 243 and Illinois HB 3773 from 2026-01-01; SB 942 (as amended by AB 853) from
    // 2026-08-02; RAISE from 2027-01-01.
    [InlineData("2026-07-01", "eu-ai-act,us-ca-sb53,us-tx-traiga,us-ca-ab2013,us-ca-sb243,us-il-hb3773", "us-ny-raise,us-ca-sb942")]
    [InlineData("2026-08-01", "eu-ai-act,us-ca-sb53,us-tx-traiga,us-ca-ab2013,us-ca-sb243,us-il-hb3773", "us-ny-raise,us-ca-sb942")]
    [InlineData("2026-08-02", "eu-ai-act,us-ca-sb53,us-tx-traiga,us-ca-ab2013,us-ca-sb243,us-il-hb3773,us-ca-sb942", "us-ny-raise")]
    [InlineData("2027-01-01", "eu-ai-act,us-ca-sb53,us-ny-raise,us-tx-traiga,us-ca-ab2013,us-ca-sb942,us-ca-sb243,us-il-hb3773", "")]
    public void Without_names_the_bills_in_force_are_chosen_and_the_enacted_ones_to_come_are_named(string date, string inForce, string upcoming)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var selection = On(date);

        Assert.Equal(BillSelection.InForce, selection.Mode);
        // Exactly the bundled bills in force, and exactly those to come, whatever else the catalogue holds...
        Assert.Equal(Bundled.Defaults.Where(b => b.InForceOn(day)).Select(b => b.Id).Order(StringComparer.Ordinal), selection.Bills.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Bundled.Defaults.Where(b => b.ComesIntoForceAfter(day)).Select(b => b.Id).Order(StringComparer.Ordinal), selection.Upcoming.Select(b => b.Id).Order(StringComparer.Ordinal));
        // ...among them these, on the dates that change them; and what is in force is not also to come.
        Assert.Subset(selection.Bills.Select(b => b.Id).ToHashSet(), inForce.Split(',').ToHashSet());
        Assert.Subset(selection.Upcoming.Select(b => b.Id).ToHashSet(), upcoming.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet());
        Assert.Empty(selection.Bills.Select(b => b.Id).Intersect(selection.Upcoming.Select(b => b.Id)));
        Assert.All(selection.Bills, b => Assert.True(b.InForceOn(day)));
    }

    [Fact]
    public void On_2027_01_01_no_bill_of_the_laws_of_2026_is_still_to_come_and_the_repealed_Colorado_act_never_is()
    {
        var selection = On("2027-01-01");

        Assert.DoesNotContain(selection.Upcoming, b => b.Id is "us-ny-raise" or "us-co-sb26-189" or "kr-ai-basic-act" or "cn-ai-content-labelling" or "us-ut-ai-policy-act");
        Assert.DoesNotContain(selection.Bills.Concat(selection.Upcoming), b => b.Id is "us-co-sb205" or "us-ca-sb1047" or "us-eo-14110");
    }

    [Fact]
    public void All_is_every_bundled_bills_default_version_and_may_sit_beside_named_versions()
    {
        var all = On("2026-07-01", ["all"]);
        Assert.Equal(BillSelection.All, all.Mode);
        Assert.Equal(Bundled.Defaults, all.Bills);
        Assert.Empty(all.Upcoming);

        var plus = On("2026-07-01", ["all", "us-ca-sb1047@2024-02-introduced"]);
        Assert.Contains(plus.Bills, b => b.Key == "us-ca-sb1047@2024-02-introduced");
        Assert.Contains(plus.Bills, b => b.Key == "us-ca-sb1047@2024-08-enrolled");
    }

    [Fact]
    public void A_named_bill_is_chosen_whatever_its_status_and_an_unknown_one_is_an_error_at_its_place()
    {
        Assert.Equal(["us-ca-sb1047"], On("2026-07-01", ["us-ca-sb1047"]).Bills.Select(b => b.Id));

        var error = Assert.Throws<InvalidInputException>(() => On("2026-07-01", ["all", "us-ca-sb9999"]));
        Assert.Equal("/bills/1", Assert.Single(error.Errors).Pointer);
    }

    [Theory]
    [InlineData("us-ca-sb1047@2024-08-enrolled", "2026-07-01", "vetoed on 2024-09-29: not law")]
    [InlineData("us-ca-sb1047@2024-02-introduced", "2026-07-01", "vetoed on 2024-09-29: not law")]
    [InlineData("us-ca-sb53@2025-09-chaptered", "2025-12-31", "enacted: in force from 2026-01-01")]
    [InlineData("us-ca-sb53@2025-09-chaptered", "2026-01-01", "enacted: in force since 2026-01-01")]
    [InlineData("us-eo-14110@2023-10-30", "2024-06-01", "in force since 2023-10-30; revoked with effect from 2025-01-20")]
    [InlineData("us-eo-14110@2023-10-30", "2026-07-01", "revoked on 2025-01-20: no longer law (in force 2023-10-30 to 2025-01-20)")]
    [InlineData("us-co-sb205@2024-05-enacted", "2026-07-01", "repealed on 2026-05-14 before it applied: never in force")]
    [InlineData("us-co-sb26-189@2026-05-enacted", "2026-12-31", "enacted: in force from 2027-01-01")]
    [InlineData("us-ut-ai-policy-act@2025-amended", "2027-07-01", "enacted: in force since 2024-05-01")]
    [InlineData("kr-ai-basic-act@2026-01-22", "2026-01-22", "enacted: in force since 2026-01-22")]
    [InlineData("cn-ai-content-labelling@2025-03-07", "2025-08-31", "enacted: in force from 2025-09-01")]
    [InlineData("proposal-deployment-only@2024-06", "2026-07-01", "hypothetical: a proposal modelled as a bill, not law")]
    public void Each_bill_states_its_standing_in_words(string key, string date, string expected)
    {
        var pack = Bundled.Find(key)!;
        Assert.Equal(expected, pack.StatusText(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
