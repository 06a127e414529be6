using Compliance.Rules.Evaluation;
using Compliance.Rules.Manifests;
using Compliance.Rules.Packs;
using Compliance.Rules.Rendering;

namespace Compliance.Rules.Tests;

/// <summary>What the memo says of a decision, held on results written by hand so each mark is tested on its own.</summary>
public sealed class DecisionMemoTests
{
    private const string Hostile = "[x](javascript:alert(1)) <script>alert(1)</script> `code` *bold* & &amp; | pipe\n# heading";

    private static ObligationResult Duty(string id, ObligationStatus status = ObligationStatus.Outstanding) => new()
    {
        Id = "test-bill/" + id,
        Title = "Publish a " + id,
        Citation = "§ 1(" + id + ")",
        Phase = "deployment",
        Phases = ["deployment"],
        Holder = "developer",
        Role = "developer",
        Blocking = true,
        Status = status,
        Url = "https://law.example/section-1",
        Certainty = Certainty.Primary,
        Because = "Owed: the test says so.",
        Needs = [],
    };

    private static BillResult Bill(params ObligationResult[] duties) => new()
    {
        Bill = "test-bill",
        Version = "1",
        Title = "Test Act",
        Status = "enacted",
        StatusText = "enacted: in force since 2026-01-01",
        Jurisdiction = "US-CA",
        Source = "https://law.example/act",
        Digest = "sha256:bill",
        InForce = true,
        Definitions = [],
        Obligations = duties,
        Upcoming = [],
    };

    private static EvaluationResult Result(params BillResult[] bills) => new()
    {
        AsOf = "2026-12-02",
        ManifestId = "acme/model",
        ManifestDigest = "sha256:manifest",
        Lineage = [new LineageEntry("acme/model", "sha256:manifest", [])],
        Activities = [new ActivityResult { Activity = ActivityKind.Deployment, Deployment = "chat", Because = "channel = api" }],
        Selection = BillSelection.InForce,
        Bills = bills,
    };

    private static readonly Manifest Model = new()
    {
        SchemaVersion = "1",
        Id = "acme/model",
        Name = "Model",
        Deployments = [new Deployment { Id = "chat", Channel = "api", Jurisdictions = ["US-CA"] }],
    };

    private static string Memo(EvaluationResult result, Manifest? manifest = null) => DecisionMemo.Markdown(result, manifest ?? Model, "test");

    [Fact]
    public void A_manifests_names_stay_text_in_the_markdown_and_the_html()
    {
        var manifest = Model with
        {
            Id = "acme/`evil`",
            Name = Hostile,
            Developer = new Organisation { Name = Hostile },
            Deployments = [new Deployment { Id = "chat`](javascript:x)", Channel = Hostile, Jurisdictions = [Hostile] }],
        };
        var result = Result(Bill(Duty("report"))) with
        {
            Activities = [new ActivityResult { Activity = ActivityKind.Deployment, Deployment = "chat`](javascript:x)", Because = Hostile }],
        };

        var markdown = Memo(result, manifest);
        var html = MemoHtml.Document(DecisionMemo.Title(result, manifest), markdown);

        Assert.Contains(@"\[x\](javascript:alert(1)) \<script\>alert(1)\</script\> \`code\` \*bold\* \& \&amp; \| pipe # heading", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("\n# heading", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
        Assert.Contains("[x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt; `code` *bold* &amp; &amp;amp; | pipe # heading", html, StringComparison.Ordinal);
        Assert.Contains("<code>chat`](javascript:x)</code>", html, StringComparison.Ordinal);
        Assert.Contains("<title>What is owed for [x](javascript:alert(1)) &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<h1>"), part => part.Contains("</h1>", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pack_address_that_is_not_http_is_printed_as_text_not_a_link()
    {
        var duty = Duty("report") with { Url = "javascript:alert(1)", Citation = "§ 1](javascript:alert(2))" };

        var html = MemoHtml.Document("t", Memo(Result(Bill(duty))));

        Assert.DoesNotContain("javascript:alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.Ordinal);
        Assert.Contains("§ 1](javascript:alert(2))", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_citation_links_to_its_section_with_parentheses_kept_inside_the_address()
    {
        var duty = Duty("report") with { Citation = "BPC § 22757.12(c)(1)", Url = "https://law.example/a_(b)?x=1&y=2" };

        var markdown = Memo(Result(Bill(duty)));

        Assert.Contains("[BPC § 22757.12(c)(1)](https://law.example/a_%28b%29?x=1&y=2)", markdown, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://law.example/a_%28b%29?x=1&amp;y=2\">BPC § 22757.12(c)(1)</a>", MemoHtml.Document("t", markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void An_overdue_duty_says_so_with_its_days_and_a_weaker_source_says_how_weak()
    {
        var overdue = Duty("report") with { Due = "before deploying", DueDate = "2026-05-01", Overdue = new Overdue("2026-05-01", 215) };
        var secondary = Duty("label") with { Certainty = Certainty.Secondary };
        var unsettled = Duty("notice") with { Certainty = Certainty.Unsettled };

        var markdown = Memo(Result(Bill(overdue, secondary, unsettled)));

        Assert.Contains("1. **Publish a report** — [§ 1(report)](https://law.example/section-1)\n   - **Owed**; blocks the deployment until met · **OVERDUE by 215 days** (due since 2026-05-01)\n   - Due: before deploying (2026-05-01)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("2. **Publish a label**", markdown, StringComparison.Ordinal);
        Assert.Contains("   - **Certainty:** secondary source only\n", markdown, StringComparison.Ordinal);
        Assert.Contains("   - **Certainty:** unsettled reading\n", markdown, StringComparison.Ordinal);
        Assert.Equal(2, markdown.Split("**Certainty:**").Length - 1);
        Assert.Contains("| Test Act | enacted: in force since 2026-01-01 | 3 | 1 | 0 | 0 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_facts_to_settle_are_listed_once_each_with_the_duties_they_settle_those_settling_most_first()
    {
        var a = Duty("a", ObligationStatus.Undetermined) with { Needs = ["deployment.practices"] };
        var b = Duty("b", ObligationStatus.Undetermined) with { Needs = ["developer.annualRevenueUsd", "deployment.practices"] };
        var c = Duty("c", ObligationStatus.Undetermined) with { Needs = ["developer.annualRevenueUsd"] };
        var d = Duty("d", ObligationStatus.Undetermined) with { Needs = ["developer.annualRevenueUsd"] };

        var markdown = Memo(Result(Bill(a, b, c, d)));

        Assert.Contains("   - **Undetermined**: needs `developer.annualRevenueUsd`, `deployment.practices`; blocks the deployment until met\n", markdown, StringComparison.Ordinal);
        var settle = markdown[markdown.IndexOf("## To settle", StringComparison.Ordinal)..];
        Assert.Contains(
            "- `developer.annualRevenueUsd` — developer's gross revenue with affiliates, preceding calendar year. Needed to settle duties 2, 3 and 4.\n"
            + "- `deployment.practices` — practices the system engages in (EU AI Act Art. 5, Art. 50(3)). Needed to settle duties 1 and 2.\n", settle, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bill_that_asks_nothing_gets_its_reason_and_a_bill_not_in_force_says_so_above_its_duties()
    {
        var quiet = Bill() with { Bill = "quiet", Title = "Quiet Act", Because = "Nothing is owed under this bill: training compute of 1.0e20 FLOP is not greater than 1.0e26 FLOP." };
        var vetoed = Bill(Duty("report")) with { Bill = "vetoed", Title = "Vetoed Act", Status = "vetoed", StatusText = "vetoed on 2024-09-29: not law", InForce = false };

        var markdown = Memo(Result(quiet, vetoed) with { Selection = BillSelection.Named });

        Assert.Contains("## Bills under which nothing is owed\n\n- **Quiet Act** — enacted: in force since 2026-01-01 (`quiet@1`). Nothing is owed under this bill: training compute of 1.0e20 FLOP is not greater than 1.0e26 FLOP.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Vetoed Act — vetoed on 2024-09-29: not law\n", markdown, StringComparison.Ordinal);
        Assert.Contains("> **Not in force on 2026-12-02:** vetoed on 2024-09-29: not law. The duties below are what the bill would ask; nothing is owed under it.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("under the bills named in the request, whatever their status", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Bills_and_duties_still_to_come_are_named_with_their_dates()
    {
        var bill = Bill(Duty("report")) with { Upcoming = [new UpcomingObligation("test-bill/later", "Keep the logs", "§ 26(6)", "2027-12-02") { Role = "deployer" }] };
        var result = Result(bill) with { Upcoming = [new UpcomingBill("us-ny-raise", "2026-amended", "New York RAISE Act", "US-NY", "2027-01-01", "enacted: in force from 2027-01-01")] };

        var markdown = Memo(result);

        Assert.Contains("### Duties that apply later\n\n- From 2027-12-02: Keep the logs (§ 26(6)), for the deployer.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Bills not yet in force\n\nEnacted, in force after 2026-12-02, and not evaluated here:\n\n- **New York RAISE Act** (`us-ny-raise@2026-amended`, US-NY): in force from 2027-01-01.\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Penalties_are_printed_once_per_bill_and_duties_point_to_them()
    {
        var bill = Bill(Duty("a") with { Penalty = "civil" }, Duty("b") with { Penalty = "civil" }) with
        {
            Penalties = new Dictionary<string, Penalty> { ["civil"] = new("up to $1,000,000 per violation", "§ 15", Certainty.Unsettled) },
        };

        var markdown = Memo(Result(bill));

        Assert.Equal(2, markdown.Split("   - Penalty: see A below\n").Length - 1);
        Assert.Single(markdown.Split("up to $1,000,000").Skip(1));
        Assert.Contains("### Penalties\n\n- **A.** up to $1,000,000 per violation (§ 15). **Certainty:** unsettled reading.\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_record_gives_the_decision_or_says_it_was_not_stored_and_every_digest()
    {
        var stored = Result(Bill(Duty("a"))) with { Id = "ev_1", CreatedAt = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero) };

        Assert.Contains("- **Decision:** `ev_1`\n- **Made:** 2026-12-02T09:00:00.0000000+00:00\n", Memo(stored), StringComparison.Ordinal);
        var cli = Memo(Result(Bill(Duty("a"))));
        Assert.Contains("- **Decision:** not stored (CLI run)\n- **As of:** 2026-12-02; bills chosen: the bills in force on 2026-12-02\n- **Manifest:** `acme/model`, `sha256:manifest`\n- **Bill:** `test-bill@1`, `sha256:bill`\n- **Engine:** Compliance.Rules test\n", cli, StringComparison.Ordinal);
    }

    [Fact]
    public void Duties_are_grouped_by_role_then_phase_and_numbered_in_the_order_printed()
    {
        var deployer = Duty("deployer-duty") with { Role = "deployer" };
        var incident = Duty("incident-duty") with { Phase = "incident" };
        var training = Duty("training-duty") with { Phase = "training" };

        var markdown = Memo(Result(Bill(deployer, incident, training)));

        var order = new[] { "### Duties of the deployer", "#### On deployment", "1. **Publish a deployer-duty**", "### Duties of the developer", "#### Before and during training", "2. **Publish a training-duty**", "#### When an incident occurs", "3. **Publish a incident-duty**" }
            .Select(s => markdown.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Tenth_duties_indent_their_details_under_the_wider_number()
    {
        var duties = Enumerable.Range(1, 10).Select(i => Duty("d" + i)).ToArray();

        var markdown = Memo(Result(Bill(duties)));

        Assert.Contains("9. **Publish a d9**", markdown, StringComparison.Ordinal);
        Assert.Contains("10. **Publish a d10** — [§ 1(d10)](https://law.example/section-1)\n    - **Owed**", markdown, StringComparison.Ordinal);
        Assert.Equal(10, MemoHtml.Document("t", markdown).Split("<li>Publish").Length - 1 + MemoHtml.Document("t", markdown).Split("<li><strong>Publish").Length - 1);
    }

    [Theory]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`", "`` ` ``")]
    [InlineData("x\ny", "`x y`")]
    public void A_code_span_is_fenced_past_any_backticks_inside(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Code(text));
}
