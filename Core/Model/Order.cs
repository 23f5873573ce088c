namespace Ecom.Aspire.Core.Model;

/// <summary>An order: who bought, when, where it ships, its status and its totals.</summary>
public sealed class Order
{
    public long Id { get; set; }
    public int? RunId { get; set; }
    public long CustomerId { get; set; }
    /// <summary>One of <see cref="OrderStatuses"/>.</summary>
    public string Status { get; set; } = OrderStatuses.Processing;
    public DateTimeOffset PurchasedAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public string ShipCity { get; set; } = "";
    public string ShipState { get; set; } = "";
    public string? ShipZipPrefix { get; set; }
    public short ItemCount { get; set; }
    /// <summary>Sum of item prices.</summary>
    public decimal ItemsTotal { get; set; }
    /// <summary>Sum of item freight.</summary>
    public decimal FreightTotal { get; set; }
    /// <summary>ItemsTotal + FreightTotal: what the customer pays (payments sum to it).</summary>
    public decimal Total { get; set; }

    public Customer? Customer { get; set; }
    public List<OrderItem> Items { get; set; } = [];
    public List<Payment> Payments { get; set; } = [];
    public Delivery? Delivery { get; set; }
    public List<Review> Reviews { get; set; } = [];
}
