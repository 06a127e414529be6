namespace Compliance.Api.Tests;

/// <summary>The service takes its database on the command line as the CLI's keys commands do: <c>--db PATH</c>, over COMPLIANCE_DB.</summary>
public sealed class DatabaseOptionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("compliance-db-option-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_db_option_names_the_sqlite_file_and_wins_over_the_environment()
    {
        var fromEnvironment = Path.Combine(_folder.FullName, "environment.db");
        var fromOption = Path.Combine(_folder.FullName, "option.db");

        using (var api = await ApiProcess.StartAsync(fromEnvironment, "--db", fromOption))
        {
            var created = await api.SendAsync(HttpMethod.Post, "/v1/manifests", Manifests.CoveredRelease().ToJsonString());
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }

        Assert.True(File.Exists(fromOption), "the file --db names holds the store");
        Assert.False(File.Exists(fromEnvironment), "COMPLIANCE_DB is not used when --db is given");
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "compliance.db")), "no default file in the working folder");
    }
}
