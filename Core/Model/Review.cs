namespace Ecom.Aspire.Core.Model;

/// <summary>A customer's review of an order (score 1 to 5).</summary>
public sealed class Review
{
    public long Id { get; set; }
    public long OrderId { get; set; }
    public short Score { get; set; }
    public string? Title { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
}
