using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>One product with its stage and the figures that decided it (revenue in BRL).</summary>
[CsvRecord]
public sealed partial record LifecycleProduct(
    long ProductKey, string Name, string Category, string Stage, DateOnly FirstSaleDay, int AgeDays,
    decimal RecentRevenue, decimal PriorRevenue, decimal? GrowthRate, DateOnly PeakMonth, decimal PeakRevenue, decimal? ShareOfPeak,
    decimal LifetimeRevenue, string? SimulatedLifecycle);

/// <summary>A stage: its rule, how many products are in it and their recent revenue.</summary>
public sealed record LifecycleStage(string Stage, string Rule, long Products, decimal? ProductShare, decimal RecentRevenue, decimal? RevenueShare);

/// <summary>The thresholds of the rules.</summary>
public sealed record LifecycleThresholds(int WindowMonths, decimal GrowthRate, decimal DeclineRate, decimal DeclineShareOfPeak);

public sealed record ProductLifecycleAnswer(
    DateOnly? ReferenceMonth, DateOnly? RecentFrom, DateOnly? PriorFrom, string? Category, string? Stage, int Limit,
    LifecycleThresholds Thresholds, IReadOnlyList<LifecycleStage> Stages, IReadOnlyList<LifecycleProduct> Products, DateTimeOffset ComputedAt);

/// <summary>
/// Product lifecycle classified from the sales (per product, not per category: categories mix products at every
/// stage), computed once by the ETL into <c>dw.product_lifecycle</c> (Core/Warehouse/AnalyticsAggregatesSql.cs) as of
/// the reference month = the last complete month of the warehouse (the month before that of the latest purchase day
/// + 1). Figures of a product, over its revenue-bearing sales (revenue as <see cref="FinanceAnalytics"/>) up to the
/// end of the reference month:
/// <list type="bullet">
/// <item>recent revenue = revenue of the <see cref="WindowMonths"/> calendar months ending with the reference month;
/// prior revenue = revenue of the <see cref="WindowMonths"/> months before those;</item>
/// <item>growth rate = (recent − prior) / prior (null when prior is 0);</item>
/// <item>peak month = the month with the highest revenue (the earliest on a tie); share of peak = recent revenue /
/// <see cref="WindowMonths"/> (the recent monthly average) / peak month revenue;</item>
/// <item>first sale day and age = last day of the reference month − first sale day, in days.</item>
/// </list>
/// Stage = the first rule that holds: <see cref="Inactive"/> (no recent revenue); <see cref="Introduction"/> (first
/// sale within the recent months); <see cref="Growth"/> (no prior revenue, i.e. sales came back, or growth rate &gt;=
/// <see cref="GrowthThreshold"/>); <see cref="Decline"/> (growth rate &lt;= <see cref="DeclineThreshold"/> or share of
/// peak &lt; <see cref="DeclineShareOfPeak"/>); <see cref="Maturity"/> (the others). Products never sold by the reference
/// month are not classified. The lifecycle the simulation gave the product (<c>dim_product.lifecycle</c>, ground truth;
/// null for imported data) is shown next to it for comparison, never used. Stage counts come from
/// <c>dw.agg_lifecycle_stages</c> (the same rows counted by the ETL per category and stage).
/// </summary>
public static class ProductLifecycleAnalytics
{
    public const int WindowMonths = 3;
    public const decimal GrowthThreshold = 0.20m;
    public const decimal DeclineThreshold = -0.20m;
    public const decimal DeclineShareOfPeak = 0.50m;

    public const string Introduction = "Introduction";
    public const string Growth = "Growth";
    public const string Maturity = "Maturity";
    public const string Decline = "Decline";
    public const string Inactive = "Inactive";

    public const int MaxLimit = 500;
    public const int DefaultLimit = 50;

    /// <summary>The stages, in the order their rules are tried.</summary>
    public static readonly IReadOnlyList<(string Stage, string Rule)> Rules =
    [
        (Inactive, "recent revenue = 0"),
        (Introduction, $"first sale within the {WindowMonths} recent months"),
        (Growth, FormattableString.Invariant($"prior revenue = 0 or growth rate >= {GrowthThreshold:0.00}")),
        (Decline, FormattableString.Invariant($"growth rate <= {DeclineThreshold:0.00} or share of peak < {DeclineShareOfPeak:0.00}")),
        (Maturity, "any other"),
    ];

    /// <summary>The stage names, for validation.</summary>
    public static IReadOnlyList<string> Stages { get; } = [Introduction, Growth, Maturity, Decline, Inactive];

    private const string Counts = """
        SELECT a.stage, sum(a.products)::bigint AS products, sum(a.recent_revenue)::numeric AS revenue, max(a.reference_month) AS month
        FROM dw.agg_lifecycle_stages a{0}
        GROUP BY a.stage
        """;

    private const string List = """
        SELECT l.product_key AS productkey, p.name, p.category, l.stage, l.first_sale_day AS firstsaleday, l.age_days AS agedays,
               l.recent_revenue AS recentrevenue, l.prior_revenue AS priorrevenue, l.growth_rate AS growthrate,
               l.peak_month AS peakmonth, l.peak_revenue AS peakrevenue, l.share_of_peak AS shareofpeak,
               l.lifetime_revenue AS lifetimerevenue, p.lifecycle AS simulatedlifecycle
        FROM dw.product_lifecycle l JOIN dw.dim_product p ON p.product_key = l.product_key
        WHERE true{0}
        ORDER BY l.recent_revenue DESC, l.product_key
        LIMIT @limit
        """;

    private sealed class Row
    {
        public long ProductKey { get; set; }
        public string Name { get; set; } = "";
        public string Category { get; set; } = "";
        public string Stage { get; set; } = "";
        public DateTime FirstSaleDay { get; set; }
        public int AgeDays { get; set; }
        public decimal RecentRevenue { get; set; }
        public decimal PriorRevenue { get; set; }
        public decimal? GrowthRate { get; set; }
        public DateTime PeakMonth { get; set; }
        public decimal PeakRevenue { get; set; }
        public decimal? ShareOfPeak { get; set; }
        public decimal LifetimeRevenue { get; set; }
        public string? SimulatedLifecycle { get; set; }
    }

    /// <summary>Stage counts (of the category when given) and the products (of the stage when given) with the most recent revenue.</summary>
    public static async Task<ProductLifecycleAnswer> ReadAsync(NpgsqlDataSource dataSource, string? category, string? stage, int limit, TimeProvider clock, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        if (stage is not null && !Stages.Contains(stage)) throw new ArgumentException($"Unknown stage {stage}.", nameof(stage));
        var parameters = new { category, stage, limit };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var counts = (await connection.QueryAsync<(string Stage, long Products, decimal Revenue, DateTime Month)>(new CommandDefinition(
            string.Format(Counts, category is null ? "" : " WHERE a.category = @category"),
            parameters, cancellationToken: ct))).ToList();
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(
            string.Format(List, (category is null ? "" : " AND p.category = @category") + (stage is null ? "" : " AND l.stage = @stage")),
            parameters, cancellationToken: ct))).ToList();

        var byStage = counts.ToDictionary(c => c.Stage);
        long products = counts.Sum(c => c.Products);
        var revenue = counts.Sum(c => c.Revenue);
        DateOnly? month = counts.Count == 0 ? null : DateOnly.FromDateTime(counts.Max(c => c.Month));
        var stages = Rules.Select(r =>
        {
            var c = byStage.GetValueOrDefault(r.Stage);
            return new LifecycleStage(r.Stage, r.Rule, c.Products, Figures.Ratio(c.Products, products), c.Revenue, Figures.Ratio(c.Revenue, revenue));
        }).ToList();
        return new ProductLifecycleAnswer(
            month, month?.AddMonths(-(WindowMonths - 1)), month?.AddMonths(-(2 * WindowMonths - 1)), category, stage, limit,
            new LifecycleThresholds(WindowMonths, GrowthThreshold, DeclineThreshold, DeclineShareOfPeak), stages,
            [.. rows.Select(r => new LifecycleProduct(r.ProductKey, r.Name, r.Category, r.Stage, DateOnly.FromDateTime(r.FirstSaleDay), r.AgeDays, r.RecentRevenue,
                r.PriorRevenue, r.GrowthRate, DateOnly.FromDateTime(r.PeakMonth), r.PeakRevenue, r.ShareOfPeak, r.LifetimeRevenue, r.SimulatedLifecycle))],
            clock.GetUtcNow());
    }
}
