using System.CommandLine;
using System.Data.Common;
using Compliance.Rules.Json;
using Compliance.Storage;
using Spectre.Console;

namespace Compliance.Cli.Commands;

/// <summary>
/// <c>compliance keys create|list|revoke --db DB</c>: the service's API keys, managed in its database while it runs
/// (it reads them again within a second). A new key is printed once, alone on the last line, for a script to take.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "Create, list and revoke the service's API keys, in its database (the service picks changes up within a second).");
        command.Subcommands.Add(CreateKey());
        command.Subcommands.Add(ListKeys());
        command.Subcommands.Add(RevokeKey());
        return command;
    }

    private static Option<string> Db() => new("--db")
    {
        Description = "The service's database: a SQLite file or a postgresql:// URI. Default: COMPLIANCE_DB, else ConnectionStrings__Compliance, else compliance.db in the working folder (as the service).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COMPLIANCE_DB") is { Length: > 0 } db ? db
            : Environment.GetEnvironmentVariable("ConnectionStrings__Compliance") is { Length: > 0 } connection ? connection : "compliance.db",
    };

    private static Command CreateKey()
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant the key belongs to: it sees that tenant's data alone.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = $"A scope; repeat for several: {string.Join(", ", Scopes.All)}.", Required = true };
        var db = Db();
        var command = new Command("create", "Create a key; it is printed once, alone on the last line, and only its hash is kept.") { tenant, scopes, db };
        command.SetAction(parse => Guard(parse, "keys create", () =>
        {
            var given = parse.GetValue(scopes) ?? [];
            if (KeyStore.Problems(parse.GetValue(tenant), given) is { Count: > 0 } problems)
            {
                Console.Error.WriteLine($"error: keys create: {string.Join("; ", problems.Select(p => $"--{(p.Field.StartsWith("scopes", StringComparison.Ordinal) ? "scope" : p.Field)}: {p.Message}"))}");
                return ExitCodes.CouldNotEvaluate;
            }
            var created = Store(parse.GetValue(db)!, mayCreate: true).Create(parse.GetValue(tenant)!, given);
            Console.Error.WriteLine($"Created {created.Key.Id} for tenant {created.Key.Tenant} with scopes {string.Join(", ", created.Key.Scopes)} in {new Database(parse.GetValue(db)!).Location}.");
            Console.Error.WriteLine("Keep the key now: it is shown this once and stored only as a hash.");
            Console.Out.WriteLine(created.Secret);
            return ExitCodes.Allowed;
        }));
        return command;
    }

    private static Command ListKeys()
    {
        var db = Db();
        var command = new Command("list", "List the keys: id, tenant, scopes, when created and revoked (never the key).") { db };
        command.SetAction(parse => Guard(parse, "keys list", () =>
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "tenant", "scopes", "created", "revoked");
            foreach (var key in Store(parse.GetValue(db)!, mayCreate: false).List())
            {
                table.AddRow(key.Id, Markup.Escape(key.Tenant), string.Join(", ", key.Scopes), key.CreatedAt, key.RevokedAt ?? "");
            }
            Terminal.Out.Write(table);
            return ExitCodes.Allowed;
        }));
        return command;
    }

    private static Command RevokeKey()
    {
        var id = new Argument<string>("ID") { Description = "The key's id (key_…), as 'keys list' shows it." };
        var db = Db();
        var command = new Command("revoke", "Revoke a key: the service refuses it within a second.") { id, db };
        command.SetAction(parse => Guard(parse, "keys revoke", () =>
        {
            if (!Store(parse.GetValue(db)!, mayCreate: false).Revoke(parse.GetValue(id)!))
            {
                Console.Error.WriteLine($"error: keys revoke: no key in force with id '{parse.GetValue(id)}'");
                return ExitCodes.CouldNotEvaluate;
            }
            Console.Error.WriteLine($"Revoked {parse.GetValue(id)}.");
            return ExitCodes.Allowed;
        }));
        return command;
    }

    /// <summary>
    /// The service's database. Listing or revoking reads an existing one; creating the first key may make the file (before
    /// the service's first start), but never a folder: a mistyped path would hold keys no service reads.
    /// </summary>
    private static KeyStore Store(string setting, bool mayCreate)
    {
        var database = new Database(setting);
        if (database.Path is { } full && (mayCreate ? !Directory.Exists(Path.GetDirectoryName(full)) : !File.Exists(full) || new FileInfo(full).Length == 0))
        {
            throw new InvalidInputException("No database", "--db", mayCreate
                ? $"the folder of {full} does not exist"
                : $"no database at {full}: give the file the service uses (its COMPLIANCE_DB)");
        }
        database.Migrate();
        return new KeyStore(database, TimeProvider.System);
    }

    /// <summary>A database that cannot be opened or is not the service's is one line and exit 2, like any bad input.</summary>
    private static int Guard(ParseResult parse, string what, Func<int> body) => CommandGuard.Run(parse, what, () =>
    {
        try
        {
            return body();
        }
        catch (DbException e)
        {
            Console.Error.WriteLine($"error: {what}: the database cannot be used: {e.Message.Split('\n')[0]}");
            return ExitCodes.CouldNotEvaluate;
        }
    });
}
