using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One RFM segment: its customers, their average recency (days), frequency (orders) and monetary value (BRL), and their revenue.</summary>
[CsvRecord]
public sealed partial record RfmSegment(
    string Segment, string Rule, long Customers, decimal? CustomerShare, decimal? AverageRecencyDays, decimal? AverageFrequency,
    decimal? AverageMonetary, decimal Revenue, decimal? RevenueShare);

/// <summary>The limits of the scores: a value above the first limit scores 2 (recency: below, 4), and so on.</summary>
public sealed record RfmThresholds(IReadOnlyList<decimal> RecencyDays, IReadOnlyList<decimal> Frequency, IReadOnlyList<decimal> Monetary);

public sealed record RfmAnswer(
    AnalyticsPeriod Period, AnalyticsFilter Filter, DateOnly ReferenceDay, long Customers, RfmThresholds Thresholds,
    IReadOnlyList<RfmSegment> Segments, DateTimeOffset ComputedAt);

/// <summary>
/// RFM scores and segments of the customers who bought in the period, as of its last day (the reference day).
/// Definitions, over the customer's revenue-bearing orders purchased in the period (ship state and category filters
/// apply to the items):
/// <list type="bullet">
/// <item>Recency = reference day − business day of the last purchase, in days; frequency = orders; monetary = revenue.</item>
/// <item>Scores 1..5. Recency (fixed): 5 within 30 days, 4 within 90, 3 within 180, 2 within 365, 1 older.
/// Frequency (fixed): 1 for 1 order, 2 for 2, 3 for 3, 4 for 4 or 5, 5 for 6 or more. Monetary (relative): 1 + the
/// number of quintile limits of the period's customers (20th, 40th, 60th, 80th percentiles, continuous) that the value
/// exceeds. The limits are returned with the answer (<see cref="RfmThresholds"/>).</item>
/// <item>Segments, the first rule that holds: VIP (R &gt;= 4, F &gt;= 4, M &gt;= 4); Loyal (R &gt;= 3, F &gt;= 3);
/// New (F = 1, R = 5); At risk (R = 2); Churned (R = 1); Regular (the others).</item>
/// </list>
/// Choose a period of a year or more: recency cannot exceed the period's length. Read from <c>dw.fact_sales</c>.
/// </summary>
public static class RfmAnalytics
{
    public static readonly IReadOnlyList<decimal> RecencyLimits = [30, 90, 180, 365];
    public static readonly IReadOnlyList<decimal> FrequencyLimits = [1, 2, 3, 5];

    /// <summary>The segments, in the order their rules are tried.</summary>
    public static readonly IReadOnlyList<(string Name, string Rule)> SegmentRules =
    [
        ("VIP", "R >= 4 and F >= 4 and M >= 4"),
        ("Loyal", "R >= 3 and F >= 3"),
        ("New", "F = 1 and R = 5"),
        ("At risk", "R = 2"),
        ("Churned", "R = 1"),
        ("Regular", "any other"),
    ];

    private const string Customers = """
        CREATE TEMP TABLE rfm_customers ON COMMIT DROP AS
        SELECT f.customer_key, (CAST(@to AS date) - max(f.date_key))::integer AS recency,
               count(DISTINCT f.order_id)::integer AS frequency, sum(f.revenue)::numeric AS monetary
        FROM dw.fact_sales f
        WHERE f.is_revenue AND f.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){0}
        GROUP BY f.customer_key;
        """;

    private const string MonetaryLimits = """
        SELECT coalesce(percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY monetary), ARRAY[0, 0, 0, 0]::float8[])
        FROM rfm_customers
        """;

    private const string Segments = """
        WITH scored AS (
            SELECT recency, frequency, monetary,
                   CASE WHEN recency <= 30 THEN 5 WHEN recency <= 90 THEN 4 WHEN recency <= 180 THEN 3 WHEN recency <= 365 THEN 2 ELSE 1 END AS r,
                   CASE WHEN frequency <= 1 THEN 1 WHEN frequency <= 2 THEN 2 WHEN frequency <= 3 THEN 3 WHEN frequency <= 5 THEN 4 ELSE 5 END AS f,
                   1 + (monetary > @m1)::integer + (monetary > @m2)::integer + (monetary > @m3)::integer + (monetary > @m4)::integer AS m
            FROM rfm_customers
        )
        SELECT CASE WHEN r >= 4 AND f >= 4 AND m >= 4 THEN 'VIP'
                    WHEN r >= 3 AND f >= 3 THEN 'Loyal'
                    WHEN f = 1 AND r = 5 THEN 'New'
                    WHEN r = 2 THEN 'At risk'
                    WHEN r = 1 THEN 'Churned'
                    ELSE 'Regular' END AS segment,
               count(*)::bigint AS customers, sum(recency)::numeric AS recency, sum(frequency)::numeric AS frequency,
               sum(monetary)::numeric AS monetary
        FROM scored
        GROUP BY 1
        """;

    public static async Task<RfmAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, TimeProvider clock, CancellationToken ct)
    {
        var (period, filter) = query;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(string.Format(Customers, filter.Conditions("f.customer_state", "f.category")),
            new { from = period.From, to = period.To, state = filter.State, category = filter.Category }, tx, cancellationToken: ct));
        var limits = (await connection.ExecuteScalarAsync<double[]>(new CommandDefinition(MonetaryLimits, transaction: tx, cancellationToken: ct)))!
            .Select(l => Math.Round((decimal)l, 2, MidpointRounding.AwayFromZero)).ToList();
        var rows = (await connection.QueryAsync<(string Segment, long Customers, decimal Recency, decimal Frequency, decimal Monetary)>(new CommandDefinition(
            Segments, new { m1 = limits[0], m2 = limits[1], m3 = limits[2], m4 = limits[3] }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Segment);
        await tx.CommitAsync(ct);

        var customers = rows.Values.Sum(r => r.Customers);
        var revenue = rows.Values.Sum(r => r.Monetary);
        var segments = SegmentRules.Select(rule =>
        {
            var row = rows.GetValueOrDefault(rule.Name);
            return new RfmSegment(rule.Name, rule.Rule, row.Customers, Figures.Ratio(row.Customers, customers),
                Figures.Average(row.Recency, row.Customers), Figures.Average(row.Frequency, row.Customers), Figures.Average(row.Monetary, row.Customers),
                row.Monetary, Figures.Ratio(row.Monetary, revenue));
        }).ToList();
        return new RfmAnswer(period, filter, period.To, customers, new RfmThresholds(RecencyLimits, FrequencyLimits, limits), segments, clock.GetUtcNow());
    }
}
