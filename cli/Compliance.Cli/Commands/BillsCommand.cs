using System.CommandLine;
using Compliance.Rules.Packs;
using Spectre.Console;

namespace Compliance.Cli.Commands;

internal static class BillsCommand
{
    public static Command Create()
    {
        var asOf = CommonOptions.AsOf();
        var command = new Command("bills", "List the bundled bills: versions, status, whether each is in force, and the readings of unsettled text a run may choose.") { asOf };
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
            Terminal.Out.Write(table);
            // The readings a run may switch with --reading BILL.READING=OPTION, each with its default first.
            var readings = BillCatalog.Bundled.Packs.Where(p => BillCatalog.Bundled.Find(p.Id) == p).SelectMany(p => p.Readings.Values.Select(r => (Pack: p, Reading: r))).ToList();
            if (readings.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine("Readings of unsettled text (choose one with --reading BILL.READING=OPTION):");
                foreach (var (pack, reading) in readings)
                {
                    Console.Out.WriteLine($"  {pack.Id}.{reading.Name} ({reading.Citation}): {reading.Question}");
                    foreach (var (option, text) in reading.Options.OrderBy(o => o.Key == reading.Default ? 0 : 1))
                    {
                        Console.Out.WriteLine($"    {option}{(option == reading.Default ? " (default)" : "")}: {text}");
                    }
                }
            }
            return ExitCodes.Allowed;
        }));
        return command;
    }
}
