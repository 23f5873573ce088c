namespace Ecom.Aspire.Core.Storage.Copy;

/// <summary>
/// The tables a simulation chunk fills, by qualified name, and their columns in the order every writer emits them
/// (binary COPY, CSV headers, Parquet schemas). <see cref="InWriteOrder"/> is the foreign-key order: parents first.
/// </summary>
public static class ChunkTables
{
    public const string Customers = "shop.customers";
    public const string Sellers = "shop.sellers";
    public const string Products = "shop.products";
    public const string MarketEvents = "shop.market_events";
    public const string Orders = "shop.orders";
    public const string OrderItems = "shop.order_items";
    public const string Payments = "shop.payments";
    public const string Deliveries = "shop.deliveries";
    public const string Reviews = "shop.reviews";
    public const string Labels = "sim.labels";

    /// <summary>Every table a chunk writes, parents before children.</summary>
    public static readonly IReadOnlyList<string> InWriteOrder =
        [Customers, Sellers, Products, MarketEvents, Orders, OrderItems, Payments, Deliveries, Reviews, Labels];

    public static readonly IReadOnlyList<string> CustomerColumns =
        ["id", "run_id", "cpf", "name", "email", "phone", "city", "state", "zip_prefix", "persona", "signup_at"];

    public static readonly IReadOnlyList<string> SellerColumns =
        ["id", "run_id", "name", "city", "state", "zip_prefix", "joined_at"];

    public static readonly IReadOnlyList<string> ProductColumns =
        ["id", "run_id", "name", "category", "price", "cost", "weight_grams", "length_cm", "height_cm", "width_cm", "lifecycle", "launched_at"];

    public static readonly IReadOnlyList<string> MarketEventColumns =
        ["id", "run_id", "kind", "starts_at", "ends_at", "intensity", "state", "category", "product_id", "description"];

    public static readonly IReadOnlyList<string> OrderColumns =
        ["id", "run_id", "customer_id", "status", "purchased_at", "approved_at", "canceled_at", "ship_city", "ship_state",
         "ship_zip_prefix", "item_count", "items_total", "freight_total", "total"];

    public static readonly IReadOnlyList<string> OrderItemColumns =
        ["order_id", "item_no", "product_id", "seller_id", "price", "freight", "cost"];

    public static readonly IReadOnlyList<string> PaymentColumns =
        ["order_id", "seq", "type", "installments", "amount"];

    public static readonly IReadOnlyList<string> DeliveryColumns =
        ["order_id", "carrier", "shipped_at", "promised_at", "delivered_at", "distance_km"];

    public static readonly IReadOnlyList<string> ReviewColumns =
        ["id", "order_id", "score", "title", "comment", "created_at", "answered_at"];

    public static readonly IReadOnlyList<string> LabelColumns =
        ["order_id", "run_id", "kind", "detail"];

    /// <summary>The columns of <paramref name="table"/> (one of the constants above), in writing order.</summary>
    public static IReadOnlyList<string> ColumnsOf(string table) => table switch
    {
        Customers => CustomerColumns,
        Sellers => SellerColumns,
        Products => ProductColumns,
        MarketEvents => MarketEventColumns,
        Orders => OrderColumns,
        OrderItems => OrderItemColumns,
        Payments => PaymentColumns,
        Deliveries => DeliveryColumns,
        Reviews => ReviewColumns,
        Labels => LabelColumns,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a table a chunk writes"),
    };

    /// <summary>The unqualified name ("orders" for "shop.orders"), used for file names.</summary>
    public static string ShortName(string table) => table[(table.IndexOf('.') + 1)..];

    /// <summary><c>COPY schema.table (col, ...) FROM STDIN (FORMAT BINARY)</c> for <paramref name="table"/>.</summary>
    public static string CopyCommand(string table) =>
        $"COPY {table} ({string.Join(", ", ColumnsOf(table))}) FROM STDIN (FORMAT BINARY)";
}
