using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// Reads weekly revenue from the warehouse aggregates. Revenue is the warehouse's one definition (item prices of
/// revenue-bearing orders, Core/Warehouse/WarehouseSql.cs): dw.agg_daily_orders for the total,
/// dw.agg_daily_sales (per ship state and category) for a region (states of dw.dim_location.region) or a category.
/// Every scope spans the same days: from the first to the last business day with any sale in the warehouse.
/// </summary>
public static class WeeklyRevenueReader
{
    /// <summary>How many categories get a forecast of their own: the best sellers of the last 52 weeks.</summary>
    public const int TopCategories = 5;

    public static async Task<(DateOnly First, DateOnly Last)?> DaysAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var days = await connection.QuerySingleAsync<(DateTime? First, DateTime? Last)>(new CommandDefinition(
            "SELECT min(date_key)::timestamp, max(date_key)::timestamp FROM dw.agg_daily_orders", cancellationToken: ct));
        return days.First is { } f && days.Last is { } l ? (DateOnly.FromDateTime(f), DateOnly.FromDateTime(l)) : null;
    }

    /// <summary>The scopes trained: total, the regions with sales, and the top categories of the last 52 weeks.</summary>
    public static async Task<IReadOnlyList<ForecastScope>> ScopesAsync(NpgsqlDataSource dataSource, DateOnly lastDay, int topCategories, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var regions = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT l.region FROM dw.agg_daily_sales s JOIN dw.dim_location l ON l.state = s.state
            GROUP BY l.region HAVING sum(s.revenue) > 0 ORDER BY sum(s.revenue) DESC, l.region
            """, cancellationToken: ct));
        var categories = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT category FROM dw.agg_daily_sales WHERE date_key > @from
            GROUP BY category HAVING sum(revenue) > 0 ORDER BY sum(revenue) DESC, category LIMIT @top
            """, new { from = lastDay.AddDays(-364).ToDateTime(TimeOnly.MinValue), top = topCategories }, cancellationToken: ct));
        return [ForecastScope.Total, .. regions.Select(r => new ForecastScope(ForecastScope.RegionKind, r)),
            .. categories.Select(c => new ForecastScope(ForecastScope.CategoryKind, c))];
    }

    public static async Task<WeeklySeries> ReadAsync(NpgsqlDataSource dataSource, ForecastScope scope, DateOnly firstDay, DateOnly lastDay, CancellationToken ct)
    {
        var sql = scope.Kind switch
        {
            ForecastScope.TotalKind => "SELECT date_key::timestamp AS day, sum(revenue)::float8 AS revenue FROM dw.agg_daily_orders GROUP BY date_key",
            ForecastScope.RegionKind => """
                SELECT s.date_key::timestamp AS day, sum(s.revenue)::float8 AS revenue
                FROM dw.agg_daily_sales s JOIN dw.dim_location l ON l.state = s.state
                WHERE l.region = @name GROUP BY s.date_key
                """,
            ForecastScope.CategoryKind => "SELECT date_key::timestamp AS day, sum(revenue)::float8 AS revenue FROM dw.agg_daily_sales WHERE category = @name GROUP BY date_key",
            _ => throw new ArgumentException($"unknown scope kind {scope.Kind}", nameof(scope)),
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(DateTime Day, double Revenue)>(new CommandDefinition(sql, new { name = scope.Name }, cancellationToken: ct));
        return WeeklySeries.FromDays(scope.ToString(), firstDay, lastDay, rows.ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Revenue));
    }
}
