namespace Ecom.Aspire.Core.Model;

/// <summary>Shipping of an order: carrier, promised date and what really happened.</summary>
public sealed class Delivery
{
    public long OrderId { get; set; }
    public string Carrier { get; set; } = "";
    /// <summary>Handed to the carrier; null until shipped.</summary>
    public DateTimeOffset? ShippedAt { get; set; }
    /// <summary>Date promised to the customer at purchase.</summary>
    public DateTimeOffset PromisedAt { get; set; }
    /// <summary>Delivered to the customer; null until delivered.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
    /// <summary>Approximate distance between seller and customer, km.</summary>
    public int? DistanceKm { get; set; }
}
