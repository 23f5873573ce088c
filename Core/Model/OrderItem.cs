namespace Ecom.Aspire.Core.Model;

/// <summary>One line of an order: a unit of a product sold by a seller.</summary>
public sealed class OrderItem
{
    public long OrderId { get; set; }
    /// <summary>1-based position in the order.</summary>
    public short ItemNo { get; set; }
    public long ProductId { get; set; }
    public long SellerId { get; set; }
    public decimal Price { get; set; }
    public decimal Freight { get; set; }
    /// <summary>Unit cost at the time of sale (for COGS); null when unknown.</summary>
    public decimal? Cost { get; set; }

    public Product? Product { get; set; }
    public Seller? Seller { get; set; }
}
