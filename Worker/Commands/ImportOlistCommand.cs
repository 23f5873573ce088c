using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ecom.Aspire.Core.Import;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// <c>import-olist DIR [--replace]</c>: loads the public Olist e-commerce CSV files of DIR into the database of
/// ConnectionStrings:ecomdb in one transaction (<see cref="OlistImporter"/>). Files that are refused print one line
/// naming the file, the line and the reason (exit code 2) and leave the database as it was.
/// </summary>
internal static class ImportOlistCommand
{
    private static readonly Argument<string> Directory = new("directory")
    {
        Description = "Folder with the Olist files: olist_{customers,sellers,products,orders,order_items,order_payments,order_reviews}_dataset.csv and product_category_name_translation.csv",
    };

    private static readonly Option<bool> Replace = new("--replace")
    {
        Description = "Replace the Olist import the database already holds (its rows and run), in the same transaction",
    };

    public static Command Create()
    {
        var command = new Command("import-olist", "Import the public Olist Brazilian e-commerce CSV files into the shop schema.") { Directory, Replace };
        command.SetAction((parse, ct) => CommandHost.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var directory = parse.GetValue(Directory)!;
        var replace = parse.GetValue(Replace);
        var clock = Stopwatch.StartNew();
        using var host = CommandHost.Build(needsDatabase: true);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        OlistImportResult result;
        try
        {
            result = await WithStatusAsync(async progress =>
            {
                // Everything is read and checked before the database is touched (migrations included).
                var data = await Task.Run(() => OlistReader.Read(directory, progress, ct), ct);
                progress?.Report("applying migrations");
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await DatabaseMigrator.MigrateAsync(scope.Db(), NullLogger.Instance, ct);
                }
                return await OlistImporter.WriteAsync(dataSource, data, replace, progress, ct);
            });
        }
        catch (OlistImportException e)
        {
            throw new CommandLineException(e.Message);
        }
        clock.Stop();
        Print(result, clock.Elapsed);
        return 0;
    }

    private static void Print(OlistImportResult result, TimeSpan elapsed)
    {
        foreach (var replaced in result.ReplacedRuns) Console.WriteLine($"import-olist: replaced Olist import run {replaced}");
        var adjustments = result.Adjustments.Applied();
        if (adjustments.Count > 0)
        {
            var rules = new Table().AddColumn("adjusted").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (rule, rows) in adjustments) rules.AddRow(Markup.Escape(rule), rows.ToString("N0", CultureInfo.InvariantCulture));
            AnsiConsole.Write(rules);
        }
        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var (name, rows) in result.Rows.ByTable)
        {
            if (name is ChunkTables.MarketEvents or ChunkTables.Labels) continue;
            table.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture));
        }
        table.AddRow("[bold]total[/]", $"[bold]{result.Rows.Total.ToString("N0", CultureInfo.InvariantCulture)}[/]");
        AnsiConsole.Write(table);
        Console.WriteLine(FormattableString.Invariant(
            $"import-olist: run={result.RunId} orders={result.Rows.Orders} rows={result.Rows.Total} seconds={Math.Max(elapsed.TotalSeconds, 0.001):F1}"));
    }

    /// <summary>A spinner with the current step when the console is interactive; silent otherwise.</summary>
    private static async Task<T> WithStatusAsync<T>(Func<IProgress<string>?, Task<T>> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await body(null);
        return await AnsiConsole.Status().StartAsync("reading", async context => await body(new StatusProgress(context)));
    }

    private sealed class StatusProgress(StatusContext context) : IProgress<string>
    {
        public void Report(string value) => context.Status(Markup.Escape(value));
    }
}
