using Ecom.Aspire.Core.Analytics;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/analytics: product lifecycle, cross-selling, seller ranking and customer lifetime value.</summary>
public static partial class AnalyticsApi
{
    private const string Cached = " format = json (default) or csv. Answers are cached until the ETL loads new data.";

    private static void MapProductSellerCustomerAnalytics(RouteGroupBuilder api)
    {
        api.MapGet("/categories", GetCategories)
            .WithName("GetCategories")
            .WithSummary("The product categories of the warehouse, with their products")
            .WithDescription("Every product category of the warehouse in byte order, with the number of its products: the values the " +
                "category parameter of the other analytics accepts. No query parameter but format. format=csv gives the list. " +
                "Example: /api/analytics/categories." + Cached)
            .Produces<CategoriesAnswer>().ProducesValidationProblem();
        api.MapGet("/products/lifecycle", GetLifecycle)
            .WithName("GetProductLifecycle")
            .WithSummary("Product lifecycle stages (Introduction, Growth, Maturity, Decline, Inactive) with the figures that justify them")
            .WithDescription("Every product sold up to the reference month (the last complete month of the warehouse) classified by the " +
                "first rule that holds: " + string.Join("; ", ProductLifecycleAnalytics.Rules.Select(r => $"{r.Stage} ({r.Rule})")) +
                $". Recent revenue = the {ProductLifecycleAnalytics.WindowMonths} months ending with the reference month, prior = the " +
                $"{ProductLifecycleAnalytics.WindowMonths} before, growth rate = (recent - prior) / prior, share of peak = recent monthly " +
                "average / best month. " +
                "Gives the products per stage and the limit products with the most recent revenue, each with first sale, age, recent and " +
                "prior revenue, growth rate, peak month and share of peak. No period: as of the last ETL load. Query: category = a " +
                $"product category of the warehouse, stage = one of {string.Join(", ", ProductLifecycleAnalytics.Stages)}, limit = " +
                $"1..{ProductLifecycleAnalytics.MaxLimit} (default {ProductLifecycleAnalytics.DefaultLimit}). format=csv gives the products. " +
                "Example: /api/analytics/products/lifecycle?stage=Decline&category=watches_gifts&limit=20." + Cached)
            .Produces<ProductLifecycleAnswer>().ProducesValidationProblem();
        api.MapGet("/products/cross-sell", GetCrossSell)
            .WithName("GetCrossSell")
            .WithSummary("Pairs of categories or products bought together, with support, confidence and lift")
            .WithDescription("Over the revenue-bearing orders of the period (N): support = orders with A and B / N, confidence A→B = " +
                "orders with A and B / orders with A (and B→A), lift = support / (support(A) × support(B)). level = category (default) or " +
                $"product; minSupport = 0..1 (default 0): a pair is listed with at least max({CrossSellAnalytics.MinPairOrders}, minSupport × N) " +
                $"orders; limit = 1..{CrossSellAnalytics.MaxLimit} (default {CrossSellAnalytics.DefaultLimit}) pairs, most orders first, then " +
                "lift. No state or category filter. format=csv gives the pairs. " +
                "Example: /api/analytics/products/cross-sell?from=2024-01-01&to=2024-12-31&level=product&minSupport=0.0001&limit=10." + Common)
            .Produces<CrossSellAnswer>().ProducesValidationProblem();
        api.MapGet("/sellers/ranking", GetSellerRanking)
            .WithName("GetSellerRanking")
            .WithSummary("Sellers ranked by a documented score (revenue, on-time delivery, reviews, cancellations)")
            .WithDescription("Sellers with at least minOrders orders in the period (1.." + SellerRankingAnalytics.MaxMinOrders + ", default " +
                SellerRankingAnalytics.DefaultMinOrders + "), by " + SellerRankingAnalytics.Formula + ". Revenue percentile = share of " +
                "the ranked sellers with at most the seller's revenue; on-time share among delivered orders; average review 1..5; " +
                $"cancellation share = canceled or unavailable orders / orders. limit = 1..{SellerRankingAnalytics.MaxLimit} (default " +
                $"{SellerRankingAnalytics.DefaultLimit}). state = ship state; no category filter. format=csv gives the ranking. " +
                "Example: /api/analytics/sellers/ranking?from=2024-01-01&to=2024-06-30&minOrders=20&limit=50." + Common)
            .Produces<SellerRankingAnswer>().ProducesValidationProblem();
        api.MapGet("/customers/clv", GetClv)
            .WithName("GetCustomerLifetimeValue")
            .WithSummary("Customer lifetime value: totals, histogram and top customers")
            .WithDescription("Customers with a revenue-bearing order, as of the last ETL load (no period): " + CustomerLifetimeValueAnalytics.Formula +
                ". Gives totals and averages, the histogram of CLV (buckets from R$ " + string.Join(", ", CustomerLifetimeValueAnalytics.BucketEdges) +
                $") and the limit customers with the highest CLV (1..{CustomerLifetimeValueAnalytics.MaxLimit}, default " +
                $"{CustomerLifetimeValueAnalytics.DefaultLimit}). Query: state = the customer's UF code. format=csv gives the histogram. " +
                "Example: /api/analytics/customers/clv?state=SP&limit=20." + Cached)
            .Produces<ClvAnswer>().ProducesValidationProblem();
    }

    public static async Task<IResult> GetCategories(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        if (errors.Count > 0) return Invalid(errors);
        var answer = await CategoryCatalog.ReadAsync(dataSource, clock, ct);
        return csv ? CsvExport.File(answer.Categories, "categories") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetLifecycle(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? category = null, string? stage = null, string? limit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var chosen = stage is null ? null : AnalyticsQueryParser.Choice("stage", stage, ProductLifecycleAnalytics.Stages, "", errors);
        var count = AnalyticsQueryParser.Number("limit", limit, 1, ProductLifecycleAnalytics.MaxLimit, ProductLifecycleAnalytics.DefaultLimit, errors);
        if (!await AnalyticsQueryParser.CategoryAsync(dataSource, category, errors, ct) || count is null) return Invalid(errors);
        var answer = await ProductLifecycleAnalytics.ReadAsync(dataSource, category, chosen, count.Value, clock, ct);
        return csv ? CsvExport.File(answer.Products, "product-lifecycle" + (chosen is null ? "" : $"-{chosen}")) : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetCrossSell(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? level = null,
        string? minSupport = null, string? limit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var unit = AnalyticsQueryParser.Choice("level", level, CrossSellAnalytics.Levels, CrossSellAnalytics.CategoryLevel, errors);
        var support = AnalyticsQueryParser.Fraction("minSupport", minSupport, 0m, 1m, 0m, errors);
        var count = AnalyticsQueryParser.Number("limit", limit, 1, CrossSellAnalytics.MaxLimit, CrossSellAnalytics.DefaultLimit, errors);
        if (state is not null) errors["state"] = ["state is not a filter of cross-selling pairs (a basket is counted over all orders): leave it out."];
        if (category is not null) errors["category"] = ["category is not a filter of cross-selling pairs: leave it out; level=category pairs categories."];
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, null, null, errors, ct) is not { } query
            || unit is null || support is null || count is null) return Invalid(errors);
        var answer = await CrossSellAnalytics.ReadAsync(dataSource, query.Period, unit, support.Value, count.Value, clock, ct);
        return csv ? CsvExport.File(answer.Pairs, $"cross-sell-{unit}-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetSellerRanking(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? minOrders = null,
        string? limit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var least = AnalyticsQueryParser.Number("minOrders", minOrders, 1, SellerRankingAnalytics.MaxMinOrders, SellerRankingAnalytics.DefaultMinOrders, errors);
        var count = AnalyticsQueryParser.Number("limit", limit, 1, SellerRankingAnalytics.MaxLimit, SellerRankingAnalytics.DefaultLimit, errors);
        if (category is not null) errors["category"] = ["category is not a filter of the seller ranking (a seller's score covers all their orders): leave it out; state is allowed."];
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, null, errors, ct) is not { } query
            || least is null || count is null) return Invalid(errors);
        var answer = await SellerRankingAnalytics.ReadAsync(dataSource, query, least.Value, count.Value, clock, ct);
        return csv ? CsvExport.File(answer.Ranking, $"seller-ranking-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetClv(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? state = null, string? limit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var uf = AnalyticsQueryParser.State(state, errors);
        var count = AnalyticsQueryParser.Number("limit", limit, 1, CustomerLifetimeValueAnalytics.MaxLimit, CustomerLifetimeValueAnalytics.DefaultLimit, errors);
        if (errors.Count > 0 || count is null) return Invalid(errors);
        var answer = await CustomerLifetimeValueAnalytics.ReadAsync(dataSource, uf, count.Value, clock, ct);
        return csv ? CsvExport.File(answer.Buckets, "clv" + (uf is null ? "" : $"-{uf}")) : TypedResults.Ok(answer);
    }
}
