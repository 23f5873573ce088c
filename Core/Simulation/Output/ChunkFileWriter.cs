using Ecom.Aspire.Core.Storage.Copy;

namespace Ecom.Aspire.Core.Simulation.Output;

/// <summary>
/// Writes a run's chunks to files instead of PostgreSQL (<c>simulate --out DIR --format csv|parquet</c>): one file per
/// table (<c>customers.csv</c>, <c>orders.parquet</c>, ..., <c>labels.csv</c>), columns named like the database
/// columns, appended chunk after chunk. Created once per run, fed the chunks in chunk order, disposed at the end
/// (which completes the Parquet footers). Memory is bounded by one chunk. Not thread-safe: one chunk at a time.
/// </summary>
public sealed class ChunkFileWriter : IAsyncDisposable
{
    private readonly TableFile<Model.Customer> _customers;
    private readonly TableFile<Model.Seller> _sellers;
    private readonly TableFile<Model.Product> _products;
    private readonly TableFile<Model.MarketEvent> _marketEvents;
    private readonly TableFile<Model.Order> _orders;
    private readonly TableFile<Model.OrderItem> _orderItems;
    private readonly TableFile<Model.Payment> _payments;
    private readonly TableFile<Model.Delivery> _deliveries;
    private readonly TableFile<Model.Review> _reviews;
    private readonly TableFile<Model.FraudLabel> _labels;
    private readonly List<TableFile> _opened = [];
    private TableCounts _rows = TableCounts.Zero;
    private bool _disposed;

    private ChunkFileWriter(string directory, OutputFormat format)
    {
        Directory = directory;
        Format = format;
        try
        {
            _customers = Open(FileTables.Customers);
            _sellers = Open(FileTables.Sellers);
            _products = Open(FileTables.Products);
            _marketEvents = Open(FileTables.MarketEvents);
            _orders = Open(FileTables.Orders);
            _orderItems = Open(FileTables.OrderItems);
            _payments = Open(FileTables.Payments);
            _deliveries = Open(FileTables.Deliveries);
            _reviews = Open(FileTables.Reviews);
            _labels = Open(FileTables.Labels);
        }
        catch
        {
            foreach (var file in _opened) file.Abort();
            throw;
        }
    }

    /// <summary>Creates <paramref name="directory"/> if needed and one file per table in it (existing files are replaced).</summary>
    public static ChunkFileWriter Create(string directory, OutputFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format, null);
        System.IO.Directory.CreateDirectory(directory);
        return new ChunkFileWriter(directory, format);
    }

    public string Directory { get; }

    public OutputFormat Format { get; }

    /// <summary>Rows written so far per table, keyed by qualified table name ("shop.orders", "sim.labels", see <see cref="ChunkTables"/>).</summary>
    public IReadOnlyDictionary<string, long> RowsPerTable => _rows.ByTable.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Rows written so far per table.</summary>
    public TableCounts Rows => _rows;

    /// <summary>The file name of <paramref name="table"/> (qualified, see <see cref="ChunkTables"/>): "orders.csv".</summary>
    public static string FileName(string table, OutputFormat format) =>
        ChunkTables.ShortName(table) + (format == OutputFormat.Csv ? ".csv" : ".parquet");

    /// <summary>The path of each table's file, keyed by qualified table name.</summary>
    public IReadOnlyDictionary<string, string> Files =>
        ChunkTables.InWriteOrder.ToDictionary(t => t, t => Path.Combine(Directory, FileName(t, Format)));

    /// <summary>Appends every row of <paramref name="data"/> to the table files.</summary>
    public async Task WriteAsync(ChunkData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ObjectDisposedException.ThrowIf(_disposed, this);

        await _customers.WriteAsync(data.Customers, ct);
        await _sellers.WriteAsync(data.Sellers, ct);
        await _products.WriteAsync(data.Products, ct);
        await _marketEvents.WriteAsync(data.MarketEvents, ct);
        await _orders.WriteAsync(data.Orders, ct);
        await _orderItems.WriteAsync(FileTables.ItemsOf(data.Orders), ct);
        await _payments.WriteAsync(FileTables.PaymentsOf(data.Orders), ct);
        await _deliveries.WriteAsync(FileTables.DeliveriesOf(data.Orders), ct);
        await _reviews.WriteAsync(FileTables.ReviewsOf(data.Orders), ct);
        await _labels.WriteAsync(data.Labels, ct);
        _rows += TableCounts.Of(data);
    }

    /// <summary>Completes and closes every file (Parquet footers are written here).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        List<Exception>? errors = null;
        foreach (var file in _opened)
        {
            try
            {
                await file.DisposeAsync();
            }
            catch (Exception e)
            {
                (errors ??= []).Add(e);
            }
        }
        if (errors is not null) throw new AggregateException("closing the output files failed", errors);
    }

    private TableFile<TRow> Open<TRow>(FileTable<TRow> table)
    {
        var file = TableFile<TRow>.Open(Path.Combine(Directory, FileName(table.Table, Format)), table, Format);
        _opened.Add(file);
        return file;
    }
}
