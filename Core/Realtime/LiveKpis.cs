namespace Ecom.Aspire.Core.Realtime;

/// <summary>Revenue of one product or state on the day.</summary>
public sealed record KpiShare(string Key, decimal Revenue);

/// <summary>
/// The live figures of one business day. Definitions (the same in Redis and in SQL): only orders with a
/// revenue-bearing status count (<see cref="Model.OrderStatuses.RevenueBearing"/>); revenue is the sum of item prices
/// (freight is not revenue); items counts order lines; active customers are distinct buyers; the average ticket is
/// revenue / orders.
/// </summary>
public sealed record LiveKpis(
    DateOnly Day,
    decimal Revenue,
    long Orders,
    long Items,
    long ActiveCustomers,
    IReadOnlyList<KpiShare> RevenueByState,
    IReadOnlyList<KpiShare> TopProducts)
{
    public decimal AverageTicket => Orders == 0 ? 0 : Math.Round(Revenue / Orders, 2, MidpointRounding.AwayFromZero);

    public static LiveKpis Empty(DateOnly day) => new(day, 0, 0, 0, 0, [], []);
}

/// <summary>Where an answer came from and how fresh it is; degraded when Redis could not be used.</summary>
public sealed record LiveKpisAnswer(LiveKpis Kpis, string Source, DateTimeOffset AsOf, double AgeSeconds, bool Degraded, string? Reason);

public static class KpiSources
{
    public const string Redis = "redis";
    public const string Postgres = "postgres";
}
