using Compliance.Storage;

namespace Compliance.Cli.Tests;

public sealed class KeysCommandTests
{
    private static string NewDb() => Path.Combine(Path.GetTempPath(), $"compliance-cli-keys-{Guid.NewGuid():N}.db");

    [Fact]
    public void Keys_create_prints_the_key_alone_on_its_last_line_and_stores_only_its_hash()
    {
        var db = NewDb();

        var run = Cli.Compliance("keys", "create", "--tenant", "acme", "--scope", "evaluate", "--scope", "read", "--db", db);

        Assert.Equal(0, run.ExitCode);
        var key = run.Out.TrimEnd().Split('\n')[^1];
        Assert.Matches("^cpk_[A-Za-z0-9_-]{43}$", key);
        var database = new Database(db);
        var stored = new KeyStore(database, TimeProvider.System).Active();
        var found = Assert.Single(stored);
        Assert.Equal(KeyStore.Hash(key), found.Key);
        Assert.Equal("acme", found.Value.Tenant);
        Assert.Equal(["evaluate", "read"], found.Value.Scopes);
    }

    [Fact]
    public void Keys_list_shows_ids_tenants_and_scopes_and_revoke_ends_a_key()
    {
        var db = NewDb();
        var key = Cli.Compliance("keys", "create", "--tenant", "acme", "--scope", "admin", "--db", db).Out.TrimEnd().Split('\n')[^1];
        var id = new KeyStore(new Database(db), TimeProvider.System).List().Single().Id;

        var listed = Cli.Compliance("keys", "list", "--db", db);
        var revoked = Cli.Compliance("keys", "revoke", id, "--db", db);
        var again = Cli.Compliance("keys", "revoke", id, "--db", db);

        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(id, listed.Out, StringComparison.Ordinal);
        Assert.Contains("acme", listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Out, StringComparison.Ordinal);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Empty(new KeyStore(new Database(db), TimeProvider.System).Active());
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"error: keys revoke: no key in force with id '{id}'", again.Err.Trim());
    }

    [Theory]
    [InlineData("Bad Name", "evaluate", "--tenant: 'Bad Name' is not a tenant name")]
    [InlineData("acme", "root", "--scope: 'root' is not a scope")]
    public void Keys_create_with_a_bad_tenant_or_scope_exits_2_with_one_line(string tenant, string scope, string expected)
    {
        var run = Cli.Compliance("keys", "create", "--tenant", tenant, "--scope", scope, "--db", NewDb());

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_on_a_file_that_is_not_a_database_exits_2_with_one_line()
    {
        var junk = NewDb();
        File.WriteAllText(junk, "not a database, just text that is long enough to have a header");

        var run = Cli.Compliance("keys", "list", "--db", junk);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: keys list: the database cannot be used: SQLite Error 26: 'file is not a database'.", run.Err.Trim());
    }

    [Fact]
    public void Keys_never_make_a_database_where_none_was_meant()
    {
        var missing = NewDb();
        var inNoFolder = Path.Combine(Path.GetTempPath(), $"no-such-folder-{Guid.NewGuid():N}", "c.db");

        var list = Cli.Compliance("keys", "list", "--db", missing);
        var create = Cli.Compliance("keys", "create", "--tenant", "acme", "--scope", "read", "--db", inNoFolder);

        Assert.Equal(2, list.ExitCode);
        Assert.Contains($"no database at {missing}", list.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.Equal(2, create.ExitCode);
        Assert.Contains("does not exist", create.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(inNoFolder)));
    }
}
