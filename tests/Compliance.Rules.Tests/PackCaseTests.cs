using Compliance.Rules.Packs;
using Compliance.Rules.Testing;

namespace Compliance.Rules.Tests;

/// <summary>Every test case every bundled bill ships, one xunit case each.</summary>
public sealed class PackCaseTests
{
    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var pack in BillCatalog.Bundled.Packs)
        {
            for (var i = 0; i < pack.Tests.Count; i++)
            {
                data.Add(pack.Key, i, pack.Tests[i]["name"]!.GetValue<string>());
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pack_case_produces_the_expected_classifications_and_obligations(string pack, int index, string name)
    {
        var bill = BillCatalog.Bundled.Find(pack)!;
        var result = PackTestRunner.RunCase(bill, bill.Tests[index], index);
        Assert.True(result.Passed, $"{pack} case {index} '{name}':\n  " + string.Join("\n  ", result.Failures));
    }

    [Fact]
    public void Every_bundled_bill_ships_at_least_fifteen_cases()
    {
        foreach (var pack in BillCatalog.Bundled.Packs)
        {
            Assert.True(pack.Tests.Count >= 15, $"{pack.Key} ships {pack.Tests.Count} cases");
        }
    }

    [Fact]
    public void Sb1047_enrolled_ships_at_least_twenty_five_cases()
    {
        Assert.True(BillCatalog.Bundled.Find("us-ca-sb1047@2024-08-enrolled")!.Tests.Count >= 25);
    }
}
