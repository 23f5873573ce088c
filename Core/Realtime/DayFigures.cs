namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// The complete live state of one business day as recomputed from PostgreSQL: what the reconcile writes into Redis,
/// and what the Api serves when Redis is down.
/// </summary>
public sealed record DayFigures(
    DateOnly Day,
    long RevenueCents,
    long Orders,
    long Items,
    long ActiveCustomers,
    /// <summary>Customer id → counted orders; filled only when read with detail (for a reconcile).</summary>
    IReadOnlyDictionary<long, long> CustomerOrders,
    IReadOnlyDictionary<string, long> StateCents,
    IReadOnlyDictionary<long, long> ProductCents,
    IReadOnlyList<long> BatchIds)
{
    public LiveKpis ToKpis(int topProducts) => new(
        Day,
        KpiDelta.FromCents(RevenueCents),
        Orders,
        Items,
        ActiveCustomers,
        [.. StateCents.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Select(s => new KpiShare(s.Key, KpiDelta.FromCents(s.Value)))],
        [.. ProductCents.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(topProducts)
            .Select(p => new KpiShare(p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), KpiDelta.FromCents(p.Value)))]);
}
