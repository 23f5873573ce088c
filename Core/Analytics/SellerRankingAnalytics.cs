using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One seller of the ranking: the score (0..100), its four components (0..1) and the figures behind them.</summary>
[CsvRecord]
public sealed partial record RankedSeller(
    int Rank, long SellerKey, string Name, string City, string State, decimal Score,
    decimal RevenuePercentile, decimal OnTimeComponent, decimal ReviewComponent, decimal FulfilmentComponent,
    long Orders, long RevenueOrders, long CanceledOrders, decimal Revenue, long Delivered, long OnTime, decimal? OnTimeShare,
    long Reviewed, decimal? AverageReview, decimal? CancellationShare);

/// <summary>The weights of the score's components (they add up to 1).</summary>
public sealed record SellerScoreWeights(decimal Revenue, decimal OnTime, decimal Review, decimal Fulfilment, decimal Unknown);

public sealed record SellerRankingAnswer(
    AnalyticsPeriod Period, AnalyticsFilter Filter, int MinOrders, int Limit, long Sellers, SellerScoreWeights Weights, string Formula,
    IReadOnlyList<RankedSeller> Ranking, DateTimeOffset ComputedAt);

/// <summary>
/// Seller ranking over the orders purchased in the period (ship state filter applies; an order with items of two sellers
/// counts for each, with the seller's items only), from <c>dw.agg_weekly_seller</c> and <c>dw.agg_daily_seller</c>
/// (<see cref="SellerPeriodSource"/>). A seller is ranked with at least
/// minOrders orders (any status). Score = 100 × (<see cref="RevenueWeight"/> × revenue percentile +
/// <see cref="OnTimeWeight"/> × on-time share + <see cref="ReviewWeight"/> × (average review − 1) / 4 +
/// <see cref="FulfilmentWeight"/> × (1 − cancellation share)), rounded to 2 places, where:
/// <list type="bullet">
/// <item>revenue percentile = the share of the ranked sellers whose revenue (revenue-bearing items, freight excluded)
/// is at most the seller's (cumulative distribution: the top seller has 1);</item>
/// <item>on-time share = orders delivered on or before the promised day / delivered orders;</item>
/// <item>average review = the mean score (1..5) of the reviewed orders (latest review of each);</item>
/// <item>cancellation share = canceled or unavailable orders / orders;</item>
/// <item>a component without data (nothing delivered, nothing reviewed) counts <see cref="UnknownComponent"/>.</item>
/// </list>
/// Ranked by score, then revenue, then seller key; components are rounded to 4 places. No category filter.
/// </summary>
public static class SellerRankingAnalytics
{
    public const decimal RevenueWeight = 0.40m;
    public const decimal OnTimeWeight = 0.25m;
    public const decimal ReviewWeight = 0.20m;
    public const decimal FulfilmentWeight = 0.15m;
    public const decimal UnknownComponent = 0.5m;

    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;
    public const int DefaultMinOrders = 5;
    public const int MaxMinOrders = 100_000;

    public const string Formula =
        "score = 100 x (0.40 x revenue percentile + 0.25 x on-time share + 0.20 x (average review - 1) / 4 + 0.15 x (1 - cancellation share)); a component without data counts 0.5";

    private const string Sql = """
        SELECT a.seller_key AS sellerkey, sum(a.orders)::bigint AS orders, sum(a.revenue_orders)::bigint AS revenueorders,
               sum(a.canceled_orders)::bigint AS canceledorders, sum(a.revenue)::numeric AS revenue,
               sum(a.delivered)::bigint AS delivered, sum(a.on_time)::bigint AS ontime,
               sum(a.reviewed)::bigint AS reviewed, sum(a.review_score_sum)::bigint AS reviewscore
        FROM {0}
        GROUP BY a.seller_key
        HAVING sum(a.orders) >= @minOrders
        """;

    private const string Columns = "orders, revenue_orders, canceled_orders, revenue, delivered, on_time, reviewed, review_score_sum";

    /// <summary>Names and places of the ranked sellers only (every seller is scored, a few are shown).</summary>
    private const string Names = "SELECT seller_key AS sellerkey, name, city, state::text AS sellerstate FROM dw.dim_seller WHERE seller_key = ANY(@keys)";

    private sealed class Row
    {
        public long SellerKey { get; set; }
        public long Orders { get; set; }
        public long RevenueOrders { get; set; }
        public long CanceledOrders { get; set; }
        public decimal Revenue { get; set; }
        public long Delivered { get; set; }
        public long OnTime { get; set; }
        public long Reviewed { get; set; }
        public long ReviewScore { get; set; }
    }

    private sealed class Place
    {
        public long SellerKey { get; set; }
        public string Name { get; set; } = "";
        public string City { get; set; } = "";
        public string SellerState { get; set; } = "";
    }

    public static async Task<SellerRankingAnswer> ReadAsync(
        NpgsqlDataSource dataSource, AnalyticsQuery query, int minOrders, int limit, TimeProvider clock, CancellationToken ct)
    {
        var (period, filter) = query;
        if (filter.Category is not null) throw new ArgumentException("Seller figures have no category.", nameof(query));
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(minOrders, 1);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var parameters = SellerPeriodSource.Parameters(period, filter);
        parameters.Add("minOrders", minOrders);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(string.Format(Sql, SellerPeriodSource.From(filter, Columns)),
            parameters, cancellationToken: ct))).ToList();

        // Cumulative distribution of revenue: the share of the sellers whose revenue is at most this one's.
        var revenues = rows.Select(r => r.Revenue).Order().ToArray();
        decimal Percentile(decimal revenue) => Figures.Ratio(UpperBound(revenues, revenue), revenues.Length) ?? 0;

        var ranking = rows
            .Select(r =>
            {
                var onTimeShare = Figures.Ratio(r.OnTime, r.Delivered);
                decimal? averageReview = r.Reviewed == 0 ? null : (decimal)r.ReviewScore / r.Reviewed;
                var cancellation = Figures.Ratio(r.CanceledOrders, r.Orders);
                var revenue = Percentile(r.Revenue);
                var onTime = onTimeShare ?? UnknownComponent;
                var review = averageReview is { } a ? Round4((a - 1) / 4) : UnknownComponent;
                var fulfilment = cancellation is { } c ? 1 - c : UnknownComponent;
                var score = Math.Round(100 * (RevenueWeight * revenue + OnTimeWeight * onTime + ReviewWeight * review + FulfilmentWeight * fulfilment),
                    2, MidpointRounding.AwayFromZero);
                return new RankedSeller(0, r.SellerKey, "", "", "", score, revenue, onTime, review, fulfilment,
                    r.Orders, r.RevenueOrders, r.CanceledOrders, r.Revenue, r.Delivered, r.OnTime, onTimeShare, r.Reviewed,
                    averageReview is { } avg ? Math.Round(avg, 2, MidpointRounding.AwayFromZero) : null, cancellation);
            })
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Revenue).ThenBy(s => s.SellerKey)
            .Take(limit)
            .ToList();
        var places = (await connection.QueryAsync<Place>(new CommandDefinition(Names, new { keys = ranking.Select(s => s.SellerKey).ToArray() }, cancellationToken: ct)))
            .ToDictionary(p => p.SellerKey);
        ranking = ranking.Select((s, i) => places.TryGetValue(s.SellerKey, out var p)
            ? s with { Rank = i + 1, Name = p.Name, City = p.City, State = p.SellerState.Trim() }
            : s with { Rank = i + 1 }).ToList();
        return new SellerRankingAnswer(period, filter, minOrders, limit, rows.Count,
            new SellerScoreWeights(RevenueWeight, OnTimeWeight, ReviewWeight, FulfilmentWeight, UnknownComponent), Formula, ranking, clock.GetUtcNow());
    }

    private static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>How many values of the sorted array are at most <paramref name="value"/>.</summary>
    private static int UpperBound(decimal[] sorted, decimal value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid] <= value) low = mid + 1; else high = mid;
        }
        return low;
    }
}
