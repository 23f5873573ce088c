using Ecom.Aspire.Core.Storage.Copy;
using Spectre.Console;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>Rows per table of a simulation, printed as a table and one result line at the end.</summary>
internal sealed class RunSummary(string target)
{
    private readonly Lock _gate = new();
    private TableCounts _rows = TableCounts.Zero;

    public void Add(TableCounts rows)
    {
        lock (_gate) _rows += rows;
    }

    public void Print(TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("rows/s").RightAligned());
        foreach (var (name, rows) in _rows.ByTable) table.AddRow(name, rows.ToString("N0"), (rows / seconds).ToString("N0"));
        var total = _rows.Total;
        table.AddRow("[bold]total[/]", $"[bold]{total:N0}[/]", $"[bold]{total / seconds:N0}[/]");
        AnsiConsole.Write(table);
        Console.WriteLine(FormattableString.Invariant(
            $"simulate: {target} orders={_rows.Orders} rows={total} seconds={seconds:F1} rows_per_s={total / seconds:F0}"));
    }
}
