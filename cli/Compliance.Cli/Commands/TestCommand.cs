using System.CommandLine;
using Compliance.Cli.Input;
using Compliance.Rules.Packs;
using Compliance.Rules.Testing;

namespace Compliance.Cli.Commands;

internal static class TestCommand
{
    public static Command Create()
    {
        var packs = new Argument<string[]>("PACK") { Description = "Pack files (YAML or JSON) or bills (ID or ID@VERSION) to test. Default: every bundled bill.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("test", "Run the test cases bill packs ship. The last line reads 'N passed, N failed'; exit 1 on any failure, or when a pack has no cases.") { packs };
        command.SetAction(parse => CommandGuard.Run(parse, "test", () =>
        {
            var files = parse.GetValue(packs) ?? [];
            var loaded = files.Length == 0
                ? BillCatalog.Bundled.Packs
                : BillArguments.Read(files).Named("PACK");
            var passed = 0;
            var failed = 0;
            foreach (var pack in loaded)
            {
                var results = PackTestRunner.Run(pack).ToList();
                if (results.Count == 0)
                {
                    // A pack with nothing to run must not read as a green run in CI.
                    failed++;
                    Console.Out.WriteLine($"  FAIL  {pack.Key}: no test cases (write them under 'tests' in the file beside the pack named like it, X.tests.yaml for X.yaml)");
                }
                foreach (var result in results)
                {
                    if (result.Passed)
                    {
                        passed++;
                        Console.Out.WriteLine($"  ok    {pack.Key}: {result.Name}");
                    }
                    else
                    {
                        failed++;
                        Console.Out.WriteLine($"  FAIL  {pack.Key}: {result.Name}");
                        foreach (var failure in result.Failures)
                        {
                            Console.Out.WriteLine($"          {failure}");
                        }
                    }
                }
            }
            Console.Out.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Allowed : ExitCodes.Blocked;
        }));
        return command;
    }
}
