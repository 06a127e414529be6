using Compliance.Rules.Evaluation;
using Compliance.Rules.Json;
using Compliance.Rules.Lineage;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>A reader's filter over a decision: what it keeps, what it never touches, and the values it refuses.</summary>
public sealed class ResultFilterTests
{
    private const string Chat = """
        { "schemaVersion": "1", "id": "acme/frontier-chat", "developer": { "name": "Acme AI" },
          "training": { "computeFlop": 3.0e26, "costUsd": 4.0e8 },
          "release": { "weights": "none" },
          "deployments": [ { "id": "acme-chat", "channel": "api", "date": "2026-05-01", "jurisdictions": ["US-CA", "EU"],
            "interactsWithNaturalPersons": true, "generatesSyntheticContent": ["text"] } ] }
        """;

    private static readonly DateOnly AsOf = new(2026, 12, 2);

    private static EvaluationResult Decision()
    {
        var selection = BillSelection.For(null, AsOf, BillCatalog.Bundled, BillCatalog.Bundled, "/bills");
        var options = new EvaluationOptions { AsOf = AsOf, Trace = false, Selection = selection.Mode, UpcomingBills = selection.Upcoming };
        return Evaluator.Evaluate(LineageResolver.Resolve(TestPacks.Manifest(Chat), _ => null), selection.Bills, options);
    }

    private static ResultFilter Parse(string[]? role = null, string[]? phase = null, string[]? status = null, string[]? jurisdiction = null) =>
        ResultFilter.Parse(role, phase, status, jurisdiction, name => "?" + name);

    [Fact]
    public void No_values_make_an_empty_filter_that_gives_back_the_decision_itself()
    {
        var decision = Decision();
        var filter = Parse(role: [], phase: null);

        Assert.True(filter.IsEmpty);
        Assert.Same(decision, filter.Apply(decision));
    }

    [Fact]
    public void Roles_phases_and_statuses_are_each_any_of_and_together_all_of()
    {
        var decision = Decision();
        var filtered = Parse(role: ["developer", "provider"], phase: ["deployment", "incident"], status: ["outstanding"]).Apply(decision);

        var kept = filtered.Bills.SelectMany(b => b.Obligations).ToList();
        var expected = decision.Bills.SelectMany(b => b.Obligations)
            .Where(o => o.Role is "developer" or "provider" && o.Phases.Intersect(["deployment", "incident"]).Any() && o.Status == ObligationStatus.Outstanding)
            .Select(o => o.Id + o.Deployment).ToList();
        Assert.NotEmpty(kept);
        Assert.Equal(expected, kept.Select(o => o.Id + o.Deployment));
        Assert.Equal(decision.Bills.Select(b => b.Bill), filtered.Bills.Select(b => b.Bill)); // bills stay: only jurisdiction drops one
        Assert.Equal(decision.Activities, filtered.Activities);
        Assert.Equal(["developer", "provider"], filtered.Filter!.Role);
        Assert.Null(decision.Filter);
    }

    [Fact]
    public void Penalties_follow_the_duties_kept_and_a_bill_left_with_none_says_why()
    {
        var filtered = Parse(role: ["deployer"]).Apply(Decision());

        foreach (var bill in filtered.Bills)
        {
            var named = bill.Obligations.Select(o => o.Penalty).OfType<string>().ToHashSet();
            Assert.Equal(named.Order(), (bill.Penalties?.Keys ?? []).Order());
            Assert.All(bill.Upcoming, u => Assert.Equal("deployer", u.Role));
        }
        var sb53 = filtered.Bills.Single(b => b.Bill == "us-ca-sb53");
        Assert.Empty(sb53.Obligations);
        Assert.Matches(@"^None of the \d+ duties listed for this manifest matches the filter \(role deployer\)\.$", sb53.Because);
    }

    [Theory]
    [InlineData("EU", new[] { "eu-ai-act" }, new[] { "us-ca-sb53", "kr-ai-basic-act", "cn-ai-content-labelling", "us-ut-ai-policy-act" })]
    [InlineData("US-CA", new[] { "us-ca-sb53", "us-ca-ab2013", "us-ca-sb243", "us-ca-sb942" }, new[] { "eu-ai-act", "us-ut-ai-policy-act", "kr-ai-basic-act" })]
    [InlineData("us", new[] { "us-ca-sb53", "us-ut-ai-policy-act", "us-ca-ab2013", "us-ca-sb243", "us-ca-sb942", "us-il-hb3773", "us-tx-traiga" }, new[] { "eu-ai-act", "kr-ai-basic-act", "cn-ai-content-labelling" })]
    [InlineData("US-TX", new[] { "us-tx-traiga" }, new[] { "us-ca-sb53", "eu-ai-act", "us-ut-ai-policy-act" })]
    [InlineData("DE", new[] { "eu-ai-act" }, new[] { "us-ca-sb53", "kr-ai-basic-act" })]
    [InlineData("KR", new[] { "kr-ai-basic-act" }, new[] { "eu-ai-act", "us-ca-sb53", "cn-ai-content-labelling" })]
    [InlineData("US-NY", new string[0], new[] { "us-ca-sb53", "eu-ai-act", "us-ut-ai-policy-act" })]
    public void A_jurisdiction_keeps_the_bills_of_that_place_of_the_places_within_it_and_of_those_containing_it(string code, string[] kept, string[] dropped)
    {
        var decision = Decision();
        var filtered = Parse(jurisdiction: [code]).Apply(decision);

        var bills = filtered.Bills.Select(b => b.Bill).ToList();
        Assert.All(kept, b => Assert.Contains(b, bills));
        Assert.All(dropped, b => Assert.Contains(b, decision.Bills.Select(d => d.Bill)));
        Assert.All(dropped, b => Assert.DoesNotContain(b, bills));
        // Whatever else the catalogue holds, a bill kept is one of that place, of a place within it, or of one containing it.
        var place = code.ToUpperInvariant();
        Assert.All(filtered.Bills, b => Assert.True(
            b.Jurisdiction == place || b.Jurisdiction.StartsWith(place + "-", StringComparison.Ordinal) || place.StartsWith(b.Jurisdiction + "-", StringComparison.Ordinal)
            || (b.Jurisdiction == "EU" && place == "DE"), $"{b.Bill} ({b.Jurisdiction}) kept for {place}"));
        Assert.Equal(place, Assert.Single(filtered.Filter!.Jurisdiction!));
    }

    [Fact]
    public void A_jurisdiction_also_narrows_the_bills_to_come()
    {
        var decision = Decision();

        Assert.Contains(decision.Upcoming!, u => u.Bill == "us-ny-raise");
        Assert.Contains(Parse(jurisdiction: ["US"]).Apply(decision).Upcoming!, u => u.Bill == "us-ny-raise");
        Assert.Empty(Parse(jurisdiction: ["US-CA"]).Apply(decision).Upcoming!);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_at_its_pointer_with_the_values_allowed()
    {
        var e = Assert.Throws<InvalidInputException>(() => Parse(role: ["developer", "lawyer"], phase: ["launch"], status: ["late"], jurisdiction: ["California", "US-CA"]));

        Assert.Equal(["?role", "?phase", "?status", "?jurisdiction"], e.Errors.Select(x => x.Pointer));
        Assert.Equal("'lawyer' is not one of developer, provider, deployer, cluster-operator, importer, distributor, authorised-representative, operator", e.Errors[0].Message);
        Assert.Contains("training, release, deployment, incident, periodic", e.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("'California' is not a jurisdiction code", e.Errors[3].Message, StringComparison.Ordinal);
    }
}
