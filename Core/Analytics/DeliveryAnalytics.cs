using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// Delivery performance of a group of orders: <see cref="Dimension"/> is "total", "state" (ship state), "carrier" or
/// "seller", <see cref="Key"/> the state code, carrier name or seller key ("all" for the total); <see cref="Name"/> is
/// the seller's name (null for the other dimensions).
/// </summary>
[CsvRecord]
public sealed partial record DeliveryRow(
    string Dimension, string Key, long Orders, long Delivered, long InTransit, long OnTime, long Late,
    decimal? OnTimeShare, decimal? AverageDeliveryDays, decimal? AverageDelayDays, decimal? AverageLateDays, string? Name = null);

public sealed record DeliveryAnswer(
    AnalyticsPeriod Period, AnalyticsFilter Filter, DeliveryRow Total, IReadOnlyList<DeliveryRow> ByState, IReadOnlyList<DeliveryRow> ByCarrier,
    int SellerLimit, long Sellers, IReadOnlyList<DeliveryRow> BySeller, DateTimeOffset ComputedAt);

/// <summary>
/// Delivery performance of the orders purchased in the period (by purchase business day), counted per order with a
/// delivery record, from <c>dw.agg_daily_delivery</c>. Definitions (whole business days, America/Sao_Paulo, as the
/// warehouse computes them once):
/// <list type="bullet">
/// <item>delivered: orders delivered so far; in transit = orders − delivered;</item>
/// <item>delivery days = day delivered − day purchased; delay = day delivered − promised day (negative: early);</item>
/// <item>on time = delivered on or before the promised day; late = after it;</item>
/// <item>on-time share = on time / delivered; average delivery days and average delay = their sums / delivered (early
/// deliveries lower the average delay); average late days = sum of the delays of late orders / late orders.</item>
/// </list>
/// Shares are rounded to 4 places, averages to 2; null when nothing was delivered (or late). The state filter applies;
/// delivery figures have no category (an order's delivery is shared by its items).
/// <para>By seller (from <c>dw.agg_weekly_seller</c> and <c>dw.agg_daily_seller</c>, <see cref="SellerPeriodSource"/>): the orders holding an item of the seller, with the same
/// definitions; an order with items of two sellers counts for each. <see cref="DeliveryAnswer.Sellers"/> sellers had an
/// order with a delivery record; the first sellerLimit are listed, most late orders first (then the lowest on-time
/// share, then seller key).</para>
/// </summary>
public static class DeliveryAnalytics
{
    public const string TotalDimension = "total";
    public const string StateDimension = "state";
    public const string CarrierDimension = "carrier";
    public const string SellerDimension = "seller";
    public const int DefaultSellerLimit = 20;
    public const int MaxSellerLimit = 1000;

    private const string Sellers = """
        SELECT t.*, s.name FROM (
            SELECT a.seller_key AS sellerkey, sum(a.delivery_orders)::bigint AS orders, sum(a.delivered)::bigint AS delivered,
                   sum(a.on_time)::bigint AS ontime, sum(a.late)::bigint AS late, sum(a.delivery_days_sum)::bigint AS deliverydays,
                   sum(a.delay_days_sum)::bigint AS delaydays, sum(a.late_days_sum)::bigint AS latedays,
                   count(*) OVER ()::bigint AS sellers
            FROM {0}
            GROUP BY a.seller_key
            HAVING sum(a.delivery_orders) > 0
            ORDER BY sum(a.late) DESC, sum(a.on_time)::numeric / nullif(sum(a.delivered), 0) NULLS LAST, a.seller_key
            LIMIT @sellerLimit) t
        JOIN dw.dim_seller s ON s.seller_key = t.sellerkey
        ORDER BY t.late DESC, t.ontime::numeric / nullif(t.delivered, 0) NULLS LAST, t.sellerkey
        """;

    private const string SellerColumns = "delivery_orders, delivered, on_time, late, delivery_days_sum, delay_days_sum, late_days_sum";

    private sealed class SellerCell
    {
        public long SellerKey { get; set; }
        public string Name { get; set; } = "";
        public long Orders { get; set; }
        public long Delivered { get; set; }
        public long OnTime { get; set; }
        public long Late { get; set; }
        public long DeliveryDays { get; set; }
        public long DelayDays { get; set; }
        public long LateDays { get; set; }
        public long Sellers { get; set; }
    }

    private const string Sql = """
        SELECT a.state::text AS state, a.carrier AS carrier,
               sum(a.orders)::bigint AS orders, sum(a.delivered)::bigint AS delivered, sum(a.on_time)::bigint AS ontime,
               sum(a.late)::bigint AS late, sum(a.delivery_days_sum)::bigint AS deliverydays, sum(a.delay_days_sum)::bigint AS delaydays,
               sum(a.late_days_sum)::bigint AS latedays
        FROM dw.agg_daily_delivery a
        WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
        GROUP BY a.state, a.carrier
        """;

    /// <summary>Sums of one state and carrier (columns mapped by name).</summary>
    private sealed class Cell
    {
        public string State { get; set; } = "";
        public string Carrier { get; set; } = "";
        public long Orders { get; set; }
        public long Delivered { get; set; }
        public long OnTime { get; set; }
        public long Late { get; set; }
        public long DeliveryDays { get; set; }
        public long DelayDays { get; set; }
        public long LateDays { get; set; }
    }

    public static async Task<DeliveryAnswer> ReadAsync(
        NpgsqlDataSource dataSource, AnalyticsQuery query, TimeProvider clock, CancellationToken ct, int sellerLimit = DefaultSellerLimit)
    {
        var (period, filter) = query;
        if (filter.Category is not null) throw new ArgumentException("Delivery figures have no category.", nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(sellerLimit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sellerLimit, MaxSellerLimit);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var all = (await connection.QueryAsync<Cell>(new CommandDefinition(string.Format(Sql, filter.Conditions("a.state", null)),
            new { from = period.From, to = period.To, state = filter.State }, cancellationToken: ct))).ToList();
        foreach (var cell in all) cell.State = cell.State.Trim();
        var sellerParameters = SellerPeriodSource.Parameters(period, filter);
        sellerParameters.Add("sellerLimit", sellerLimit);
        var sellers = (await connection.QueryAsync<SellerCell>(new CommandDefinition(string.Format(Sellers, SellerPeriodSource.From(filter, SellerColumns)),
            sellerParameters, cancellationToken: ct))).ToList();

        return new DeliveryAnswer(
            period, filter,
            Row(TotalDimension, "all", all),
            [.. all.GroupBy(c => c.State).Select(g => Row(StateDimension, g.Key, g)).OrderBy(r => r.Key, StringComparer.Ordinal)],
            [.. all.GroupBy(c => c.Carrier).Select(g => Row(CarrierDimension, g.Key, g)).OrderBy(r => r.Key, StringComparer.Ordinal)],
            sellerLimit, sellers.Count == 0 ? 0 : sellers[0].Sellers,
            [.. sellers.Select(s => Row(SellerDimension, s.SellerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new Cell { Orders = s.Orders, Delivered = s.Delivered, OnTime = s.OnTime, Late = s.Late, DeliveryDays = s.DeliveryDays,
                            DelayDays = s.DelayDays, LateDays = s.LateDays }]) with { Name = s.Name })],
            clock.GetUtcNow());
    }

    /// <summary>The total, by state, by carrier and by seller, as one table (for CSV).</summary>
    public static IEnumerable<DeliveryRow> Table(DeliveryAnswer answer) => [answer.Total, .. answer.ByState, .. answer.ByCarrier, .. answer.BySeller];

    private static DeliveryRow Row(string dimension, string key, IEnumerable<Cell> cells)
    {
        var list = cells.ToList();
        long orders = list.Sum(c => c.Orders), delivered = list.Sum(c => c.Delivered), onTime = list.Sum(c => c.OnTime), late = list.Sum(c => c.Late);
        return new DeliveryRow(dimension, key, orders, delivered, orders - delivered, onTime, late,
            Figures.Ratio(onTime, delivered),
            Figures.Average(list.Sum(c => c.DeliveryDays), delivered),
            Figures.Average(list.Sum(c => c.DelayDays), delivered),
            Figures.Average(list.Sum(c => c.LateDays), late));
    }
}
