using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One product of the ranking.</summary>
[CsvRecord]
public sealed partial record TopProduct(
    int Rank, long ProductKey, string Name, string Category, decimal Revenue, long Items, long Orders, decimal? RevenueShare, decimal? AveragePrice);

public sealed record TopProductsAnswer(AnalyticsPeriod Period, AnalyticsFilter Filter, int Limit, decimal Revenue, IReadOnlyList<TopProduct> Products, DateTimeOffset ComputedAt);

/// <summary>
/// The products with the highest revenue in the period. Definitions: revenue, items and orders of a product count its
/// revenue-bearing order items only (revenue as <see cref="FinanceAnalytics"/>, freight excluded); revenue share = its
/// revenue / the revenue of every product under the same filter (<see cref="TopProductsAnswer.Revenue"/>, from
/// <c>dw.agg_daily_sales</c>); average price = revenue / items. Ties are broken by product key; products without
/// revenue are not ranked. At most <see cref="MaxLimit"/> products. Read from <c>dw.fact_sales</c> (the aggregates have
/// no product; <c>dw.agg_daily_product</c>, per day and product, without a state filter) and <c>dw.dim_product</c>.
/// </summary>
public static class TopProductsAnalytics
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 10;

    private const string Sql = """
        SELECT t.product_key AS productkey, p.name, p.category, t.revenue, t.items, t.orders
        FROM (SELECT f.product_key, sum(f.revenue)::numeric AS revenue, count(*)::bigint AS items, count(DISTINCT f.order_id)::bigint AS orders
              FROM dw.fact_sales f
              WHERE f.is_revenue AND f.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
              GROUP BY f.product_key
              HAVING sum(f.revenue) > 0
              ORDER BY revenue DESC, f.product_key
              LIMIT @limit) t
        JOIN dw.dim_product p ON p.product_key = t.product_key
        ORDER BY t.revenue DESC, t.product_key
        """;

    /// <summary>Without a state filter: the same figures from the daily product aggregate (one row per day and product).</summary>
    private const string FromAggregate = """
        SELECT t.product_key AS productkey, p.name, p.category, t.revenue, t.items, t.orders
        FROM (SELECT a.product_key, sum(a.revenue)::numeric AS revenue, sum(a.items)::bigint AS items, sum(a.orders)::bigint AS orders
              FROM dw.agg_daily_product a
              WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
              GROUP BY a.product_key
              HAVING sum(a.revenue) > 0
              ORDER BY revenue DESC, a.product_key
              LIMIT @limit) t
        JOIN dw.dim_product p ON p.product_key = t.product_key
        ORDER BY t.revenue DESC, t.product_key
        """;

    private const string Total = """
        SELECT coalesce(sum(a.revenue), 0)::numeric FROM dw.agg_daily_sales a
        WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
        """;

    private sealed class Row
    {
        public long ProductKey { get; set; }
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public decimal Revenue { get; set; }
        public long Items { get; set; }
        public long Orders { get; set; }
    }

    public static async Task<TopProductsAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, int limit, TimeProvider clock, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var (period, filter) = query;
        var parameters = new { from = period.From, to = period.To, state = filter.State, category = filter.Category, limit };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            filter.State is null
                ? string.Format(FromAggregate, filter.Conditions("", "a.category"))
                : string.Format(Sql, filter.Conditions("f.customer_state", "f.category")), parameters, cancellationToken: ct))).ToList();
        var total = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition(
            string.Format(Total, filter.Conditions("a.state", "a.category")), parameters, cancellationToken: ct));
        var products = rows.Select((r, i) => new TopProduct(i + 1, r.ProductKey, r.Name, r.Category, r.Revenue, r.Items, r.Orders,
            Figures.Ratio(r.Revenue, total), Figures.Average(r.Revenue, r.Items))).ToList();
        return new TopProductsAnswer(period, filter, limit, total, products, clock.GetUtcNow());
    }
}
