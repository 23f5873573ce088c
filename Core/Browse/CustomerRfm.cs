using System.Collections.Concurrent;
using Dapper;
using Ecom.Aspire.Core.Analytics;
using Npgsql;

namespace Ecom.Aspire.Core.Browse;

/// <summary>
/// A customer's RFM scores and segment as the Customers page's RFM analysis would give them
/// (<see cref="RfmAnalytics"/>, scored by <see cref="RfmScoring"/>) over <see cref="Period"/>: the
/// <see cref="PeriodDays"/> days ending on the latest day with sales in the warehouse. Recency, frequency and monetary
/// value are the customer's, over its revenue-bearing orders of the period; the monetary score compares the value with
/// the quintile limits of every customer of the period (<see cref="MonetaryLimits"/>).
/// </summary>
public sealed record CustomerRfm(
    AnalyticsPeriod Period, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, string Segment, string Rule,
    IReadOnlyList<decimal> MonetaryLimits)
{
    public const int PeriodDays = 365;

    private static readonly ConcurrentDictionary<(string Database, long Version, AnalyticsPeriod Period), IReadOnlyList<decimal>> Limits = new();

    private const string Figures = """
        SELECT (CAST(@to AS date) - max(date_key))::integer AS recency, count(DISTINCT order_id)::integer AS frequency,
               coalesce(sum(revenue), 0)::numeric AS monetary
        FROM dw.fact_sales
        WHERE customer_key = @customer AND is_revenue AND date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)
        HAVING count(*) > 0
        """;

    /// <summary>Null when the warehouse is empty or the customer bought nothing (revenue-bearing) in the period.</summary>
    public static async Task<CustomerRfm?> ReadAsync(NpgsqlDataSource dataSource, long customerId, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var latest = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition("SELECT max(date_key) FROM dw.agg_daily_orders", cancellationToken: ct));
        if (latest is not { } last) return null;
        var to = DateOnly.FromDateTime(last);
        var period = new AnalyticsPeriod(to.AddDays(-(PeriodDays - 1)), to);
        var rows = (await connection.QueryAsync<(int Recency, int Frequency, decimal Monetary)>(new CommandDefinition(
            Figures, new { customer = customerId, from = period.From, to = period.To }, cancellationToken: ct))).ToList();
        if (rows.Count == 0) return null;
        var figures = rows[0];

        var limits = await MonetaryLimitsAsync(dataSource, period, clock, ct);
        var (r, f, m) = (RfmScoring.Recency(figures.Recency), RfmScoring.Frequency(figures.Frequency), RfmScoring.Monetary(figures.Monetary, limits));
        var (segment, rule) = RfmScoring.Segment(r, f, m);
        return new CustomerRfm(period, figures.Recency, figures.Frequency, figures.Monetary, r, f, m, segment, rule, limits);
    }

    /// <summary>The period's monetary quintile limits, from <see cref="RfmAnalytics"/>; kept until the warehouse version moves.</summary>
    private static async Task<IReadOnlyList<decimal>> MonetaryLimitsAsync(NpgsqlDataSource dataSource, AnalyticsPeriod period, TimeProvider clock, CancellationToken ct)
    {
        var key = (dataSource.ConnectionString, await WarehouseVersion.ReadAsync(dataSource, ct), period);
        if (Limits.TryGetValue(key, out var cached)) return cached;
        var answer = await RfmAnalytics.ReadAsync(dataSource, new AnalyticsQuery(period, AnalyticsFilter.None), clock, ct);
        if (Limits.Count > 64) Limits.Clear();
        Limits[key] = answer.Thresholds.Monetary;
        return answer.Thresholds.Monetary;
    }
}
