using CsCheck;

namespace Compliance.Cli.Tests;

/// <summary>
/// Spoiled example manifests through the real tool: whatever the damage, the exit code is 0, 1 or 2, nothing prints
/// a stack frame, and 2 comes with one error line naming the file. Seeded, so a run is repeatable; set
/// COMPLIANCE_FUZZ_SEED (a CsCheck seed as PCG prints it) to draw other cases.
/// </summary>
public sealed class CliFuzzTests : IDisposable
{
    // Each case starts a process that loads every bundled bill (~1 s of CPU): enough cases to meet each kind of damage
    // several times, few enough for CI on two cores. COMPLIANCE_FUZZ_CASES draws more when hunting.
    private const int DefaultCases = 64;
    private const string Seed = "000001uXiCbOi";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("compliance-fuzz-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Spoiled_manifests_keep_the_exit_code_contract_under_gate_and_evaluate()
    {
        var seed = Environment.GetEnvironmentVariable("COMPLIANCE_FUZZ_SEED") ?? Seed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("COMPLIANCE_FUZZ_CASES"), out var n) ? n : DefaultCases;
        var cases = Gen.Select(ManifestMutation.Gen, Gen.Int[0, 3]).Array[count].Single(_ => true, seed);
        var failures = new List<string>();
        var exits = new int[3];
        Parallel.For(0, cases.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var (mutation, command) = cases[i];
            var failure = Try(i, mutation, command, exits);
            if (failure is not null)
            {
                lock (failures)
                {
                    failures.Add(failure);
                }
            }
        });
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} cases broke the contract (seed {seed}):\n" + string.Join("\n\n", failures));
        // Damage that always stopped the tool, or never did, would leave one side of the contract untested.
        Assert.True(exits[0] + exits[1] > 0 && exits[2] > 0, $"exit codes 0/1/2: {string.Join('/', exits)}");
    }

    private string? Try(int index, ManifestMutation mutation, int command, int[] exits)
    {
        // Each case in its own folder, beside an intact base, so the fine-tune example resolves and no case sees another.
        var folder = _dir.CreateSubdirectory($"case-{index}").FullName;
        File.Copy(Path.Combine(RepositoryRoot.Path, "examples", "frontier-release.json"), Path.Combine(folder, "frontier-release.json"));
        var bytes = mutation.Apply();
        var path = Path.Combine(folder, mutation.IsYaml ? "case.yaml" : "case.json");
        File.WriteAllBytes(path, bytes);
        string[] args = command switch
        {
            0 => ["gate", path, "--activity", "release", "--bill", "us-ca-sb1047"],
            1 => ["gate", path, "--activity", "deployment", "--format", "json", "--as-of", "2026-07-01"],
            2 => ["evaluate", path, "--format", "json"],
            _ => ["evaluate", path, "--bill", "eu-ai-act", "--as-of", "2027-01-01"],
        };
        var run = Cli.Compliance(args);
        try
        {
            ExitContract.Kept(run, path);
            Interlocked.Increment(ref exits[run.ExitCode]);
            return null;
        }
        catch (Xunit.Sdk.XunitException e)
        {
            return $"compliance {string.Join(' ', args[..1])} on {mutation.Describe(bytes)}\n  exit {run.ExitCode}: {e.Message}\n  stderr: {run.Err}";
        }
    }
}
