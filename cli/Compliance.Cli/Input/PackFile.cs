using Compliance.Rules.Packs;

namespace Compliance.Cli.Input;

/// <summary>
/// Reads a bill pack the user names by path, with its test cases from the file beside it (<c>X.tests.yaml</c>) when
/// there is one, as the bundled bills are read. Every failure names the file it is about.
/// </summary>
internal static class PackFile
{
    /// <param name="findBase">Where a variant's base is found (default: the bundled bills).</param>
    public static BillPack Read(string path, Func<string, BillPack?>? findBase = null)
    {
        var document = InputFile.ReadDocument(path, ReadLimit.PerDocument("a bill pack"), yaml: !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        var testsPath = PackLoader.TestsFileFor(path);
        if (!PackLoader.IsTestsFile(path) && File.Exists(testsPath))
        {
            var tests = InputFile.ReadDocument(testsPath, ReadLimit.PerDocument("a pack's test cases"), yaml: true);
            InputFileException.About(testsPath, () => PackLoader.AttachTests(document, tests, Path.GetFileName(testsPath)));
        }
        return InputFileException.About(path, () => PackLoader.Load(document, findBase));
    }
}
