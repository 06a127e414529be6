using Compliance.Rules.Packs;

// Usage: Compliance.Rules.Bundler OUTPUT.json. Writes every bundled pack as compiled (variants merged with their
// base, test cases attached) with its digest: what PackLoader.LoadCompiled reads back without validating again.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Compliance.Rules.Bundler OUTPUT.json");
    return 2;
}
try
{
    var bundle = PackLoader.Bundle(PackLoader.LoadBundledSources());
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
    File.WriteAllText(args[0], bundle.ToJsonString());
    return 0;
}
catch (InvalidOperationException e)
{
    // The message names the bill's file and the pointer; MSBuild shows it as the build error.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
