using System.Text.RegularExpressions;
using System.Xml.Linq;
using Compliance.Api.Telemetry;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Compliance.Api.Tests;

/// <summary>
/// No Docker engine or cluster runs where the tests run: what can be held without one is held here. The Dockerfile's
/// shape, the compose file and the Kubernetes manifest as YAML against the service's contract, and nginx's syntax.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepositoryRoot.Path, .. path]));

    private static List<string> DockerfileInstructions()
    {
        // One instruction per element: continuation lines joined, comments and blank lines dropped.
        var instructions = new List<string>();
        var current = "";
        foreach (var raw in Read("Dockerfile").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (current.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0))
            {
                continue;
            }
            current += (current.Length > 0 ? " " : "") + line.Trim().TrimEnd('\\').Trim();
            if (!line.EndsWith('\\'))
            {
                instructions.Add(current);
                current = "";
            }
        }
        return instructions;
    }

    [Fact]
    public void The_dockerfile_restores_from_the_project_files_alone_before_it_copies_the_sources()
    {
        var instructions = DockerfileInstructions();
        var restore = instructions.FindIndex(i => i.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var sources = instructions.FindIndex(i => i == "COPY . .");
        var copiedFirst = instructions.Take(restore).Where(i => i.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();

        Assert.InRange(restore, 0, sources - 1);
        Assert.All(copiedFirst, file => Assert.Matches(@"(\.csproj|^Directory\.[A-Za-z]+\.props|^global\.json|^NuGet\.config)$", file));
        // Every project the service and the CLI build from, so that the restore is complete: a project added later
        // and forgotten here fails this test rather than the image's build.
        Assert.Empty(ProjectClosure("api/Compliance.Api/Compliance.Api.csproj", "cli/Compliance.Cli/Compliance.Cli.csproj").Except(copiedFirst));
        Assert.All(instructions.Where(i => i.Contains("dotnet publish", StringComparison.Ordinal)), i => Assert.Contains("--no-restore", i, StringComparison.Ordinal));
    }

    [Fact]
    public void The_dockerfile_pins_its_base_images_by_digest_or_marks_where_and_how_to_pin_them()
    {
        var text = Read("Dockerfile");
        var instructions = DockerfileInstructions();
        var args = instructions.Where(i => i.StartsWith("ARG ", StringComparison.Ordinal) && i.Contains('=', StringComparison.Ordinal))
            .Select(i => i[4..].Split('=', 2)).ToDictionary(a => a[0], a => a[1], StringComparer.Ordinal);
        var stages = instructions.Where(i => i.StartsWith("FROM ", StringComparison.Ordinal))
            .Select(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).First(t => !t.StartsWith("--", StringComparison.Ordinal))).ToList();

        Assert.Equal(3, stages.Count);
        foreach (var stage in stages)
        {
            var image = ArgReference().Match(stage) is { Success: true } arg ? args[arg.Groups[1].Value] : stage;
            Assert.StartsWith("mcr.microsoft.com/dotnet/", image, StringComparison.Ordinal);
            if (!Digest().IsMatch(image))
            {
                // Not pinned yet: the file says so, and says how, for this very image.
                Assert.Contains("PIN-BASE-IMAGES", text, StringComparison.Ordinal);
                Assert.Contains($"docker buildx imagetools inspect {image}", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_image_runs_as_a_user_that_is_not_root_with_a_healthcheck_on_the_live_probe_by_the_cli_it_ships()
    {
        var instructions = DockerfileInstructions();
        var final = instructions.Skip(instructions.FindLastIndex(i => i.StartsWith("FROM ", StringComparison.Ordinal))).ToList();
        var user = final.Last(i => i.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim();
        var healthcheck = Assert.Single(final, i => i.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));

        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        Assert.Contains("/health/live", healthcheck, StringComparison.Ordinal);
        Assert.Contains("\"/app/cli/compliance.dll\", \"health\"", healthcheck, StringComparison.Ordinal);
        Assert.Contains(instructions, i => i.Contains("cli/Compliance.Cli/Compliance.Cli.csproj -c Release --no-restore -o /app/cli", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"Compliance.Api.dll\"]", final[^1]);
    }

    [Fact]
    public void The_cli_target_runs_the_cli_it_publishes_as_a_user_that_is_not_root_and_both_images_have_compliance_on_the_path()
    {
        var instructions = DockerfileInstructions();
        var stages = Stages(instructions);
        var cli = stages["cli"];
        var service = stages["service"];
        var wrapper = Read("cli", "docker", "compliance");

        Assert.Equal("service", stages.Keys.Last());
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"/app/cli/compliance.dll\"]", cli[^1]);
        Assert.Contains("COPY --from=build /app/cli ./cli", cli);
        Assert.DoesNotContain(cli.Last(i => i.StartsWith("USER ", StringComparison.Ordinal))[5..].Trim(), new[] { "root", "0", "0:0" });
        Assert.Contains("COPY cli/docker/compliance /usr/local/bin/compliance", cli);
        Assert.Contains("COPY cli/docker/compliance /usr/local/bin/compliance", service);
        Assert.StartsWith("#!/bin/sh", wrapper, StringComparison.Ordinal);
        Assert.Contains("exec dotnet /app/cli/compliance.dll \"$@\"", wrapper, StringComparison.Ordinal);
        // The build context holds the wrapper (.dockerignore leaves out deploy/, tests/, bench/).
        Assert.DoesNotContain(Read(".dockerignore").Split('\n').Select(l => l.Trim()), line => line is "cli/" or "cli/docker/");
        // A release stamps both images with its version; a plain build keeps the projects' own.
        Assert.All(instructions.Where(i => i.Contains("dotnet publish", StringComparison.Ordinal)), i => Assert.Contains("${VERSION:+-p:Version=$VERSION}", i, StringComparison.Ordinal));
    }

    /// <summary>Each stage's instructions after its FROM, by the stage's name.</summary>
    private static Dictionary<string, List<string>> Stages(List<string> instructions)
    {
        var stages = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var instruction in instructions)
        {
            if (instruction.StartsWith("FROM ", StringComparison.Ordinal))
            {
                var words = instruction.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                current = [];
                stages[words.Length > 3 && words[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[^1] : $"stage{stages.Count}"] = current;
            }
            else
            {
                current?.Add(instruction);
            }
        }
        return stages;
    }

    [Fact]
    public void The_compose_file_runs_two_replicas_on_postgresql_behind_a_proxy_with_health_checks_and_the_connection_string_as_a_secret()
    {
        var compose = LoadYaml("deploy", "compose.yaml").Single();
        var services = (YamlMappingNode)compose["services"];
        var secrets = (YamlMappingNode)compose["secrets"];

        Assert.Equal(["api-1", "api-2", "postgres", "proxy"], services.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        Assert.All(services.Children.Values, service => Assert.True(((YamlMappingNode)service).Children.ContainsKey("healthcheck")));
        Assert.StartsWith("postgres:", services["postgres"]["image"].ToString(), StringComparison.Ordinal);
        foreach (var name in new[] { "api-1", "api-2" })
        {
            var api = (YamlMappingNode)services[name];
            Assert.Equal("/run/secrets/compliance_db", api["environment"]["COMPLIANCE_DB_FILE"].ToString());
            Assert.Contains("compliance_db", ((YamlSequenceNode)api["secrets"]).Select(s => s.ToString()));
            Assert.Contains("/health/ready", string.Join(" ", (YamlSequenceNode)api["healthcheck"]["test"]), StringComparison.Ordinal);
            Assert.Equal("service_healthy", api["depends_on"]["postgres"]["condition"].ToString());
            Assert.True(Seconds(api["stop_grace_period"].ToString()) > Operations.DefaultShutdownSeconds);
        }
        Assert.Equal("./secrets/compliance_db", secrets["compliance_db"]["file"].ToString());
        var proxy = (YamlMappingNode)services["proxy"];
        Assert.Contains("./nginx.conf:/etc/nginx/nginx.conf:ro", ((YamlSequenceNode)proxy["volumes"]).Select(v => v.ToString()));
        Assert.Equal(["api-1", "api-2"], ((YamlMappingNode)proxy["depends_on"]).Children.Keys.Select(k => k.ToString()));
    }

    [Fact]
    public void The_nginx_config_is_balanced_ends_every_directive_and_sends_to_the_compose_replicas_but_not_their_metrics()
    {
        var config = string.Join("\n", Read("deploy", "nginx.conf").Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));

        var depth = 0;
        foreach (var line in config.Split('\n'))
        {
            depth += line.Count(c => c == '{') - line.Count(c => c == '}');
            Assert.True(depth >= 0, $"a closing brace too many at: {line}");
            Assert.True(line.EndsWith(';') || line.EndsWith('{') || line == "}", $"a directive without its ';': {line}");
        }
        Assert.Equal(0, depth);
        Assert.Equal(["api-1:8080", "api-2:8080"], UpstreamServer().Matches(config).Select(m => m.Groups[1].Value));
        Assert.Matches(@"location = /metrics \{\s*return 404;", config);
        Assert.Matches(@"client_max_body_size 3[3-9]m;", config);
        Assert.Contains("proxy_pass http://compliance;", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kubernetes_manifest_runs_two_non_root_replicas_probed_live_and_ready_with_the_connection_string_from_a_secret()
    {
        var documents = LoadYaml("deploy", "k8s", "compliance.yaml");
        YamlMappingNode Kind(string kind) => documents.Single(d => d["kind"].ToString() == kind);
        var secret = Kind("Secret");
        var deployment = Kind("Deployment");
        var service = Kind("Service");
        var pod = (YamlMappingNode)deployment["spec"]["template"]["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Single();
        var db = ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().Single(e => e["name"].ToString() == "COMPLIANCE_DB");
        var secretRef = db["valueFrom"]["secretKeyRef"];

        Assert.Equal("2", deployment["spec"]["replicas"].ToString());
        Assert.Equal(secret["metadata"]["name"].ToString(), secretRef["name"].ToString());
        Assert.StartsWith("postgresql://", secret["stringData"][secretRef["key"].ToString()].ToString(), StringComparison.Ordinal);
        Assert.Equal("/health/ready", container["readinessProbe"]["httpGet"]["path"].ToString());
        Assert.Equal("/health/live", container["livenessProbe"]["httpGet"]["path"].ToString());
        Assert.Equal("8080", ((YamlSequenceNode)container["ports"]).Single()["containerPort"].ToString());
        Assert.Equal("true", pod["securityContext"]["runAsNonRoot"].ToString());
        Assert.NotEqual("0", pod["securityContext"]["runAsUser"].ToString());
        Assert.Equal("false", container["securityContext"]["allowPrivilegeEscalation"].ToString());
        foreach (var bound in new[] { "requests", "limits" })
        {
            Assert.True(((YamlMappingNode)container["resources"][bound]).Children.ContainsKey("memory"), $"no memory {bound}");
        }
        Assert.True(double.Parse(pod["terminationGracePeriodSeconds"].ToString(), System.Globalization.CultureInfo.InvariantCulture) > Operations.DefaultShutdownSeconds);
        Assert.Equal(deployment["spec"]["template"]["metadata"]["labels"].ToString(), service["spec"]["selector"].ToString());
        Assert.Equal("http", ((YamlSequenceNode)service["spec"]["ports"]).Single()["targetPort"].ToString());
    }

    /// <summary>The project files a project builds from: itself and its project references, transitively, relative to the root.</summary>
    private static HashSet<string> ProjectClosure(params string[] projects)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }
            var folder = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Path, project))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepositoryRoot.Path, project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryRoot.Path, full).Replace('\\', '/'));
            }
        }
        return seen;
    }

    /// <summary>Every document of the file, with YAML merge keys (&lt;&lt;: *anchor) applied as Compose applies them.</summary>
    private static List<YamlMappingNode> LoadYaml(params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(Read(path)))));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static double Seconds(string duration) =>
        duration.EndsWith('s') ? double.Parse(duration[..^1], System.Globalization.CultureInfo.InvariantCulture) : throw new FormatException(duration);

    [GeneratedRegex(@"^\$\{([A-Z_]+)\}$")]
    private static partial Regex ArgReference();

    [GeneratedRegex("@sha256:[0-9a-f]{64}$")]
    private static partial Regex Digest();

    [GeneratedRegex(@"^server ([a-z0-9.-]+:[0-9]+)", RegexOptions.Multiline)]
    private static partial Regex UpstreamServer();
}
