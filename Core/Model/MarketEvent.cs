namespace Ecom.Aspire.Core.Model;

/// <summary>A market event the simulation drew (logistics crisis, outage, viral product, campaign...).</summary>
public sealed class MarketEvent
{
    public long Id { get; set; }
    public int? RunId { get; set; }
    /// <summary>One of <see cref="MarketEventKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    /// <summary>Effect size: a demand multiplier (campaign 1.4, outage 0.05) or a delay factor (logistics crisis).</summary>
    public double Intensity { get; set; }
    /// <summary>Limited to one state, or null for the whole country.</summary>
    public string? State { get; set; }
    public string? Category { get; set; }
    public long? ProductId { get; set; }
    public string Description { get; set; } = "";
}
