using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One bar of the CLV histogram: customers whose CLV lies in [From, To) (To null: no upper limit).</summary>
[CsvRecord]
public sealed partial record ClvBucket(
    int Bucket, decimal From, decimal? To, long Customers, decimal? CustomerShare, long Orders, decimal LifetimeRevenue, decimal PredictedRevenue12m,
    decimal Clv, decimal? ClvShare);

/// <summary>One of the customers with the highest CLV.</summary>
public sealed record ClvCustomer(
    int Rank, long CustomerKey, string City, string State, string? Persona, int Orders, decimal LifetimeRevenue, decimal? AverageTicket,
    DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, int? LifespanDays, decimal PredictedRevenue12m, decimal Clv);

public sealed record ClvAnswer(
    string? State, long Customers, long Orders, decimal LifetimeRevenue, decimal PredictedRevenue12m, decimal Clv,
    decimal? AverageLifetimeRevenue, decimal? AverageClv, decimal? AverageTicket, string Formula,
    IReadOnlyList<ClvBucket> Buckets, int Limit, IReadOnlyList<ClvCustomer> TopCustomers, DateTimeOffset ComputedAt);

/// <summary>
/// Customer lifetime value, computed once in the warehouse (columns of <c>dw.dim_customer</c>, generated from the
/// lifetime figures the ETL writes; migration 20261125000000_AnalyticsAggregates). Definitions, over the customer's
/// revenue-bearing orders (revenue as <see cref="FinanceAnalytics"/>), all their history:
/// <list type="bullet">
/// <item>lifetime revenue = the sum of their revenue (historic CLV); average ticket = lifetime revenue / orders;</item>
/// <item>lifespan = business day of the last purchase − that of the first, in days;</item>
/// <item>predicted revenue of the next 12 months = average ticket × min(<see cref="MaxOrdersPerYear"/>, (orders − 1) ×
/// 365 / max(lifespan, <see cref="MinLifespanDays"/>)): the customer keeps the pace observed between their first and
/// last purchase; 0 with a single order (no pace observed);</item>
/// <item>CLV = lifetime revenue + predicted revenue of the next 12 months.</item>
/// </list>
/// The answer covers the customers with at least one revenue-bearing order (of a state: the customer's state,
/// <c>dim_customer.state</c>): totals, averages, the histogram over <see cref="BucketEdges"/> (from
/// <c>dw.agg_customer_value</c>) and the customers with the highest CLV (then customer key). No period: lifetime
/// figures are as of the last ETL load.
/// </summary>
public static class CustomerLifetimeValueAnalytics
{
    public const int MaxOrdersPerYear = 52;
    public const int MinLifespanDays = 30;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 10;

    /// <summary>Lower edges of the CLV buckets 1..7 (BRL); bucket 0 holds what is below the first.</summary>
    public static readonly IReadOnlyList<decimal> BucketEdges = [50, 100, 200, 500, 1000, 2000, 5000];

    public const string Formula =
        "CLV = lifetime revenue + average ticket x min(52, (orders - 1) x 365 / max(lifespan days, 30)); the second term is 0 with a single order";

    private const string Buckets = """
        SELECT a.bucket::integer AS bucket, sum(a.customers)::bigint AS customers, sum(a.orders)::bigint AS orders,
               sum(a.lifetime_revenue)::numeric AS lifetime, sum(a.predicted_revenue)::numeric AS predicted, sum(a.clv)::numeric AS clv
        FROM dw.agg_customer_value a
        WHERE true{0}
        GROUP BY a.bucket
        """;

    private const string Top = """
        SELECT c.customer_key AS customerkey, c.city, c.state::text AS state, c.persona, c.orders, c.lifetime_revenue AS lifetimerevenue,
               c.average_ticket AS averageticket, c.first_order_at AS firstorderat, c.last_order_at AS lastorderat,
               c.lifespan_days AS lifespandays, c.predicted_revenue_12m AS predictedrevenue12m, c.clv
        FROM dw.dim_customer c
        WHERE c.orders > 0{0}
        ORDER BY c.clv DESC, c.customer_key
        LIMIT @limit
        """;

    private sealed class Customer
    {
        public long CustomerKey { get; set; }
        public string City { get; set; } = "";
        public string State { get; set; } = "";
        public string? Persona { get; set; }
        public int Orders { get; set; }
        public decimal LifetimeRevenue { get; set; }
        public decimal? AverageTicket { get; set; }
        public DateTime? FirstOrderAt { get; set; }
        public DateTime? LastOrderAt { get; set; }
        public int? LifespanDays { get; set; }
        public decimal PredictedRevenue12m { get; set; }
        public decimal Clv { get; set; }
    }

    public static async Task<ClvAnswer> ReadAsync(NpgsqlDataSource dataSource, string? state, int limit, TimeProvider clock, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var filter = new AnalyticsFilter(state, null);
        var parameters = new { state, limit };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sums = (await connection.QueryAsync<(int Bucket, long Customers, long Orders, decimal Lifetime, decimal Predicted, decimal Clv)>(
            new CommandDefinition(string.Format(Buckets, filter.Conditions("a.state", null)), parameters, cancellationToken: ct))).ToDictionary(b => b.Bucket);
        var top = (await connection.QueryAsync<Customer>(new CommandDefinition(
            string.Format(Top, filter.Conditions("c.state", null)), parameters, cancellationToken: ct))).ToList();

        long customers = sums.Values.Sum(b => b.Customers), orders = sums.Values.Sum(b => b.Orders);
        decimal lifetime = sums.Values.Sum(b => b.Lifetime), predicted = sums.Values.Sum(b => b.Predicted), clv = sums.Values.Sum(b => b.Clv);
        var buckets = Enumerable.Range(0, BucketEdges.Count + 1).Select(i =>
        {
            var b = sums.GetValueOrDefault(i);
            return new ClvBucket(i, i == 0 ? 0 : BucketEdges[i - 1], i < BucketEdges.Count ? BucketEdges[i] : null, b.Customers,
                Figures.Ratio(b.Customers, customers), b.Orders, b.Lifetime, b.Predicted, b.Clv, Figures.Ratio(b.Clv, clv));
        }).ToList();
        return new ClvAnswer(state, customers, orders, lifetime, predicted, clv,
            Figures.Average(lifetime, customers), Figures.Average(clv, customers), Figures.Average(lifetime, orders), Formula, buckets, limit,
            [.. top.Select((c, i) => new ClvCustomer(i + 1, c.CustomerKey, c.City, c.State.Trim(), c.Persona, c.Orders, c.LifetimeRevenue, c.AverageTicket,
                Utc(c.FirstOrderAt), Utc(c.LastOrderAt), c.LifespanDays, c.PredictedRevenue12m, c.Clv))],
            clock.GetUtcNow());
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
