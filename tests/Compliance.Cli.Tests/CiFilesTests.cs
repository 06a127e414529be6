using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace Compliance.Cli.Tests;

/// <summary>
/// The files a CI engineer copies (the action, the GitLab template, the example jobs, the release workflow, the
/// README's section) held to what they promise: no runner runs them here, so their shape is checked.
/// </summary>
public sealed partial class CiFilesTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepositoryRoot.Path, .. path]));

    private static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string ToolVersion() =>
        XDocument.Parse(Read("cli", "Compliance.Cli", "Compliance.Cli.csproj")).Descendants("Version").Single().Value;

    [Fact]
    public void The_action_runs_the_gate_script_pins_the_tools_version_uploads_sarif_and_fails_last()
    {
        var action = Yaml("action.yml");
        var inputs = (YamlMappingNode)action["inputs"];
        var steps = ((YamlSequenceNode)action["runs"]["steps"]).Cast<YamlMappingNode>().ToList();
        string Field(YamlMappingNode step, string key) => step.Children.TryGetValue(key, out var value) ? value.ToString() : "";

        Assert.Equal("composite", action["runs"]["using"].ToString());
        foreach (var input in new[] { "manifests", "activity", "bills", "format", "upload-sarif", "version" })
        {
            Assert.True(inputs.Children.ContainsKey(input), $"no input {input}");
        }
        // The bills in force unless named; a version pinned to the one this commit builds.
        Assert.Equal("", inputs["bills"]["default"].ToString());
        Assert.Equal(ToolVersion(), inputs["version"]["default"].ToString());
        var gate = steps.Single(s => Field(s, "id") == "gate");
        Assert.Contains("$GITHUB_ACTION_PATH/.github/actions/gate.sh", Field(gate, "run"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, ".github", "actions", "gate.sh")));
        Assert.Equal("true", gate["env"]["COMPLIANCE_DEFER_EXIT"].ToString());
        var upload = steps.Single(s => Field(s, "uses").StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
        Assert.StartsWith("always()", Field(upload, "if"), StringComparison.Ordinal);
        Assert.Contains("inputs.upload-sarif == 'true'", Field(upload, "if"), StringComparison.Ordinal);
        // Each manifest's run names its own category: a category here would be written into all of them alike.
        Assert.False(((YamlMappingNode)upload["with"]).Children.ContainsKey("category"));
        var last = steps[^1];
        Assert.StartsWith("always()", Field(last, "if"), StringComparison.Ordinal);
        Assert.Contains("steps.gate.outputs.exit-code", last["env"]["GATE_EXIT_CODE"].ToString(), StringComparison.Ordinal);
        Assert.True(steps.IndexOf(upload) < steps.IndexOf(last));
    }

    [Fact]
    public void The_gate_script_installs_the_pinned_version_and_puts_the_global_tools_folder_on_the_path()
    {
        var script = Read(".github", "actions", "gate.sh");

        Assert.Contains("dotnet tool update --global Compliance.Cli --version \"$version\"", script, StringComparison.Ordinal);
        Assert.Contains("https://nuget.pkg.github.com/${owner}/index.json", script, StringComparison.Ordinal);
        Assert.Contains("tools=\"$HOME/.dotnet/tools\"", script, StringComparison.Ordinal);
        Assert.Contains("echo \"$tools\" >>\"$GITHUB_PATH\"", script, StringComparison.Ordinal);
        Assert.Contains("--memo", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gitlab_template_gates_under_the_bills_in_force_with_a_junit_report_kept_whatever_the_outcome()
    {
        var job = (YamlMappingNode)Yaml("ci-templates", "compliance.gitlab-ci.yml")[".compliance-gate"];
        var script = string.Join("\n", ((YamlSequenceNode)job["script"]).Select(s => s.ToString()));

        Assert.Equal("", job["variables"]["COMPLIANCE_BILLS"].ToString());
        Assert.Equal(ToolVersion(), job["variables"]["COMPLIANCE_VERSION"].ToString());
        Assert.Equal("always", job["artifacts"]["when"].ToString());
        Assert.Equal("$COMPLIANCE_REPORT_DIR/*.xml", job["artifacts"]["reports"]["junit"].ToString());
        Assert.Contains("dotnet tool install --global Compliance.Cli --version \"$COMPLIANCE_VERSION\"", script, StringComparison.Ordinal);
        Assert.Contains("export PATH=\"$PATH:$HOME/.dotnet/tools\"", script, StringComparison.Ordinal);
        Assert.Contains("--format junit", script, StringComparison.Ordinal);
        Assert.Contains("exit \"$worst\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_release_workflow_packs_the_tags_version_and_publishes_it_to_the_repositorys_feed_and_images_to_ghcr()
    {
        var workflow = Yaml(".github", "workflows", "release.yml");
        var text = Read(".github", "workflows", "release.yml");

        Assert.Equal("v*", ((YamlSequenceNode)workflow["on"]["push"]["tags"]).Single().ToString());
        Assert.Equal("write", workflow["permissions"]["packages"].ToString());
        Assert.Contains("version=\"${GITHUB_REF_NAME#v}\"", text, StringComparison.Ordinal);
        Assert.Contains("dotnet pack cli/Compliance.Cli -c Release -o packages", text, StringComparison.Ordinal);
        Assert.Contains("-p:Version=${{ steps.version.outputs.version }}", text, StringComparison.Ordinal);
        Assert.Contains("--source \"https://nuget.pkg.github.com/${{ github.repository_owner }}/index.json\"", text, StringComparison.Ordinal);
        Assert.Contains("target: service", text, StringComparison.Ordinal);
        Assert.Contains("target: cli", text, StringComparison.Ordinal);
        Assert.Contains("build-args: VERSION=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ci_examples_and_the_readme_gate_on_the_bills_in_force_and_install_a_pinned_version_from_a_feed()
    {
        var readme = Read("README.md");
        var start = readme.IndexOf("## Gate your release in CI", StringComparison.Ordinal);
        var section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        var examples = new[] { Read("examples", "ci", "github-actions.yml"), Read("examples", "ci", "gitlab-ci.yml"), Read("ci-templates", "compliance.gitlab-ci.yml"), section };

        foreach (var text in examples)
        {
            // No vetoed bill named, and no committed package folder to install from.
            Assert.DoesNotMatch(NamedVetoedBill(), text);
            Assert.DoesNotContain("./artifacts", text, StringComparison.Ordinal);
        }
        Assert.Contains($"dotnet tool install --global Compliance.Cli --version {ToolVersion()}", section, StringComparison.Ordinal);
        Assert.Contains("~/.dotnet/tools", section, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install --local", section, StringComparison.Ordinal);
        Assert.Contains("uses: OWNER/compliance@v", Read("examples", "ci", "github-actions.yml"), StringComparison.Ordinal);
        Assert.Contains("extends: .compliance-gate", Read("examples", "ci", "gitlab-ci.yml"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(--bill|bills:)\s*us-ca-sb1047")]
    private static partial Regex NamedVetoedBill();
}
