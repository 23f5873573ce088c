using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One cell of the retention matrix: the cohort's customers active <see cref="MonthOffset"/> months after their first purchase.</summary>
[CsvRecord]
public sealed partial record CohortCell(DateOnly Cohort, long Customers, int MonthOffset, long Active, decimal? Retention);

/// <summary>One cohort (row of the matrix): its size and the share of it active in each month since (index = month offset).</summary>
public sealed record CohortRow(DateOnly Cohort, long Customers, IReadOnlyList<decimal?> Retention);

public sealed record CohortAnswer(AnalyticsPeriod Period, AnalyticsFilter Filter, IReadOnlyList<CohortRow> Cohorts, IReadOnlyList<CohortCell> Cells, DateTimeOffset ComputedAt);

/// <summary>
/// Cohort retention matrix. Definitions: a customer's cohort is the month (business days, America/Sao_Paulo) of their
/// first revenue-bearing purchase (<c>dw.dim_customer.cohort_month</c>, computed once by the ETL, over all their
/// history). The cohorts shown are the months from the month of <c>from</c> to the month of <c>to</c>. A customer is
/// active in a month when they have a revenue-bearing order purchased in it (up to <c>to</c>); retention at month
/// offset k = active customers of the cohort in month cohort + k / customers of the cohort (k = 0 is 1 by definition).
/// Offsets run to the month of <c>to</c> (later months are not observed yet). The state filter is the customer's state
/// (<c>dim_customer.state</c>); there is no category filter (a cohort is made of customers, not products).
/// Read from <c>dw.agg_cohort_month</c> (complete months) and <c>dw.agg_cohort_day</c> (the month of <c>to</c>, up to
/// it), which the ETL keeps from each customer's active months: a few thousand rows whatever the warehouse's size.
/// </summary>
public static class CohortAnalytics
{
    /// <summary>A cohort's customers are its active customers in its own month (everyone buys in their cohort month).</summary>
    private const string Sizes = """
        SELECT a.cohort_month AS cohort, sum(a.customers)::bigint AS customers
        FROM dw.agg_cohort_month a
        WHERE a.month = a.cohort_month AND a.cohort_month BETWEEN CAST(@firstMonth AS date) AND CAST(@lastMonth AS date){0}
        GROUP BY 1
        """;

    /// <summary>Complete months from the monthly counts; the month of <c>to</c> from the first active days up to <c>to</c>.</summary>
    private const string Active = """
        SELECT a.cohort_month AS cohort, a.month, sum(a.customers)::bigint AS active
        FROM dw.agg_cohort_month a
        WHERE a.cohort_month BETWEEN CAST(@firstMonth AS date) AND CAST(@lastMonth AS date)
          AND a.month >= CAST(@firstMonth AS date) AND a.month < CAST(@lastMonth AS date){0}
        GROUP BY 1, 2
        UNION ALL
        SELECT a.cohort_month, CAST(@lastMonth AS date), sum(a.customers)::bigint
        FROM dw.agg_cohort_day a
        WHERE a.first_day BETWEEN CAST(@lastMonth AS date) AND CAST(@to AS date)
          AND a.cohort_month BETWEEN CAST(@firstMonth AS date) AND CAST(@lastMonth AS date){0}
        GROUP BY 1
        """;

    public static async Task<CohortAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, TimeProvider clock, CancellationToken ct)
    {
        var (period, filter) = query;
        if (filter.Category is not null) throw new ArgumentException("Cohorts have no category.", nameof(query));
        var firstMonth = new DateOnly(period.From.Year, period.From.Month, 1);
        var lastMonth = new DateOnly(period.To.Year, period.To.Month, 1);
        var parameters = new { firstMonth, lastMonth, to = period.To, state = filter.State };
        var condition = filter.Conditions("a.state", null);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sizes = (await connection.QueryAsync<(DateTime Cohort, long Customers)>(new CommandDefinition(
            string.Format(Sizes, condition), parameters, cancellationToken: ct))).ToDictionary(s => DateOnly.FromDateTime(s.Cohort), s => s.Customers);
        var active = (await connection.QueryAsync<(DateTime Cohort, DateTime Month, long Active)>(new CommandDefinition(
            string.Format(Active, condition), parameters, cancellationToken: ct)))
            .ToDictionary(a => (DateOnly.FromDateTime(a.Cohort), MonthOffset(DateOnly.FromDateTime(a.Cohort), DateOnly.FromDateTime(a.Month))), a => a.Active);

        var rows = new List<CohortRow>();
        var cells = new List<CohortCell>();
        for (var cohort = firstMonth; cohort <= lastMonth; cohort = cohort.AddMonths(1))
        {
            var customers = sizes.GetValueOrDefault(cohort);
            var offsets = MonthOffset(cohort, lastMonth);
            var retention = new List<decimal?>();
            for (var k = 0; k <= offsets; k++)
            {
                var count = active.GetValueOrDefault((cohort, k));
                var share = Figures.Ratio(count, customers);
                retention.Add(share);
                cells.Add(new CohortCell(cohort, customers, k, count, share));
            }
            rows.Add(new CohortRow(cohort, customers, retention));
        }
        return new CohortAnswer(period, filter, rows, cells, clock.GetUtcNow());
    }

    private static int MonthOffset(DateOnly cohort, DateOnly month) => (month.Year - cohort.Year) * 12 + month.Month - cohort.Month;
}
