using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>Sales of one region or state (<see cref="Level"/> "region" or "state"; for a region, Code is its name).</summary>
[CsvRecord]
public sealed partial record GeographyRow(
    string Level, string Code, string Name, string Region, decimal Revenue, long Orders, long Items, decimal? RevenueShare, decimal? AverageTicket);

public sealed record GeographyAnswer(
    AnalyticsPeriod Period, AnalyticsFilter Filter, decimal Revenue, long Orders,
    IReadOnlyList<GeographyRow> Regions, IReadOnlyList<GeographyRow> States, DateTimeOffset ComputedAt);

/// <summary>
/// Sales by region and by state of the ship address (<c>fact_sales.customer_state</c>, as the live KPIs). Definitions:
/// revenue, orders (revenue-bearing; with a category filter those with an item of the category) and items as
/// <see cref="TrendAnalytics"/>; revenue share = revenue / the revenue of all the rows of the answer (with a state
/// filter, that state alone: 1); average ticket = revenue / orders. Every one of the 27 UFs (<c>dw.dim_location</c>) and
/// 5 regions is listed, with zeros where nothing was sold, by revenue (highest first), then code. Read from
/// <c>dw.agg_daily_orders</c> (no category filter) or <c>dw.agg_daily_sales</c>.
/// </summary>
public static class GeographyAnalytics
{
    public const string RegionLevel = "region";
    public const string StateLevel = "state";

    private const string Sql = """
        SELECT l.state::text AS state, l.name, l.region,
               coalesce(sum(a.revenue), 0)::numeric AS revenue, coalesce(sum(a.revenue_orders), 0)::bigint AS orders,
               coalesce(sum(a.items), 0)::bigint AS items
        FROM dw.dim_location l
        LEFT JOIN {0} a ON a.state = l.state AND a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){1}
        WHERE true{2}
        GROUP BY l.state, l.name, l.region
        """;

    public static async Task<GeographyAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, TimeProvider clock, CancellationToken ct)
    {
        var (period, filter) = query;
        var stateOnly = filter with { Category = null };
        var categoryOnly = filter with { State = null };
        var sql = filter.Category is null
            ? string.Format(Sql, "dw.agg_daily_orders", "", stateOnly.Conditions("l.state", null))
            : string.Format(Sql, "dw.agg_daily_sales", categoryOnly.Conditions("a.state", "a.category"), stateOnly.Conditions("l.state", null));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(string State, string Name, string Region, decimal Revenue, long Orders, long Items)>(new CommandDefinition(
            sql, new { from = period.From, to = period.To, state = filter.State, category = filter.Category }, cancellationToken: ct))).ToList();

        var revenue = rows.Sum(r => r.Revenue);
        var orders = rows.Sum(r => r.Orders);
        var states = rows
            .Select(r => Row(StateLevel, r.State.Trim(), r.Name, r.Region, r.Revenue, r.Orders, r.Items, revenue))
            .OrderByDescending(r => r.Revenue).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var regions = rows.GroupBy(r => r.Region)
            .Select(g => Row(RegionLevel, g.Key, g.Key, g.Key, g.Sum(r => r.Revenue), g.Sum(r => r.Orders), g.Sum(r => r.Items), revenue))
            .OrderByDescending(r => r.Revenue).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        return new GeographyAnswer(period, filter, revenue, orders, regions, states, clock.GetUtcNow());
    }

    private static GeographyRow Row(string level, string code, string name, string region, decimal revenue, long orders, long items, decimal total) =>
        new(level, code, name, region, revenue, orders, items, Figures.Ratio(revenue, total), Figures.Average(revenue, orders));
}
