using Compliance.Rules.Checking;
using Compliance.Rules.Packs;

namespace Compliance.Rules.Tests;

/// <summary>Each static check with a pack crafted to trip it and the same pack put right, which passes clean.</summary>
public sealed class PackCheckTests
{
    /// <summary>A small pack with nothing to report: every check below breaks one thing in it.</summary>
    private const string Clean = """
        parameters:
          big: { value: 1e26, unit: FLOP, citation: "§ 1", description: "trained with more than {big} operations" }
        definitions:
          covered: { title: Covered model, citation: "§ 1", when: { fact: training.computeFlop, gt: $big } }
        obligations:
          - { id: report, title: Report, citation: "§ 2", phase: training, holder: developer, when: { definition: covered } }
        """;

    private static IReadOnlyList<CheckFinding> Findings(string body) => PackChecker.Check(TestPacks.Load(body)).Findings;

    private static (CheckSeverity, string, string) Only(string body)
    {
        var finding = Assert.Single(Findings(body));
        return (finding.Severity, finding.Rule, finding.Pointer);
    }

    [Fact]
    public void A_clean_pack_has_nothing_to_report()
    {
        Assert.Empty(Findings(Clean));
    }

    [Theory]
    [InlineData("gte")]
    [InlineData("lt")]
    [InlineData("lte")]
    public void A_comparison_that_disagrees_at_the_threshold_with_its_cited_words_is_an_error(string op)
    {
        var body = Clean.Replace("gt: $big", $"{op}: $big", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Error, CheckRules.Operator, $"/definitions/covered/when/{op}"), Only(body));
        Assert.Contains("just below, at and just above 10^26", Assert.Single(Findings(body)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("at least {big}", "gte")]
    [InlineData("equal to or greater than {big}", "gte")]
    [InlineData("{big} or more", "gte")]
    [InlineData("in excess of {big}", "gt")]
    [InlineData("exceeding {big}", "gt")]
    [InlineData("over {big}", "gt")]
    [InlineData("not exceeding {big}", "lte")]
    [InlineData("fewer than {big}", "lt")]
    public void The_words_of_the_statute_decide_which_operator_is_right(string words, string op)
    {
        var body = Clean.Replace("trained with more than {big} operations", words, StringComparison.Ordinal).Replace("gt: $big", $"{op}: $big", StringComparison.Ordinal);
        Assert.Empty(Findings(body));
    }

    [Fact]
    public void The_words_beside_the_parameter_in_the_definition_outrank_the_parameters_own()
    {
        // SB 1047: (e)(1)(A)(ii) says "equal to or greater than" 3 × 10^25, § 22602(i) "greater than" the same figure.
        var body = Clean.Replace("title: Covered model,", "title: Covered model, description: \"fine-tuned with at least {big} operations\",", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Error, CheckRules.Operator, "/definitions/covered/when/gt"), Only(body));
        Assert.Empty(Findings(body.Replace("gt: $big", "gte: $big", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_threshold_whose_texts_name_no_comparison_is_a_warning()
    {
        var body = Clean.Replace("trained with more than {big} operations", "the compute threshold", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Warning, CheckRules.Operator, "/parameters/big"), Only(body));
    }

    [Fact]
    public void Two_dated_values_from_one_date_overlap()
    {
        var body = Clean.Replace("description: \"trained", """
            values: [{ from: 2027-01-01, value: 1e25, citation: "§ 1a" }, { from: 2027-01-01, value: 3e25, citation: "§ 1b" }], description: "trained
            """.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Error, CheckRules.Dates, "/parameters/big/values/1/from"), Only(body));
        Assert.Empty(Findings(body.Replace("{ from: 2027-01-01, value: 3e25", "{ from: 2028-01-01, value: 3e25", StringComparison.Ordinal)));
    }

    private static string WithTransition(string cutOff, string appliesFrom = "2027-08-02") => Clean.Replace(
        "when: { definition: covered } }",
        $$"""appliesFrom: 2025-08-02, transitions: [{ appliesFrom: {{appliesFrom}}, citation: "§ 9", when: { fact: release.date, {{cutOff}} } }], when: { definition: covered } }""",
        StringComparison.Ordinal);

    [Fact]
    public void A_transition_for_acts_before_the_duty_applies_passes_when_its_cut_off_meets_the_start()
    {
        Assert.Empty(Findings(WithTransition("lt: 2025-08-02")));
        Assert.Empty(Findings(WithTransition("lte: 2025-08-01")));
    }

    [Fact]
    public void A_transition_cut_off_before_the_start_leaves_a_gap_and_one_after_it_an_overlap()
    {
        var gap = Assert.Single(Findings(WithTransition("lt: 2025-07-01")));
        Assert.Equal((CheckSeverity.Error, CheckRules.Dates, "/obligations/0/transitions/0/when/lt"), (gap.Severity, gap.Rule, gap.Pointer));
        Assert.Contains("2025-07-01 to 2025-08-01 fall in the gap", gap.Message, StringComparison.Ordinal);
        var overlap = Assert.Single(Findings(WithTransition("lte: 2025-08-02")));
        Assert.Contains("2025-08-02 to 2025-08-02 are both subject and deferred", overlap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transition_to_a_date_no_later_than_the_start_defers_nothing()
    {
        Assert.Equal((CheckSeverity.Error, CheckRules.Dates, "/obligations/0/transitions/0/appliesFrom"), Only(WithTransition("lt: 2025-08-02", appliesFrom: "2025-08-02")));
    }

    [Fact]
    public void Two_transitions_to_different_dates_that_can_hold_together_overlap()
    {
        var body = Clean.Replace("when: { definition: covered } }", """
            appliesFrom: 2025-08-02, transitions: [{ appliesFrom: 2027-08-02, citation: "§ 9", when: { fact: release.date, lt: 2025-08-02 } }, { appliesFrom: 2026-08-02, citation: "§ 10", when: { fact: release.weights, eq: open } }], when: { definition: covered } }
            """.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Warning, CheckRules.Dates, "/obligations/0/transitions/1/when"), Only(body));
    }

    [Fact]
    public void A_duty_no_combination_of_facts_makes_owed_is_an_error()
    {
        var body = Clean.Replace("when: { definition: covered } }",
            "when: { all: [{ definition: covered }, { fact: training.computeFlop, lt: 1e25 }] } }", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Error, CheckRules.NeverTrue, "/obligations/0/when"), Only(body));
        Assert.Empty(Findings(body.Replace("lt: 1e25", "lt: 1e27", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_duty_that_can_only_be_undetermined_is_never_owed()
    {
        var body = Clean.Replace("when: { definition: covered } }",
            "when: { all: [{ definition: covered }, { fact: training.computeFlop, known: false }] } }", StringComparison.Ordinal);
        var finding = Assert.Single(Findings(body));
        Assert.Equal((CheckSeverity.Error, CheckRules.NeverTrue), (finding.Severity, finding.Rule));
        Assert.EndsWith("(at most undetermined)", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Three_valued_logic_keeps_a_duty_whose_condition_only_an_unknown_fact_negates()
    {
        // not(unknown) is unknown, never true: but a known fact below the line makes the duty owed.
        var body = Clean.Replace("when: { definition: covered } }",
            "when: { all: [{ definition: covered }, { not: { fact: release.weights, eq: open } }] } }", StringComparison.Ordinal);
        Assert.Empty(Findings(body));
    }

    [Fact]
    public void A_list_fact_must_include_an_item_it_is_asked_to_exclude_for_a_duty_to_be_never_owed()
    {
        var contradiction = Clean.Replace("when: { definition: covered } }",
            "when: { all: [{ definition: covered }, { fact: outputModalities, contains: image }, { not: { fact: outputModalities, intersects: [image, video] } }] } }", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Error, CheckRules.NeverTrue, "/obligations/0/when"), Only(contradiction));
        Assert.Empty(Findings(contradiction.Replace("[image, video]", "[audio, video]", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_duty_attached_only_to_an_act_the_bill_does_not_regulate_is_never_owed()
    {
        Assert.Equal((CheckSeverity.Error, CheckRules.NeverTrue, "/obligations/0/phase"), Only("regulates: [deployment]\n" + Clean));
    }

    [Fact]
    public void A_definition_that_is_never_true_is_a_warning()
    {
        var body = Clean.Replace("when: { fact: training.computeFlop, gt: $big } }",
            "when: { all: [{ fact: training.computeFlop, gt: $big }, { fact: training.computeFlop, lte: 1e20 }] } }", StringComparison.Ordinal);
        var findings = Findings(body);
        Assert.Contains(findings, f => (f.Severity, f.Rule, f.Pointer) == (CheckSeverity.Warning, CheckRules.NeverTrue, "/definitions/covered/when"));
        Assert.Contains(findings, f => (f.Severity, f.Rule, f.Pointer) == (CheckSeverity.Error, CheckRules.NeverTrue, "/obligations/0/when"));
    }

    [Fact]
    public void A_parameter_or_definition_nothing_uses_is_a_warning()
    {
        var body = Clean
            .Replace("parameters:\n", "parameters:\n  spare: { value: 5, unit: count, citation: \"§ 7\", description: \"at least {spare}\" }\n", StringComparison.Ordinal)
            .Replace("definitions:\n", "definitions:\n  idle: { title: Idle, citation: \"§ 8\", when: { fact: weights.parameters, gte: $spare } }\n", StringComparison.Ordinal);
        var findings = Findings(body).Select(f => (f.Severity, f.Rule, f.Pointer)).ToList();
        Assert.Equal([(CheckSeverity.Warning, CheckRules.Unused, "/definitions/idle")], findings);
        var unusedParameter = Findings(body.Replace("gte: $spare", "gte: 5", StringComparison.Ordinal)).Select(f => (f.Severity, f.Rule, f.Pointer));
        Assert.Equal([(CheckSeverity.Warning, CheckRules.Unused, "/definitions/idle"), (CheckSeverity.Warning, CheckRules.Unused, "/parameters/spare")], unusedParameter);
    }

    private const string Case = """
        tests:
          - name: a big model owes the report
            asOf: 2026-01-01
            manifest: { schemaVersion: "1", id: t/big, training: { status: planned, computeFlop: 2e26 } }
            expect: EXPECT
        """;

    [Fact]
    public void A_case_of_an_enacted_bill_without_an_exact_obligation_list_is_an_error()
    {
        Assert.Equal((CheckSeverity.Error, CheckRules.TestCases, "/tests/0/expect"), Only(Clean + "\n" + Case.Replace("EXPECT", "{ definitions: { covered: \"true\" } }", StringComparison.Ordinal)));
        Assert.Empty(Findings(Clean + "\n" + Case.Replace("EXPECT", "{ obligations: [report] }", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_case_of_a_proposal_may_leave_the_obligation_list_out()
    {
        var pack = PackLoader.Load(TestPacks.Header.Replace("status: enacted", "status: proposed", StringComparison.Ordinal) + "\n" + Clean
            + "\n" + Case.Replace("EXPECT", "{ definitions: { covered: \"true\" } }", StringComparison.Ordinal));
        Assert.Empty(PackChecker.Check(pack).Findings);
    }

    [Fact]
    public void A_case_naming_a_duty_or_definition_the_pack_lacks_is_an_error()
    {
        var findings = Findings(Clean + "\n" + Case.Replace("EXPECT", "{ obligations: [report, ghost], definitions: { phantom: \"true\" } }", StringComparison.Ordinal));
        Assert.Equal(["/tests/0/expect/definitions/phantom", "/tests/0/expect/obligations/1"], findings.Select(f => f.Pointer));
        Assert.All(findings, f => Assert.Equal((CheckSeverity.Error, CheckRules.TestCases), (f.Severity, f.Rule)));
    }

    [Fact]
    public void A_text_that_writes_out_a_parameters_value_instead_of_naming_it_is_a_warning()
    {
        var body = Clean.Replace("title: Covered model,", "title: Covered model, description: \"trained with more than 10^26 operations\",", StringComparison.Ordinal);
        Assert.Equal((CheckSeverity.Warning, CheckRules.RestatedValue, "/definitions/covered/description"), Only(body));
        Assert.Empty(Findings(body.Replace("more than 10^26", "more than {big}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Definitions_that_double_at_each_level_are_checked_in_bounded_time()
    {
        // d40 reaches d0 by 2^40 paths: each definition is tried once per combination, and the search has a budget.
        var levels = string.Concat(Enumerable.Range(1, 40).Select(i => $"  d{i}: {{ title: D{i}, citation: \"§ 1\", when: {{ all: [{{ definition: d{i - 1} }}, {{ any: [{{ definition: d{i - 1} }}, {{ fact: weights.parameters, gt: {i} }}] }}] }} }}\n"));
        var body = Clean
            .Replace("when: { definition: covered } }", "when: { definition: d40 } }", StringComparison.Ordinal)
            .Replace("definitions:\n", "definitions:\n  d0: { title: D0, citation: \"§ 1\", when: { definition: covered } }\n" + levels, StringComparison.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Empty(Findings(body));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Findings_come_errors_first_then_by_pointer_with_indexes_in_number_order()
    {
        var body = Clean.Replace("gt: $big", "gte: $big", StringComparison.Ordinal)
            .Replace("definitions:\n", "definitions:\n  idle: { title: Idle, citation: \"§ 8\", when: { fact: weights.parameters, gte: 5 } }\n", StringComparison.Ordinal)
            + "\n" + Case.Replace("EXPECT", "{ definitions: { covered: \"true\" } }", StringComparison.Ordinal);
        Assert.Equal(["/definitions/covered/when/gte", "/tests/0/expect", "/definitions/idle"], Findings(body).Select(f => f.Pointer));
        var cases = Clean + "\ntests:\n" + string.Concat(Enumerable.Range(0, 11).Select(i => Case.Replace("tests:\n", "", StringComparison.Ordinal).Replace("EXPECT", "{ inForce: true }", StringComparison.Ordinal) + "\n"));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => $"/tests/{i}/expect"), Findings(cases).Select(f => f.Pointer));
    }
}
