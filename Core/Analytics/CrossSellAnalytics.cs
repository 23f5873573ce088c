using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// Two items bought together: A (<see cref="ItemA"/>, the smaller key) and B; for products the key is the product key
/// and the name its name, for categories both are the category.
/// </summary>
[CsvRecord]
public sealed partial record CrossSellPair(
    int Rank, string ItemA, string NameA, string ItemB, string NameB, long Orders, long OrdersA, long OrdersB,
    decimal Support, decimal? ConfidenceAToB, decimal? ConfidenceBToA, decimal? Lift);

public sealed record CrossSellAnswer(
    AnalyticsPeriod Period, string Level, decimal MinSupport, long MinOrders, long Orders, int Limit, IReadOnlyList<CrossSellPair> Pairs,
    DateTimeOffset ComputedAt);

/// <summary>
/// Cross-selling pairs over the revenue-bearing orders purchased in the period, at the level of categories (default:
/// with about 1.14 items per order most baskets hold one item, and pairs of categories are the ones with enough
/// support) or of products. Definitions, with N = revenue-bearing orders of the period (single-item ones included) and
/// n(X) = those holding X (an item of category X, or product X):
/// <list type="bullet">
/// <item>support(A, B) = n(A and B) / N; confidence(A → B) = n(A and B) / n(A), confidence(B → A) = n(A and B) / n(B);
/// lift = support(A, B) / (support(A) × support(B)) = n(A and B) × N / (n(A) × n(B)) — above 1, A and B are bought
/// together more often than if they were independent;</item>
/// <item>a pair is listed when n(A and B) &gt;= max(<see cref="MinPairOrders"/>, minSupport × N): a pair seen in a
/// single order is chance;</item>
/// <item>ranked by n(A and B), then lift, then the keys (byte order).</item>
/// </list>
/// Shares are rounded to 4 places (lift too). Pairs come from <c>dw.agg_daily_basket_pairs</c> (loaded by the ETL),
/// n(X) from <c>dw.agg_daily_sales</c> (categories) or <c>dw.fact_sales</c> (the listed products only), N from
/// <c>dw.agg_daily_orders</c>. No state or category filter.
/// </summary>
public static class CrossSellAnalytics
{
    public const string CategoryLevel = "category";
    public const string ProductLevel = "product";
    public static readonly IReadOnlyList<string> Levels = [CategoryLevel, ProductLevel];

    public const int MinPairOrders = 2;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    private const string Total = """
        SELECT coalesce(sum(a.revenue_orders), 0)::bigint FROM dw.agg_daily_orders a
        WHERE a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)
        """;

    private const string Pairs = """
        SELECT p.item_a, p.item_b, sum(p.orders)::bigint AS orders
        FROM dw.agg_daily_basket_pairs p
        WHERE p.level = @level AND p.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)
        GROUP BY p.item_a, p.item_b
        HAVING sum(p.orders) >= @minOrders
        ORDER BY orders DESC, p.item_a COLLATE "C", p.item_b COLLATE "C"
        """;

    private const string CategoryOrders = """
        SELECT a.category AS item, sum(a.revenue_orders)::bigint AS orders FROM dw.agg_daily_sales a
        WHERE a.category = ANY(@items) AND a.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)
        GROUP BY a.category
        """;

    private const string ProductOrders = """
        SELECT f.product_key::text AS item, count(DISTINCT f.order_id)::bigint AS orders FROM dw.fact_sales f
        WHERE f.product_key = ANY(@keys) AND f.is_revenue AND f.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date)
        GROUP BY f.product_key
        """;

    public static async Task<CrossSellAnswer> ReadAsync(
        NpgsqlDataSource dataSource, AnalyticsPeriod period, string level, decimal minSupport, int limit, TimeProvider clock, CancellationToken ct)
    {
        if (!Levels.Contains(level)) throw new ArgumentException($"Unknown level {level}.", nameof(level));
        ArgumentOutOfRangeException.ThrowIfLessThan(minSupport, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSupport, 1m);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var n = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Total, new { from = period.From, to = period.To }, cancellationToken: ct));
        var minOrders = Math.Max(MinPairOrders, (long)Math.Ceiling(minSupport * n));

        // Ranked by orders first: the first `limit` pairs of the ranking are among those with at least as many orders as the
        // limit-th; the ties at that count are all read so that lift can order them.
        var candidates = (await connection.QueryAsync<(string A, string B, long Orders)>(new CommandDefinition(Pairs,
            new { level, from = period.From, to = period.To, minOrders }, cancellationToken: ct))).ToList();
        var cutoff = candidates.Count > limit ? candidates[limit - 1].Orders : 0;
        candidates = [.. candidates.TakeWhile((c, i) => i < limit || c.Orders == cutoff)];

        var items = candidates.SelectMany(c => new[] { c.A, c.B }).Distinct().ToArray();
        Dictionary<string, long> single;
        Dictionary<string, string> names;
        if (level == CategoryLevel)
        {
            single = (await connection.QueryAsync<(string Item, long Orders)>(new CommandDefinition(CategoryOrders,
                new { items, from = period.From, to = period.To }, cancellationToken: ct))).ToDictionary(r => r.Item, r => r.Orders);
            names = items.ToDictionary(i => i, i => i);
        }
        else
        {
            var keys = items.Select(i => long.Parse(i, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            single = (await connection.QueryAsync<(string Item, long Orders)>(new CommandDefinition(ProductOrders,
                new { keys, from = period.From, to = period.To }, cancellationToken: ct))).ToDictionary(r => r.Item, r => r.Orders);
            names = (await connection.QueryAsync<(long Key, string Name)>(new CommandDefinition(
                "SELECT product_key, name FROM dw.dim_product WHERE product_key = ANY(@keys)", new { keys }, cancellationToken: ct)))
                .ToDictionary(r => r.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), r => r.Name);
        }

        var pairs = candidates
            .Select(c =>
            {
                long a = single.GetValueOrDefault(c.A), b = single.GetValueOrDefault(c.B);
                decimal? lift = a == 0 || b == 0 ? null : Math.Round((decimal)c.Orders * n / ((decimal)a * b), 4, MidpointRounding.AwayFromZero);
                return (c, a, b, lift);
            })
            .OrderByDescending(p => p.c.Orders).ThenByDescending(p => p.lift ?? 0)
            .ThenBy(p => p.c.A, StringComparer.Ordinal).ThenBy(p => p.c.B, StringComparer.Ordinal)
            .Take(limit)
            .Select((p, i) => new CrossSellPair(i + 1, p.c.A, names.GetValueOrDefault(p.c.A, p.c.A), p.c.B, names.GetValueOrDefault(p.c.B, p.c.B),
                p.c.Orders, p.a, p.b, Figures.Ratio(p.c.Orders, n) ?? 0, Figures.Ratio(p.c.Orders, p.a), Figures.Ratio(p.c.Orders, p.b), p.lift))
            .ToList();
        return new CrossSellAnswer(period, level, minSupport, minOrders, n, limit, pairs, clock.GetUtcNow());
    }
}
