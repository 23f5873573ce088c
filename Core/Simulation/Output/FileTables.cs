using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage.Copy;

namespace Ecom.Aspire.Core.Simulation.Output;

/// <summary>A table file's columns, named and ordered exactly like the database table (checked on construction).</summary>
internal sealed class FileTable<TRow>
{
    public FileTable(string table, params FileColumn<TRow>[] columns)
    {
        var expected = ChunkTables.ColumnsOf(table);
        if (!expected.SequenceEqual(columns.Select(c => c.Name)))
        {
            throw new InvalidOperationException(
                $"file columns of {table} ({string.Join(", ", columns.Select(c => c.Name))}) differ from the table's ({string.Join(", ", expected)})");
        }
        Table = table;
        Columns = columns;
    }

    /// <summary>Qualified table name, one of <see cref="ChunkTables"/>.</summary>
    public string Table { get; }

    public IReadOnlyList<FileColumn<TRow>> Columns { get; }
}

/// <summary>Every table of a chunk as a file table, and how to take its rows out of a <see cref="ChunkData"/>.</summary>
internal static class FileTables
{
    public static readonly FileTable<Customer> Customers = new(ChunkTables.Customers,
        Col.BigInt<Customer>("id", c => c.Id),
        Col.Int<Customer>("run_id", c => c.RunId),
        Col.NullableText<Customer>("cpf", c => c.Cpf),
        Col.Text<Customer>("name", c => c.Name),
        Col.NullableText<Customer>("email", c => c.Email),
        Col.NullableText<Customer>("phone", c => c.Phone),
        Col.Text<Customer>("city", c => c.City),
        Col.Text<Customer>("state", c => c.State),
        Col.NullableText<Customer>("zip_prefix", c => c.ZipPrefix),
        Col.NullableText<Customer>("persona", c => c.Persona),
        Col.Timestamp<Customer>("signup_at", c => c.SignupAt));

    public static readonly FileTable<Seller> Sellers = new(ChunkTables.Sellers,
        Col.BigInt<Seller>("id", s => s.Id),
        Col.Int<Seller>("run_id", s => s.RunId),
        Col.Text<Seller>("name", s => s.Name),
        Col.Text<Seller>("city", s => s.City),
        Col.Text<Seller>("state", s => s.State),
        Col.NullableText<Seller>("zip_prefix", s => s.ZipPrefix),
        Col.Timestamp<Seller>("joined_at", s => s.JoinedAt));

    public static readonly FileTable<Product> Products = new(ChunkTables.Products,
        Col.BigInt<Product>("id", p => p.Id),
        Col.Int<Product>("run_id", p => p.RunId),
        Col.Text<Product>("name", p => p.Name),
        Col.Text<Product>("category", p => p.Category),
        Col.Numeric<Product>("price", p => p.Price),
        Col.Numeric<Product>("cost", p => p.Cost),
        Col.Int<Product>("weight_grams", p => p.WeightGrams),
        Col.Int<Product>("length_cm", p => p.LengthCm),
        Col.Int<Product>("height_cm", p => p.HeightCm),
        Col.Int<Product>("width_cm", p => p.WidthCm),
        Col.NullableText<Product>("lifecycle", p => p.Lifecycle),
        Col.Timestamp<Product>("launched_at", p => p.LaunchedAt));

    public static readonly FileTable<MarketEvent> MarketEvents = new(ChunkTables.MarketEvents,
        Col.BigInt<MarketEvent>("id", e => e.Id),
        Col.Int<MarketEvent>("run_id", e => e.RunId),
        Col.Text<MarketEvent>("kind", e => e.Kind),
        Col.Timestamp<MarketEvent>("starts_at", e => e.StartsAt),
        Col.Timestamp<MarketEvent>("ends_at", e => e.EndsAt),
        Col.Double<MarketEvent>("intensity", e => e.Intensity),
        Col.NullableText<MarketEvent>("state", e => e.State),
        Col.NullableText<MarketEvent>("category", e => e.Category),
        Col.BigInt<MarketEvent>("product_id", e => e.ProductId),
        Col.Text<MarketEvent>("description", e => e.Description));

    public static readonly FileTable<Order> Orders = new(ChunkTables.Orders,
        Col.BigInt<Order>("id", o => o.Id),
        Col.Int<Order>("run_id", o => o.RunId),
        Col.BigInt<Order>("customer_id", o => o.CustomerId),
        Col.Text<Order>("status", o => o.Status),
        Col.Timestamp<Order>("purchased_at", o => o.PurchasedAt),
        Col.Timestamp<Order>("approved_at", o => o.ApprovedAt),
        Col.Timestamp<Order>("canceled_at", o => o.CanceledAt),
        Col.Text<Order>("ship_city", o => o.ShipCity),
        Col.Text<Order>("ship_state", o => o.ShipState),
        Col.NullableText<Order>("ship_zip_prefix", o => o.ShipZipPrefix),
        Col.SmallInt<Order>("item_count", o => o.ItemCount),
        Col.Numeric<Order>("items_total", o => o.ItemsTotal),
        Col.Numeric<Order>("freight_total", o => o.FreightTotal),
        Col.Numeric<Order>("total", o => o.Total));

    public static readonly FileTable<OrderItem> OrderItems = new(ChunkTables.OrderItems,
        Col.BigInt<OrderItem>("order_id", i => i.OrderId),
        Col.SmallInt<OrderItem>("item_no", i => i.ItemNo),
        Col.BigInt<OrderItem>("product_id", i => i.ProductId),
        Col.BigInt<OrderItem>("seller_id", i => i.SellerId),
        Col.Numeric<OrderItem>("price", i => i.Price),
        Col.Numeric<OrderItem>("freight", i => i.Freight),
        Col.Numeric<OrderItem>("cost", i => i.Cost));

    public static readonly FileTable<Payment> Payments = new(ChunkTables.Payments,
        Col.BigInt<Payment>("order_id", p => p.OrderId),
        Col.SmallInt<Payment>("seq", p => p.Seq),
        Col.Text<Payment>("type", p => p.Type),
        Col.SmallInt<Payment>("installments", p => p.Installments),
        Col.Numeric<Payment>("amount", p => p.Amount));

    public static readonly FileTable<Delivery> Deliveries = new(ChunkTables.Deliveries,
        Col.BigInt<Delivery>("order_id", d => d.OrderId),
        Col.Text<Delivery>("carrier", d => d.Carrier),
        Col.Timestamp<Delivery>("shipped_at", d => d.ShippedAt),
        Col.Timestamp<Delivery>("promised_at", d => d.PromisedAt),
        Col.Timestamp<Delivery>("delivered_at", d => d.DeliveredAt),
        Col.Int<Delivery>("distance_km", d => d.DistanceKm));

    public static readonly FileTable<Review> Reviews = new(ChunkTables.Reviews,
        Col.BigInt<Review>("id", r => r.Id),
        Col.BigInt<Review>("order_id", r => r.OrderId),
        Col.SmallInt<Review>("score", r => r.Score),
        Col.NullableText<Review>("title", r => r.Title),
        Col.NullableText<Review>("comment", r => r.Comment),
        Col.Timestamp<Review>("created_at", r => r.CreatedAt),
        Col.Timestamp<Review>("answered_at", r => r.AnsweredAt));

    public static readonly FileTable<FraudLabel> Labels = new(ChunkTables.Labels,
        Col.BigInt<FraudLabel>("order_id", l => l.OrderId),
        Col.Int<FraudLabel>("run_id", l => l.RunId),
        Col.Text<FraudLabel>("kind", l => l.Kind),
        Col.NullableText<FraudLabel>("detail", l => l.Detail));

    public static List<OrderItem> ItemsOf(List<Order> orders)
    {
        var rows = new List<OrderItem>(orders.Count + orders.Count / 4);
        foreach (var order in orders) rows.AddRange(order.Items);
        return rows;
    }

    public static List<Payment> PaymentsOf(List<Order> orders)
    {
        var rows = new List<Payment>(orders.Count + orders.Count / 8);
        foreach (var order in orders) rows.AddRange(order.Payments);
        return rows;
    }

    public static List<Delivery> DeliveriesOf(List<Order> orders)
    {
        var rows = new List<Delivery>(orders.Count);
        foreach (var order in orders)
        {
            if (order.Delivery is { } delivery) rows.Add(delivery);
        }
        return rows;
    }

    public static List<Review> ReviewsOf(List<Order> orders)
    {
        var rows = new List<Review>(orders.Count);
        foreach (var order in orders) rows.AddRange(order.Reviews);
        return rows;
    }
}
