using System.Globalization;
using Dapper;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>
/// The shortcuts of the product and seller analytics over a simulated year. Top products read from the months'
/// leaders (<see cref="TopProductsAnalytics"/>) must be the ranking a plain count over every fact row gives, for
/// periods that cut months anywhere, any limit and a category, and both ways of reading (the bound proves the leaders,
/// or every product is added up) must occur. Seller figures read from whole weeks and the days around them
/// (<see cref="SellerPeriodSource"/>) must be the sums of the daily rows.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PeriodShortcutsTests(ServersFixture servers)
{
    private static readonly (string From, string To)[] Periods =
    [
        ("2024-01-01", "2024-12-31"), ("2024-11-17", "2024-12-16"), ("2024-03-15", "2024-06-14"), ("2024-07-01", "2024-07-31"),
        ("2024-05-09", "2024-05-09"), ("2024-02-20", "2024-03-10"), ("2024-09-02", "2024-09-08"), ("2024-09-03", "2024-09-15"),
    ];

    private const string Brute = """
        SELECT f.product_key, sum(f.revenue)::numeric AS revenue, count(*)::bigint AS items, count(DISTINCT f.order_id)::bigint AS orders
        FROM dw.fact_sales f
        WHERE f.is_revenue AND f.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date) AND (@category::text IS NULL OR f.category = @category)
        GROUP BY f.product_key
        HAVING sum(f.revenue) > 0
        ORDER BY revenue DESC, f.product_key
        LIMIT @limit
        """;

    private async Task<NpgsqlDataSource> SimulatedYearAsync(string prefix)
    {
        var db = await servers.NewMigratedDatabaseAsync(prefix);
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 5, customers: 1_500), workers: 2);
        var dataSource = NpgsqlDataSource.Create(db);
        await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        return dataSource;
    }

    private static AnalyticsPeriod Period((string From, string To) p) =>
        new(DateOnly.Parse(p.From, CultureInfo.InvariantCulture), DateOnly.Parse(p.To, CultureInfo.InvariantCulture));

    [Fact]
    public async Task Seller_figures_from_weeks_and_days_equal_the_sums_of_the_days()
    {
        await using var dataSource = await SimulatedYearAsync("an_seller_weeks");
        await using var connection = await dataSource.OpenConnectionAsync();
        const string columns = "orders, revenue_orders, canceled_orders, revenue, delivery_orders, delivered, on_time, late, delivery_days_sum, delay_days_sum, late_days_sum, reviewed, review_score_sum";
        const string sums = """
            SELECT a.seller_key::text || ' ' || sum(a.orders) || ' ' || sum(a.revenue_orders) || ' ' || sum(a.canceled_orders) || ' ' || sum(a.revenue)
                   || ' ' || sum(a.delivery_orders) || ' ' || sum(a.delivered) || ' ' || sum(a.on_time) || ' ' || sum(a.late)
                   || ' ' || sum(a.delivery_days_sum) || ' ' || sum(a.delay_days_sum) || ' ' || sum(a.late_days_sum)
                   || ' ' || sum(a.reviewed) || ' ' || sum(a.review_score_sum)
            FROM {0} GROUP BY a.seller_key ORDER BY a.seller_key
            """;
        var withWeeks = 0;
        foreach (var p in Periods)
        {
            var period = Period(p);
            var days = await connection.QueryAsync<string>(string.Format(CultureInfo.InvariantCulture, sums,
                "dw.agg_daily_seller a WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)"), new { from = period.From, to = period.To });
            var filter = new AnalyticsFilter(null, null);
            var shortcut = await connection.QueryAsync<string>(string.Format(CultureInfo.InvariantCulture, sums, SellerPeriodSource.From(filter, columns)),
                SellerPeriodSource.Parameters(period, filter));
            Assert.True(days.Any(), $"{p}: sales");
            Assert.Equal(days, shortcut);
            var (first, last) = SellerPeriodSource.WholeWeeks(period);
            if (first <= last) withWeeks++;
        }
        Assert.True(withWeeks >= 5, $"{withWeeks} periods hold whole weeks");
    }

    [Fact]
    public async Task The_leaders_ranking_equals_a_count_over_every_fact_row()
    {
        await using var dataSource = await SimulatedYearAsync("an_top_leaders");
        await using var connection = await dataSource.OpenConnectionAsync();
        var category = await connection.ExecuteScalarAsync<string>(
            "SELECT category FROM dw.fact_sales WHERE is_revenue GROUP BY category ORDER BY sum(revenue) DESC LIMIT 1");

        int proven = 0, counted = 0, ranked = 0;
        foreach (var (from, to) in Periods)
        foreach (var limit in new[] { 1, 3, 10, 100 })
        foreach (var inCategory in new string?[] { null, category })
        {
            var period = Period((from, to));
            var filter = new AnalyticsFilter(null, inCategory);
            var expected = (await connection.QueryAsync<(long ProductKey, decimal Revenue, long Items, long Orders)>(Brute,
                new { from = period.From, to = period.To, category = inCategory, limit })).ToList();

            var answer = await TopProductsAnalytics.ReadAsync(dataSource, new AnalyticsQuery(period, filter), limit, TimeProvider.System, CancellationToken.None);
            var label = $"{from}..{to} limit {limit} category {inCategory ?? "all"}";
            Assert.True(expected.SequenceEqual(answer.Products.Select(p => (p.ProductKey, p.Revenue, p.Items, p.Orders))), label);
            if (expected.Count > 0) ranked++;

            if (await TopProductsAnalytics.FromCandidatesAsync(connection, period, filter, limit, CancellationToken.None) is null) counted++;
            else proven++;
        }
        Assert.True(ranked >= 50, $"{ranked} of 64 cases have sales");
        Assert.True(proven > 0 && counted > 0, $"proven by the bound {proven} times, counted in full {counted} times");
    }
}
