using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One bucket of a trend: its days within the period, and their figures.</summary>
[CsvRecord]
public sealed partial record TrendPoint(DateOnly Start, DateOnly End, int Days, decimal Revenue, long Orders, long Items, decimal? AverageTicket);

public sealed record TrendAnswer(AnalyticsPeriod Period, AnalyticsFilter Filter, string Granularity, IReadOnlyList<TrendPoint> Points, DateTimeOffset ComputedAt);

/// <summary>
/// Revenue, orders and items per day, week or month. Definitions: revenue as <see cref="FinanceAnalytics"/> (item
/// prices of revenue-bearing orders, freight excluded); orders = revenue-bearing orders (with a category filter: those
/// with an item of the category); items = revenue-bearing order items; average ticket = revenue / orders. Buckets are
/// calendar days, ISO weeks (Monday to Sunday) or calendar months of purchase business days; the first and last bucket
/// are cut to the period (<see cref="TrendPoint.Start"/>, <see cref="TrendPoint.End"/> and <see cref="TrendPoint.Days"/>
/// say which days they hold). Every bucket of the period is listed, with zeros when nothing was sold. Read from
/// <c>dw.agg_daily_orders</c> (no category filter) or <c>dw.agg_daily_sales</c>.
/// </summary>
public static class TrendAnalytics
{
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";

    public static readonly IReadOnlyList<string> Granularities = [Day, Week, Month];

    private const string Sql = """
        WITH data AS (
            SELECT date_trunc('{0}', a.date_key::timestamp)::date AS bucket,
                   sum(a.revenue) AS revenue, sum(a.revenue_orders) AS orders, sum(a.items) AS items
            FROM {1} a
            WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){2}
            GROUP BY 1
        )
        SELECT g.bucket::date AS bucket, coalesce(d.revenue, 0)::numeric AS revenue,
               coalesce(d.orders, 0)::bigint AS orders, coalesce(d.items, 0)::bigint AS items
        FROM generate_series(date_trunc('{0}', CAST(@from AS date)::timestamp), CAST(@to AS date)::timestamp, interval '1 {0}') AS g (bucket)
        LEFT JOIN data d ON d.bucket = g.bucket::date
        ORDER BY 1
        """;

    /// <param name="granularity">One of <see cref="Granularities"/>.</param>
    public static async Task<TrendAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, string granularity, TimeProvider clock, CancellationToken ct)
    {
        if (!Granularities.Contains(granularity)) throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "day, week or month");
        var (period, filter) = query;
        var sql = filter.Category is null
            ? string.Format(Sql, granularity, "dw.agg_daily_orders", filter.Conditions("a.state", null))
            : string.Format(Sql, granularity, "dw.agg_daily_sales", filter.Conditions("a.state", "a.category"));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(DateTime Bucket, decimal Revenue, long Orders, long Items)>(new CommandDefinition(
            sql, new { from = period.From, to = period.To, state = filter.State, category = filter.Category }, cancellationToken: ct));
        var points = rows.Select(r =>
        {
            var bucket = DateOnly.FromDateTime(r.Bucket);
            var next = granularity switch { Day => bucket.AddDays(1), Week => bucket.AddDays(7), _ => bucket.AddMonths(1) };
            var start = bucket < period.From ? period.From : bucket;
            var end = next.AddDays(-1) > period.To ? period.To : next.AddDays(-1);
            return new TrendPoint(start, end, end.DayNumber - start.DayNumber + 1, r.Revenue, r.Orders, r.Items, Figures.Average(r.Revenue, r.Orders));
        }).ToList();
        return new TrendAnswer(period, filter, granularity, points, clock.GetUtcNow());
    }
}
