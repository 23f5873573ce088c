using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>
/// Categories of a flagged order: the six kinds of sim.labels (<see cref="FraudKinds"/>), found by the readable rules
/// (<see cref="AnomalyRules"/>), and <see cref="UnusualOrder"/> for an order only the PCA model finds unusual.
/// </summary>
public static class AnomalyCategories
{
    public const string UnusualOrder = "unusual_order";

    public static readonly IReadOnlyList<string> All = [.. FraudKinds.All, UnusualOrder];
}
