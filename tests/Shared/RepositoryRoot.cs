namespace Compliance.Tests.Shared;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Compliance.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Compliance.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Compliance.sln not found above " + AppContext.BaseDirectory);
    }
}
