namespace Ecom.Aspire.Core.Model;

/// <summary>Ground truth: an order the simulation injected as fraud or anomaly. Analytics never read it.</summary>
public sealed class FraudLabel
{
    public long OrderId { get; set; }
    public int? RunId { get; set; }
    /// <summary>One of <see cref="FraudKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string? Detail { get; set; }
}
