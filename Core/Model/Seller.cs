namespace Ecom.Aspire.Core.Model;

/// <summary>A seller (merchant) on the marketplace.</summary>
public sealed class Seller
{
    public long Id { get; set; }
    public int? RunId { get; set; }
    public string Name { get; set; } = "";
    public string City { get; set; } = "";
    public string State { get; set; } = "";
    public string? ZipPrefix { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
