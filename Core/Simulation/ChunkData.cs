using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage.Copy;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Every row one chunk produces, in memory (a chunk bounds the memory of a run). The world chunk fills customers,
/// sellers, products and market events; an order chunk fills orders, each with its items, payments, delivery and
/// reviews, and the labels of the orders it injected as fraud.
/// </summary>
public sealed class ChunkData(ChunkSpec chunk)
{
    public ChunkSpec Chunk { get; } = chunk;
    public List<Customer> Customers { get; } = [];
    public List<Seller> Sellers { get; } = [];
    public List<Product> Products { get; } = [];
    public List<MarketEvent> MarketEvents { get; } = [];
    /// <summary>Orders with <see cref="Order.Items"/>, <see cref="Order.Payments"/>, <see cref="Order.Delivery"/> and <see cref="Order.Reviews"/> filled.</summary>
    public List<Order> Orders { get; } = [];
    public List<FraudLabel> Labels { get; } = [];

    /// <summary>Rows over all tables.</summary>
    public long RowCount => TableCounts.Of(this).Total;
}
