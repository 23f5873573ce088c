namespace Ecom.Aspire.Web.Services;

// The answers of /api/analytics/... as the Web reads them (client side, as in eShop's WebApp). The definitions of every
// figure are in Core/Analytics next to the code that computes them; the pages show them in their captions.

public sealed record AnalyticsPeriodView(DateOnly From, DateOnly To)
{
    public int Days() => To.DayNumber - From.DayNumber + 1;

    public override string ToString() => $"{From:dd/MM/yyyy} – {To:dd/MM/yyyy}";
}

public sealed record AnalyticsFilterView(string? State, string? Category);

// Finance (/api/analytics/finance)

public sealed record FinanceFigures(
    decimal GrossSales, decimal Refunds, decimal Revenue, decimal Cogs, decimal GrossProfit, decimal PaymentFees, decimal FreightSubsidy,
    decimal NetProfit, decimal? GrossMargin, decimal? NetMargin, long Orders, long ReturnedOrders, long Items, long ItemsWithCost,
    decimal? CostCoverage, decimal Freight, decimal? AverageTicket);

public sealed record FinanceLine(string Measure, decimal? Current, decimal? Previous, decimal? ChangePercent);

public sealed record PaymentFeeView(string PaymentType, decimal Rate, decimal PerOrder);

public sealed record FinanceAnswer(
    AnalyticsPeriodView Period, AnalyticsPeriodView PreviousPeriod, AnalyticsFilterView Filter, FinanceFigures Current, FinanceFigures Previous,
    IReadOnlyList<FinanceLine> Lines, IReadOnlyList<PaymentFeeView> PaymentFeeRates, decimal FreightSubsidyShare, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Current.Orders == 0 && Current.Revenue == 0 && Previous.Orders == 0 && Previous.Revenue == 0;
}

// Trends (/api/analytics/trends)

public sealed record TrendPoint(DateOnly Start, DateOnly End, int Days, decimal Revenue, long Orders, long Items, decimal? AverageTicket);

public sealed record TrendAnswer(AnalyticsPeriodView Period, AnalyticsFilterView Filter, string Granularity, IReadOnlyList<TrendPoint> Points, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Points.All(p => p.Orders == 0 && p.Revenue == 0);
}

// Geography (/api/analytics/geography)

public sealed record GeographyRow(
    string Level, string Code, string Name, string Region, decimal Revenue, long Orders, long Items, decimal? RevenueShare, decimal? AverageTicket);

public sealed record GeographyAnswer(
    AnalyticsPeriodView Period, AnalyticsFilterView Filter, decimal Revenue, long Orders,
    IReadOnlyList<GeographyRow> Regions, IReadOnlyList<GeographyRow> States, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Orders == 0 && Revenue == 0;
}

// Delivery (/api/analytics/delivery)

public sealed record DeliveryRow(
    string Dimension, string Key, long Orders, long Delivered, long InTransit, long OnTime, long Late,
    decimal? OnTimeShare, decimal? AverageDeliveryDays, decimal? AverageDelayDays, decimal? AverageLateDays, string? Name = null);

/// <summary>By seller: the <see cref="SellerLimit"/> sellers (of <see cref="Sellers"/>) with the most late orders.</summary>
public sealed record DeliveryAnswer(
    AnalyticsPeriodView Period, AnalyticsFilterView Filter, DeliveryRow Total, IReadOnlyList<DeliveryRow> ByState, IReadOnlyList<DeliveryRow> ByCarrier,
    DateTimeOffset ComputedAt, int SellerLimit = 0, long Sellers = 0, IReadOnlyList<DeliveryRow>? BySeller = null)
{
    public bool IsEmpty => Total.Orders == 0;
}

// Products (/api/analytics/products/top, /products/lifecycle, /products/cross-sell)

public sealed record TopProduct(
    int Rank, long ProductKey, string Name, string Category, decimal Revenue, long Items, long Orders, decimal? RevenueShare, decimal? AveragePrice);

public sealed record TopProductsAnswer(
    AnalyticsPeriodView Period, AnalyticsFilterView Filter, int Limit, decimal Revenue, IReadOnlyList<TopProduct> Products, DateTimeOffset ComputedAt);

public sealed record LifecycleProduct(
    long ProductKey, string Name, string Category, string Stage, DateOnly FirstSaleDay, int AgeDays,
    decimal RecentRevenue, decimal PriorRevenue, decimal? GrowthRate, DateOnly PeakMonth, decimal PeakRevenue, decimal? ShareOfPeak,
    decimal LifetimeRevenue, string? SimulatedLifecycle);

public sealed record LifecycleStage(string Stage, string Rule, long Products, decimal? ProductShare, decimal RecentRevenue, decimal? RevenueShare);

public sealed record LifecycleThresholds(int WindowMonths, decimal GrowthRate, decimal DeclineRate, decimal DeclineShareOfPeak);

public sealed record ProductLifecycleAnswer(
    DateOnly? ReferenceMonth, DateOnly? RecentFrom, DateOnly? PriorFrom, string? Category, string? Stage, int Limit,
    LifecycleThresholds Thresholds, IReadOnlyList<LifecycleStage> Stages, IReadOnlyList<LifecycleProduct> Products, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Stages.All(s => s.Products == 0);
}

public sealed record CrossSellPair(
    int Rank, string ItemA, string NameA, string ItemB, string NameB, long Orders, long OrdersA, long OrdersB,
    decimal Support, decimal? ConfidenceAToB, decimal? ConfidenceBToA, decimal? Lift);

public sealed record CrossSellAnswer(
    AnalyticsPeriodView Period, string Level, decimal MinSupport, long MinOrders, long Orders, int Limit, IReadOnlyList<CrossSellPair> Pairs,
    DateTimeOffset ComputedAt);

// Customers (/api/analytics/customers/cohorts, /customers/rfm)

public sealed record CohortRow(DateOnly Cohort, long Customers, IReadOnlyList<decimal?> Retention);

public sealed record CohortAnswer(AnalyticsPeriodView Period, AnalyticsFilterView Filter, IReadOnlyList<CohortRow> Cohorts, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Cohorts.All(c => c.Customers == 0);
}

public sealed record RfmSegment(
    string Segment, string Rule, long Customers, decimal? CustomerShare, decimal? AverageRecencyDays, decimal? AverageFrequency,
    decimal? AverageMonetary, decimal Revenue, decimal? RevenueShare);

public sealed record RfmThresholds(IReadOnlyList<decimal> RecencyDays, IReadOnlyList<decimal> Frequency, IReadOnlyList<decimal> Monetary);

public sealed record RfmAnswer(
    AnalyticsPeriodView Period, AnalyticsFilterView Filter, DateOnly ReferenceDay, long Customers, RfmThresholds Thresholds,
    IReadOnlyList<RfmSegment> Segments, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Customers == 0;
}

// Sellers (/api/analytics/sellers/ranking)

public sealed record RankedSeller(
    int Rank, long SellerKey, string Name, string City, string State, decimal Score,
    decimal RevenuePercentile, decimal OnTimeComponent, decimal ReviewComponent, decimal FulfilmentComponent,
    long Orders, long RevenueOrders, long CanceledOrders, decimal Revenue, long Delivered, long OnTime, decimal? OnTimeShare,
    long Reviewed, decimal? AverageReview, decimal? CancellationShare);

public sealed record SellerScoreWeights(decimal Revenue, decimal OnTime, decimal Review, decimal Fulfilment, decimal Unknown);

public sealed record SellerRankingAnswer(
    AnalyticsPeriodView Period, AnalyticsFilterView Filter, int MinOrders, int Limit, long Sellers, SellerScoreWeights Weights, string Formula,
    IReadOnlyList<RankedSeller> Ranking, DateTimeOffset ComputedAt);

// Customer lifetime value (/api/analytics/customers/clv): lifetime figures as of the last ETL load, no period.

public sealed record ClvBucket(
    int Bucket, decimal From, decimal? To, long Customers, decimal? CustomerShare, long Orders, decimal LifetimeRevenue, decimal PredictedRevenue12m,
    decimal Clv, decimal? ClvShare);

public sealed record ClvCustomer(
    int Rank, long CustomerKey, string City, string State, string? Persona, int Orders, decimal LifetimeRevenue, decimal? AverageTicket,
    DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, int? LifespanDays, decimal PredictedRevenue12m, decimal Clv);

public sealed record ClvAnswer(
    string? State, long Customers, long Orders, decimal LifetimeRevenue, decimal PredictedRevenue12m, decimal Clv,
    decimal? AverageLifetimeRevenue, decimal? AverageClv, decimal? AverageTicket, string Formula,
    IReadOnlyList<ClvBucket> Buckets, int Limit, IReadOnlyList<ClvCustomer> TopCustomers, DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Customers == 0;
}

public sealed record ProductCategory(string Category, long Products);

public sealed record CategoriesAnswer(IReadOnlyList<ProductCategory> Categories);
