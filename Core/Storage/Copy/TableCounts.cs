using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Storage.Copy;

/// <summary>
/// Rows written per table (by one chunk, or summed over a run with <c>+</c>). Keys of <see cref="ByTable"/> and the
/// indexer are the qualified names of <see cref="ChunkTables"/> ("shop.orders", "sim.labels").
/// </summary>
public sealed record TableCounts(
    long Customers,
    long Sellers,
    long Products,
    long MarketEvents,
    long Orders,
    long OrderItems,
    long Payments,
    long Deliveries,
    long Reviews,
    long Labels)
{
    public static readonly TableCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Rows over all tables.</summary>
    public long Total =>
        Customers + Sellers + Products + MarketEvents + Orders + OrderItems + Payments + Deliveries + Reviews + Labels;

    /// <summary>Rows of one table, by qualified name (see <see cref="ChunkTables"/>).</summary>
    public long this[string table] => table switch
    {
        ChunkTables.Customers => Customers,
        ChunkTables.Sellers => Sellers,
        ChunkTables.Products => Products,
        ChunkTables.MarketEvents => MarketEvents,
        ChunkTables.Orders => Orders,
        ChunkTables.OrderItems => OrderItems,
        ChunkTables.Payments => Payments,
        ChunkTables.Deliveries => Deliveries,
        ChunkTables.Reviews => Reviews,
        ChunkTables.Labels => Labels,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a table a chunk writes"),
    };

    /// <summary>(table, rows) for every table, in <see cref="ChunkTables.InWriteOrder"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> ByTable =>
        [.. ChunkTables.InWriteOrder.Select(t => KeyValuePair.Create(t, this[t]))];

    public static TableCounts operator +(TableCounts a, TableCounts b) => new(
        a.Customers + b.Customers,
        a.Sellers + b.Sellers,
        a.Products + b.Products,
        a.MarketEvents + b.MarketEvents,
        a.Orders + b.Orders,
        a.OrderItems + b.OrderItems,
        a.Payments + b.Payments,
        a.Deliveries + b.Deliveries,
        a.Reviews + b.Reviews,
        a.Labels + b.Labels);

    /// <summary>The rows <paramref name="data"/> holds per table (what writing it produces).</summary>
    public static TableCounts Of(ChunkData data)
    {
        long items = 0, payments = 0, deliveries = 0, reviews = 0;
        foreach (var order in data.Orders)
        {
            items += order.Items.Count;
            payments += order.Payments.Count;
            deliveries += order.Delivery is null ? 0 : 1;
            reviews += order.Reviews.Count;
        }
        return new TableCounts(
            data.Customers.Count, data.Sellers.Count, data.Products.Count, data.MarketEvents.Count,
            data.Orders.Count, items, payments, deliveries, reviews, data.Labels.Count);
    }
}
