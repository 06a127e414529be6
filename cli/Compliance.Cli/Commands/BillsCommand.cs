using System.CommandLine;
using Compliance.Rules.Packs;
using Spectre.Console;

namespace Compliance.Cli.Commands;

internal static class BillsCommand
{
    public static Command Create()
    {
        var asOf = CommonOptions.AsOf();
        var command = new Command("bills", "List the bundled bills: versions, status, and whether each is in force.") { asOf };
        command.SetAction(parse => CommandGuard.Run(parse, "bills", () =>
        {
            var date = CommonOptions.ParseAsOf(parse.GetValue(asOf));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("bill", "version", "status", $"in force {date:yyyy-MM-dd}", "obligations", "title");
            foreach (var pack in BillCatalog.Bundled.Packs)
            {
                var isDefault = BillCatalog.Bundled.Find(pack.Id) == pack;
                table.AddRow(Markup.Escape(pack.Id), Markup.Escape(pack.Version + (isDefault ? " (default)" : "")), pack.Status.ToString().ToLowerInvariant(),
                    pack.InForceOn(date) ? "yes" : "no", pack.Obligations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(pack.Title));
            }
            AnsiConsole.Write(table);
            return ExitCodes.Allowed;
        }));
        return command;
    }
}
