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
/// revenue are not ranked. At most <see cref="MaxLimit"/> products.
/// <para>
/// How it is read: with a state filter, from <c>dw.fact_sales</c> (the product aggregates have no state). Without one,
/// candidates first: the <see cref="CandidateDepth"/> × limit largest products of each calendar month the period touches
/// (<c>dw.agg_monthly_product</c>, one index scan per month), then their exact figures over the period (monthly rows for
/// the months it covers whole, <c>dw.agg_daily_product</c> for the others). A product outside the candidates earned at
/// most, in each month, what the first product left out of that month's candidates earned, so its period revenue is at
/// most the sum of those (the bound). When the last product of the answer earned more than the bound, no other product
/// can enter it and the answer is exact; otherwise (a flat month) every product of the period is added up from
/// <c>dw.agg_daily_product</c>. Either way the answer is the same; the first way reads a few hundred rows.
/// </para>
/// </summary>
public static class TopProductsAnalytics
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 10;

    /// <summary>Candidates taken from each month, per product asked for.</summary>
    public const int CandidateDepth = 5;

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

    /// <summary>The largest @depth + 1 products of each month of @months (in the category, if any).</summary>
    private const string MonthLeaders = """
        SELECT m.month, t.product_key, t.revenue
        FROM unnest(CAST(@months AS date[])) AS m(month)
        CROSS JOIN LATERAL (
            SELECT a.product_key, a.revenue FROM dw.agg_monthly_product a
            WHERE a.month = m.month{0}
            ORDER BY a.revenue DESC, a.product_key
            LIMIT @depth + 1) t
        """;

    /// <summary>The figures of the @candidates over the period: @fullMonths from the monthly rows, the two partial ranges from the daily rows.</summary>
    private const string Candidates = """
        SELECT t.product_key AS productkey, p.name, p.category, t.revenue, t.items, t.orders
        FROM (SELECT x.product_key, sum(x.revenue)::numeric AS revenue, sum(x.items)::bigint AS items, sum(x.orders)::bigint AS orders
              FROM (SELECT a.product_key, a.revenue, a.items, a.orders FROM dw.agg_monthly_product a
                    WHERE a.month = ANY(CAST(@fullMonths AS date[])) AND a.product_key = ANY(@candidates)
                    UNION ALL
                    SELECT a.product_key, a.revenue, a.items, a.orders FROM dw.agg_daily_product a
                    WHERE a.product_key = ANY(@candidates)
                      AND (a.date_key BETWEEN CAST(@headFrom AS date) AND CAST(@headTo AS date)
                           OR a.date_key BETWEEN CAST(@tailFrom AS date) AND CAST(@tailTo AS date))) x
              GROUP BY x.product_key
              HAVING sum(x.revenue) > 0) t
        JOIN dw.dim_product p ON p.product_key = t.product_key
        ORDER BY t.revenue DESC, t.product_key
        """;

    private const string Total = """
        SELECT coalesce(sum(a.revenue), 0)::numeric FROM dw.agg_daily_sales a
        WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
        """;

    internal sealed class Row
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
        var rows = filter.State is null
            ? await FromCandidatesAsync(connection, period, filter, limit, ct)
              ?? (await connection.QueryAsync<Row>(new CommandDefinition(
                  string.Format(FromAggregate, filter.Conditions("", "a.category")), parameters, cancellationToken: ct))).ToList()
            : (await connection.QueryAsync<Row>(new CommandDefinition(
                string.Format(Sql, filter.Conditions("f.customer_state", "f.category")), parameters, cancellationToken: ct))).ToList();
        var total = await connection.ExecuteScalarAsync<decimal>(new CommandDefinition(
            string.Format(Total, filter.Conditions("a.state", "a.category")), parameters, cancellationToken: ct));
        var products = rows.Select((r, i) => new TopProduct(i + 1, r.ProductKey, r.Name, r.Category, r.Revenue, r.Items, r.Orders,
            Figures.Ratio(r.Revenue, total), Figures.Average(r.Revenue, r.Items))).ToList();
        return new TopProductsAnswer(period, filter, limit, total, products, clock.GetUtcNow());
    }

    /// <summary>The ranking from the months' leaders (see the class), or null when the bound does not prove it.</summary>
    internal static async Task<List<Row>?> FromCandidatesAsync(NpgsqlConnection connection, AnalyticsPeriod period, AnalyticsFilter filter, int limit, CancellationToken ct)
    {
        var months = new List<DateOnly>();
        for (var month = new DateOnly(period.From.Year, period.From.Month, 1); month <= period.To; month = month.AddMonths(1)) months.Add(month);
        var depth = CandidateDepth * limit;
        var leaders = await connection.QueryAsync<(DateTime Month, long ProductKey, decimal Revenue)>(new CommandDefinition(
            string.Format(MonthLeaders, filter.Conditions("", "a.category")),
            new { months = months.ToArray(), depth, category = filter.Category }, cancellationToken: ct));

        var candidates = new HashSet<long>();
        var bound = 0m;
        foreach (var month in leaders.GroupBy(l => l.Month))
        {
            var ranked = month.OrderByDescending(l => l.Revenue).ThenBy(l => l.ProductKey).ToList();
            candidates.UnionWith(ranked.Take(depth).Select(l => l.ProductKey));
            if (ranked.Count > depth) bound += ranked[depth].Revenue;
        }

        var full = months.Where(m => m >= period.From && m.AddMonths(1).AddDays(-1) <= period.To).ToArray();
        var firstMonth = months[0];
        var lastMonth = months[^1];
        var empty = (From: period.To.AddDays(1), To: period.To);
        var head = full.Contains(firstMonth) ? empty : (From: period.From, To: Min(firstMonth.AddMonths(1).AddDays(-1), period.To));
        var tail = full.Contains(lastMonth) || lastMonth == firstMonth ? empty : (From: lastMonth, To: period.To);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(Candidates, new
        {
            fullMonths = full, candidates = candidates.ToArray(), headFrom = head.From, headTo = head.To, tailFrom = tail.From, tailTo = tail.To,
        }, cancellationToken: ct))).ToList();

        var proven = rows.Count >= limit ? rows[limit - 1].Revenue > bound : bound == 0;
        return proven ? rows.Take(limit).ToList() : null;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
