using System.Text.Json.Nodes;

namespace Compliance.Cli.Tests;

/// <summary>compliance evaluate and gate choose bills as the service does, and the report says which and why.</summary>
public sealed class EvaluateCommandTests
{
    [Fact]
    public void Without_a_bill_evaluate_answers_under_the_bills_in_force_and_names_those_still_to_come()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("bills in force on 2026-12-02", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb53@2025-09-chaptered", run.Out, StringComparison.Ordinal);
        Assert.Contains("enacted: in force since 2026-01-01", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("us-ca-sb1047", run.Out, StringComparison.Ordinal); // vetoed: evaluated only when named
        Assert.DoesNotContain("proposal-", run.Out, StringComparison.Ordinal);
        Assert.Contains("Not evaluated: enacted, in force later", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ny-raise@2026-amended", run.Out, StringComparison.Ordinal);
        Assert.Contains("from 2027-01-01", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bill_all_evaluates_every_bill_and_says_a_vetoed_bill_is_not_law()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02", "--bill", "all");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("every bill, whatever its status", run.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb1047@2024-08-enrolled", run.Out, StringComparison.Ordinal);
        Assert.Contains("vetoed on 2024-09-29: not law", run.Out, StringComparison.Ordinal);
        Assert.Contains("hypothetical: a proposal modelled as a bill, not law", run.Out, StringComparison.Ordinal);
        // A bill that lists nothing says why instead of "no obligations".
        Assert.Contains("Nothing is owed under this bill", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("no obligations", run.Out, StringComparison.Ordinal);
        // SB 942 owes this chat API nothing yet; its large-platform duties, undetermined, apply from 2027-01-01.
        Assert.Contains("no duty owed yet: those below apply later", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_gives_each_duty_its_role_its_reason_its_certainty_and_an_overdue_mark()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02", "--bill", "us-ca-sb53", "--bill", "us-ca-sb1047");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("│ role ", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ developer ", run.Out, StringComparison.Ordinal);
        Assert.Contains("Owed:", run.Out, StringComparison.Ordinal);
        Assert.Contains("Undetermined:", run.Out, StringComparison.Ordinal);
        Assert.Contains("overdue 215 days", run.Out, StringComparison.Ordinal);
        Assert.Contains("unsettled", run.Out, StringComparison.Ordinal); // SB 1047's duties rest on figures the enrolled text leaves open
        Assert.Contains("the bills named, whatever their status", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_filter_keeps_that_roles_duties_and_says_the_answer_is_filtered()
    {
        var text = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02", "--bill", "eu-ai-act", "--role", "deployer");
        var json = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02", "--bill", "eu-ai-act", "--role", "deployer", "--role", "provider",
            "--status", "outstanding", "--format", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("only role deployer", text.Out, StringComparison.Ordinal);
        Assert.Contains("eu-ai-act/ai-literacy", text.Out, StringComparison.Ordinal);
        Assert.Contains("│ deployer ", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("│ provider ", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("eu-ai-act/chatbot-disclosure", text.Out, StringComparison.Ordinal);

        Assert.Equal(0, json.ExitCode);
        var result = JsonNode.Parse(json.Out)!;
        Assert.Equal(["deployer", "provider"], result["filter"]!["role"]!.AsArray().Select(r => (string)r!));
        var obligations = result["bills"]![0]!["obligations"]!.AsArray();
        Assert.Contains(obligations, o => (string)o!["id"]! == "eu-ai-act/chatbot-disclosure");
        Assert.All(obligations, o => Assert.Equal("outstanding", (string)o!["status"]!));
        Assert.Empty(Rules.Json.SchemaValidator.Evaluation.Validate(result));
    }

    [Fact]
    public void A_jurisdiction_filter_keeps_the_bills_of_that_place()
    {
        var run = Cli.Compliance("evaluate", "examples/api-deployment.json", "--as-of", "2026-12-02", "--bill", "all", "--jurisdiction", "EU", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["eu-ai-act"], JsonNode.Parse(run.Out)!["bills"]!.AsArray().Select(b => (string)b!["bill"]!));
    }

    [Theory]
    [InlineData("--role", "lawyer", "--role: 'lawyer' is not one of developer, provider, deployer")]
    [InlineData("--phase", "launch", "--phase: 'launch' is not one of training, release")]
    [InlineData("--status", "late", "--status: 'late' is not one of outstanding, satisfied, undetermined")]
    [InlineData("--jurisdiction", "California", "--jurisdiction: 'California' is not a jurisdiction code")]
    public void A_bad_filter_exits_2_on_one_line_naming_the_option_and_the_values_allowed(string option, string value, string message)
    {
        ExitContract.CouldNotEvaluate(Cli.Compliance("evaluate", "examples/api-deployment.json", option, value), message);
    }

    [Fact]
    public void The_gate_names_each_enforced_bills_status_whether_in_force_or_named()
    {
        var inForce = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", "2026-12-02");
        var named = Cli.Compliance("gate", "examples/frontier-release.json", "--activity", "release", "--as-of", "2026-12-02", "--bill", "us-ca-sb1047");

        Assert.Equal(1, inForce.ExitCode);
        Assert.Contains("enforced (in force on 2026-12-02):", inForce.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb53@2025-09-chaptered  enacted: in force since 2026-01-01", inForce.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("us-ca-sb1047", inForce.Out, StringComparison.Ordinal);

        Assert.Equal(1, named.ExitCode);
        Assert.Contains("enforced (named):", named.Out, StringComparison.Ordinal);
        Assert.Contains("us-ca-sb1047@2024-08-enrolled  vetoed on 2024-09-29: not law", named.Out, StringComparison.Ordinal);
    }
}
