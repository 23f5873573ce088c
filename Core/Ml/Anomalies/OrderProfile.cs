namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>
/// What the anomaly detector knows of an order: its own figures (from shop.orders, order_items, products, payments)
/// and the account's behaviour around it (computed over all orders of the customer, <see cref="OrderProfiles"/>).
/// </summary>
public sealed class OrderProfile
{
    public long OrderId { get; init; }
    public long CustomerId { get; init; }
    public DateTimeOffset PurchasedAt { get; init; }
    public string Status { get; init; } = "";
    public string ShipState { get; init; } = "";
    public string CustomerState { get; init; } = "";
    public DateTimeOffset SignupAt { get; init; }
    public string PaymentType { get; init; } = "";
    /// <summary>Item rows.</summary>
    public int Items { get; init; }
    /// <summary>Most units of one product in the order.</summary>
    public int MaxUnits { get; init; }
    public double ItemsTotal { get; init; }
    public double FreightTotal { get; init; }
    public double Total { get; init; }
    /// <summary>Lowest and highest item price / the product's list price (shop.products.price); 1 when unknown.</summary>
    public double MinPriceRatio { get; init; } = 1;
    public double MaxPriceRatio { get; init; } = 1;
    /// <summary>Highest item freight / item price (price at least R$ 1), and that item's freight.</summary>
    public double MaxFreightRatio { get; init; }
    public double MaxFreight { get; init; }

    /// <summary>Hours between the account's signup and this order.</summary>
    public double AccountAgeHours => (PurchasedAt - SignupAt).TotalHours;
    /// <summary>The account's orders placed before this one.</summary>
    public int PriorOrders { get; set; }
    /// <summary>Mean total of those orders (0 when none).</summary>
    public double PriorMeanTotal { get; set; }
    /// <summary>The account's orders within an hour before or after this one, this one included.</summary>
    public int BurstSize { get; set; } = 1;
    /// <summary>Whether an earlier order of the account was shipped to this order's ship state.</summary>
    public bool KnownShipState { get; set; }

    public bool ShippedElsewhere => ShipState != CustomerState;
}
