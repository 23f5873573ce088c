using Ecom.Aspire.Core.Analytics;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>
/// /api/analytics: business questions answered from the warehouse's aggregates (Core/Analytics, where each figure is
/// defined). Every query parameter is validated (400 ValidationProblem naming it); answers are output-cached until the
/// ETL loads new data (<see cref="AnalyticsCache"/>); table-shaped answers download as CSV with format=csv.
/// </summary>
public static partial class AnalyticsApi
{
    private const string Common =
        " Query: from, to = the period, business days (America/Sao_Paulo) in the form yyyy-MM-dd, both included; from on or after " +
        "2000-01-01, from <= to, at most 10 years; default: the 30 days ending on the latest day with sales in the warehouse. " +
        "state = a UF code (SP, RJ, ...; the ship state), category = a product category of the warehouse (e.g. bed_bath_table); " +
        "format = json (default) or csv. Answers are cached until the ETL loads new data.";

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analytics").WithTags("Analytics").CacheOutput(AnalyticsCache.Policy);
        api.MapGet("/finance", GetFinance)
            .WithName("GetFinance")
            .WithSummary("Revenue, COGS, gross and net profit, margins, vs the previous period")
            .WithDescription("Revenue (item prices of revenue-bearing orders; freight is passed through), refunds (returned orders), " +
                "COGS (known item costs), gross profit, payment fees (credit card 3.5 %, debit card 1.5 %, Pix 0.99 %, boleto R$ 3.50 " +
                "per order, voucher 0, on the amount charged), freight subsidy (none), net profit and margins, for the period and the " +
                "previous period of the same length, with the change in percent. format=csv gives the lines (measure, current, previous, " +
                "change). Example: /api/analytics/finance?from=2024-01-01&to=2024-01-31&state=SP." + Common)
            .Produces<FinanceAnswer>().ProducesValidationProblem();
        api.MapGet("/trends", GetTrends)
            .WithName("GetTrends")
            .WithSummary("Revenue, orders and items per day, week or month")
            .WithDescription("One point per bucket of the period (zeros included): revenue, revenue-bearing orders, items and " +
                "average ticket. granularity = day (default), week (ISO, Monday first) or month; the first and last buckets are " +
                "cut to the period. format=csv gives the points. Example: /api/analytics/trends?from=2024-01-01&to=2024-06-30&granularity=week." + Common)
            .Produces<TrendAnswer>().ProducesValidationProblem();
        api.MapGet("/geography", GetGeography)
            .WithName("GetGeography")
            .WithSummary("Revenue, orders, share and average ticket by region and state")
            .WithDescription("Every region and each of the 27 UFs (ship state), by revenue: revenue, orders, items, share of the " +
                "revenue and average ticket. format=csv gives the regions then the states in one table (column Level). " +
                "Example: /api/analytics/geography?from=2024-01-01&to=2024-12-31&category=watches_gifts." + Common)
            .Produces<GeographyAnswer>().ProducesValidationProblem();
        api.MapGet("/delivery", GetDelivery)
            .WithName("GetDelivery")
            .WithSummary("Delivery times, delays and on-time share, by state, carrier and seller")
            .WithDescription("Orders purchased in the period with a delivery record: delivered, in transit, on time, late, on-time " +
                "share, average delivery days, average delay (negative: early) and average lateness of late orders; in total, by " +
                "ship state, by carrier and by seller (the sellerLimit sellers with the most late orders, 1.." + DeliveryAnalytics.MaxSellerLimit +
                ", default " + DeliveryAnalytics.DefaultSellerLimit + "; an order with items of two sellers counts for each). No category filter " +
                "(a delivery is per order). format=csv gives the total, states, carriers and sellers in one table (column Dimension). " +
                "Example: /api/analytics/delivery?from=2024-01-01&to=2024-03-31&state=BA&sellerLimit=50." + Common)
            .Produces<DeliveryAnswer>().ProducesValidationProblem();
        api.MapGet("/products/top", GetTopProducts)
            .WithName("GetTopProducts")
            .WithSummary("The products with the highest revenue")
            .WithDescription($"The first limit products (1..{TopProductsAnalytics.MaxLimit}, default {TopProductsAnalytics.DefaultLimit}) " +
                "by revenue: revenue, items, orders, share of the revenue and average price. format=csv gives the ranking. " +
                "Example: /api/analytics/products/top?from=2024-01-01&to=2024-12-31&limit=20." + Common)
            .Produces<TopProductsAnswer>().ProducesValidationProblem();
        api.MapGet("/customers/cohorts", GetCohorts)
            .WithName("GetCohorts")
            .WithSummary("Cohort retention matrix (cohort = month of first purchase)")
            .WithDescription("For each month of the period, the customers whose first revenue-bearing purchase fell in it and the share " +
                "of them who bought again 0, 1, 2, ... months later (up to the month of to). state = the customer's state; no category " +
                "filter. format=csv gives one line per cell. Example: /api/analytics/customers/cohorts?from=2024-01-01&to=2024-12-31." + Common)
            .Produces<CohortAnswer>().ProducesValidationProblem();
        api.MapGet("/customers/rfm", GetRfm)
            .WithName("GetRfm")
            .WithSummary("RFM segments (VIP, Loyal, New, Regular, At risk, Churned) with their thresholds")
            .WithDescription("Customers who bought in the period, scored as of its last day on recency (30/90/180/365 days), frequency " +
                "(1/2/3/5 orders) and monetary value (quintiles of the period, returned as thresholds), and grouped by the first " +
                "segment rule that holds. Choose a period of a year or more. format=csv gives the segments. " +
                "Example: /api/analytics/customers/rfm?from=2024-01-01&to=2024-12-31." + Common)
            .Produces<RfmAnswer>().ProducesValidationProblem();
        MapProductSellerCustomerAnalytics(api);
        return app;
    }

    public static async Task<IResult> GetFinance(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, category, errors, ct) is not { } query) return Invalid(errors);
        var answer = await FinanceAnalytics.ReadAsync(dataSource, query, clock, ct);
        return csv ? CsvExport.File(answer.Lines, $"finance-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetTrends(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? granularity = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var unit = AnalyticsQueryParser.Choice("granularity", granularity, TrendAnalytics.Granularities, TrendAnalytics.Day, errors);
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, category, errors, ct) is not { } query || unit is null) return Invalid(errors);
        var answer = await TrendAnalytics.ReadAsync(dataSource, query, unit, clock, ct);
        return csv ? CsvExport.File(answer.Points, $"trends-{unit}-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetGeography(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, category, errors, ct) is not { } query) return Invalid(errors);
        var answer = await GeographyAnalytics.ReadAsync(dataSource, query, clock, ct);
        return csv ? CsvExport.File(answer.Regions.Concat(answer.States), $"geography-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetDelivery(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? sellerLimit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var sellers = AnalyticsQueryParser.Number("sellerLimit", sellerLimit, 1, DeliveryAnalytics.MaxSellerLimit, DeliveryAnalytics.DefaultSellerLimit, errors);
        if (category is not null)
        {
            errors["category"] = ["category is not a filter of delivery figures (a delivery belongs to a whole order): leave it out; state is allowed."];
        }
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, null, errors, ct) is not { } query || sellers is null) return Invalid(errors);
        var answer = await DeliveryAnalytics.ReadAsync(dataSource, query, clock, ct, sellers.Value);
        return csv ? CsvExport.File(DeliveryAnalytics.Table(answer), $"delivery-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetTopProducts(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? limit = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        var count = AnalyticsQueryParser.Number("limit", limit, 1, TopProductsAnalytics.MaxLimit, TopProductsAnalytics.DefaultLimit, errors);
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, category, errors, ct) is not { } query || count is null) return Invalid(errors);
        var answer = await TopProductsAnalytics.ReadAsync(dataSource, query, count.Value, clock, ct);
        return csv ? CsvExport.File(answer.Products, $"top-products-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetCohorts(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        if (category is not null)
        {
            errors["category"] = ["category is not a filter of cohorts (a cohort is made of customers): leave it out; state is allowed."];
        }
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, null, errors, ct) is not { } query) return Invalid(errors);
        var answer = await CohortAnalytics.ReadAsync(dataSource, query, clock, ct);
        return csv ? CsvExport.File(answer.Cells, $"cohorts-{Name(query)}") : TypedResults.Ok(answer);
    }

    public static async Task<IResult> GetRfm(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct,
        string? from = null, string? to = null, string? state = null, string? category = null, string? format = null)
    {
        var errors = new Dictionary<string, string[]>();
        var csv = Csv(format, errors);
        if (await AnalyticsQueryParser.ParseAsync(dataSource, clock, from, to, state, category, errors, ct) is not { } query) return Invalid(errors);
        var answer = await RfmAnalytics.ReadAsync(dataSource, query, clock, ct);
        return csv ? CsvExport.File(answer.Segments, $"rfm-{Name(query)}") : TypedResults.Ok(answer);
    }

    private static bool Csv(string? format, Dictionary<string, string[]> errors)
    {
        var csv = CsvExport.Wants(format, out var error);
        foreach (var (key, value) in error ?? new Dictionary<string, string[]>()) errors[key] = value;
        return csv;
    }

    private static IResult Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: "Invalid query parameter");

    private static string Name(AnalyticsQuery query) =>
        $"{AnalyticsPeriod.Text(query.Period.From)}-{AnalyticsPeriod.Text(query.Period.To)}" +
        (query.Filter.State is { } s ? $"-{s}" : "") + (query.Filter.Category is { } c && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? $"-{c}" : "");
}
