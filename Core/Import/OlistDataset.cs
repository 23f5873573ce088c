using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Storage.Copy;

namespace Ecom.Aspire.Core.Import;

/// <summary>
/// The Olist files, read and validated (<see cref="OlistReader"/>), as the rows of the shop schema. Ids are chosen in
/// the id space of a run (<see cref="IdSpace"/>), by position in the files: the n-th customer (customer_unique_id, in
/// order of first appearance in the customers file), seller and product get <c>IdSpace.Id(run, 0, n)</c>; the n-th
/// order and review (file order) get <c>IdSpace.Id(run, 1, n)</c>. The same files give the same ids in a run.
/// The Olist ids of customers, sellers and products are kept as their name (Olist publishes no names); those of orders
/// and reviews are not kept (the schema has no column for them): their position in the file is their id's offset.
/// </summary>
public sealed class OlistDataset
{
    internal OlistDataset(
        string directory, IReadOnlyDictionary<string, long> fileSizes, List<Customer> customers, List<Seller> sellers,
        List<Product> products, List<Order> orders, DateOnly from, DateOnly to, OlistAdjustments adjustments)
    {
        Directory = directory;
        FileSizes = fileSizes;
        Customers = customers;
        Sellers = sellers;
        Products = products;
        Orders = orders;
        From = from;
        To = to;
        Adjustments = adjustments;
        long items = 0, payments = 0, deliveries = 0, reviews = 0;
        foreach (var order in orders)
        {
            items += order.Items.Count;
            payments += order.Payments.Count;
            deliveries += order.Delivery is null ? 0 : 1;
            reviews += order.Reviews.Count;
        }
        Rows = new TableCounts(customers.Count, sellers.Count, products.Count, 0, orders.Count, items, payments, deliveries, reviews, 0);
    }

    /// <summary>The directory read, as a full path.</summary>
    public string Directory { get; }

    /// <summary>Size in bytes of each file read, by file name.</summary>
    public IReadOnlyDictionary<string, long> FileSizes { get; }

    public IReadOnlyList<Customer> Customers { get; }
    public IReadOnlyList<Seller> Sellers { get; }
    public IReadOnlyList<Product> Products { get; }

    /// <summary>Orders with their items, payments, delivery and reviews.</summary>
    public IReadOnlyList<Order> Orders { get; }

    /// <summary>Business days (São Paulo) of the first and the last purchase.</summary>
    public DateOnly From { get; }
    public DateOnly To { get; }

    public OlistAdjustments Adjustments { get; }

    /// <summary>Rows per table that writing the dataset produces.</summary>
    public TableCounts Rows { get; }

    /// <summary>The run whose id space the ids are in now (0 until <see cref="ForRun"/> moves them).</summary>
    public int RunId { get; private set; }

    /// <summary>
    /// Moves every id and reference into the id space of <paramref name="runId"/> and stamps the rows with it; returns
    /// the world chunk (customers, sellers, products: chunk 0) and the orders chunk (chunk 1) for the COPY writer.
    /// </summary>
    public (ChunkData World, ChunkData Orders) ForRun(int runId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runId);
        var delta = (runId - RunId) * IdSpace.RunSpan;
        foreach (var c in Customers) { c.Id += delta; c.RunId = runId; }
        foreach (var s in Sellers) { s.Id += delta; s.RunId = runId; }
        foreach (var p in Products) { p.Id += delta; p.RunId = runId; }
        foreach (var o in Orders)
        {
            o.Id += delta;
            o.CustomerId += delta;
            o.RunId = runId;
            foreach (var item in o.Items) { item.OrderId += delta; item.ProductId += delta; item.SellerId += delta; }
            foreach (var payment in o.Payments) payment.OrderId += delta;
            if (o.Delivery is { } delivery) delivery.OrderId += delta;
            foreach (var review in o.Reviews) { review.Id += delta; review.OrderId += delta; }
        }
        RunId = runId;

        // A chunk spans [From, To) in business days: the day after the last purchase ends it.
        var world = new ChunkData(new ChunkSpec(OlistReader.WorldChunkNo, From, To.AddDays(1)));
        world.Customers.AddRange(Customers);
        world.Sellers.AddRange(Sellers);
        world.Products.AddRange(Products);
        var orders = new ChunkData(new ChunkSpec(OlistReader.OrdersChunkNo, From, To.AddDays(1)));
        orders.Orders.AddRange(Orders);
        return (world, orders);
    }
}
