namespace Ecom.Aspire.Web.Tests;

/// <summary>Canned answers of /api/analytics/..., shaped as the Api's JSON (camelCase), with hand-picked figures.</summary>
internal static class AnalyticsJson
{
    private const string Period = "\"period\":{\"from\":\"2024-01-01\",\"to\":\"2024-01-31\"}";
    private const string Filter = "\"filter\":{\"state\":null,\"category\":null}";

    public static string Finance(decimal revenue = 12345.67m, decimal previousRevenue = 10000m, long orders = 100, long previousOrders = 80) => $$"""
        {{{Period}},"previousPeriod":{"from":"2023-12-01","to":"2023-12-31"},{{Filter}},
         "current":{{Figures(revenue, orders)}},"previous":{{Figures(previousRevenue, previousOrders)}},
         "lines":[
           {"measure":"revenue","current":{{D(revenue)}},"previous":{{D(previousRevenue)}},"changePercent":{{(previousRevenue == 0 ? "null" : D(Math.Round((revenue - previousRevenue) / previousRevenue * 100, 2)))}}},
           {"measure":"gross_margin","current":0.4,"previous":0.4,"changePercent":0},
           {"measure":"net_profit","current":{{D(revenue * 0.35m)}},"previous":{{D(previousRevenue * 0.35m)}},"changePercent":null},
           {"measure":"orders","current":{{orders}},"previous":{{previousOrders}},"changePercent":{{(previousOrders == 0 ? "null" : D(Math.Round((orders - previousOrders) * 100m / previousOrders, 2)))}}}],
         "paymentFeeRates":[{"paymentType":"credit_card","rate":0.035,"perOrder":0},{"paymentType":"boleto","rate":0,"perOrder":3.5}],
         "freightSubsidyShare":0,"computedAt":"2026-01-01T12:00:00Z"}
        """;

    private static string Figures(decimal revenue, long orders) => $$"""
        {"grossSales":{{D(revenue)}},"refunds":0,"revenue":{{D(revenue)}},"cogs":{{D(revenue * 0.6m)}},"grossProfit":{{D(revenue * 0.4m)}},
         "paymentFees":{{D(revenue * 0.05m)}},"freightSubsidy":0,"netProfit":{{D(revenue * 0.35m)}},"grossMargin":{{(revenue == 0 ? "null" : "0.4")}},
         "netMargin":{{(revenue == 0 ? "null" : "0.35")}},"orders":{{orders}},"returnedOrders":0,"items":{{orders}},"itemsWithCost":{{orders}},
         "costCoverage":1,"freight":0,"averageTicket":{{(orders == 0 ? "null" : D(Math.Round(revenue / orders, 2)))}}}
        """;

    public static string Trends(params (string Start, decimal Revenue, long Orders)[] points) => $$"""
        {{{Period}},{{Filter}},"granularity":"day","points":[{{string.Join(",", points.Select(p =>
            $$"""{"start":"{{p.Start}}","end":"{{p.Start}}","days":1,"revenue":{{D(p.Revenue)}},"orders":{{p.Orders}},"items":{{p.Orders}},"averageTicket":null}"""))}}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    /// <summary>Geography with SP, RJ and MG selling (revenue 600, 300, 100) and the other 24 states at zero.</summary>
    public static string Geography()
    {
        var sold = new Dictionary<string, (decimal Revenue, long Orders)> { ["SP"] = (600m, 6), ["RJ"] = (300m, 3), ["MG"] = (100m, 2) };
        var states = Web.Services.BrazilStates.All.Select(s =>
        {
            var (revenue, orders) = sold.GetValueOrDefault(s.Uf);
            return $$"""{"level":"state","code":"{{s.Uf}}","name":"{{s.Name}}","region":"{{s.Region}}","revenue":{{D(revenue)}},"orders":{{orders}},"items":{{orders}},"revenueShare":{{D(revenue / 1000m)}},"averageTicket":{{(orders == 0 ? "null" : D(Math.Round(revenue / orders, 2)))}}}""";
        });
        return $$"""
            {{{Period}},{{Filter}},"revenue":1000,"orders":11,
             "regions":[{"level":"region","code":"Sudeste","name":"Sudeste","region":"Sudeste","revenue":1000,"orders":11,"items":11,"revenueShare":1,"averageTicket":90.91},
                        {"level":"region","code":"Sul","name":"Sul","region":"Sul","revenue":0,"orders":0,"items":0,"revenueShare":0,"averageTicket":null}],
             "states":[{{string.Join(",", states)}}],"computedAt":"2026-01-01T12:00:00Z"}
            """;
    }

    public static string Delivery(long orders = 120) => $$"""
        {{{Period}},{{Filter}},
         "total":{"dimension":"total","key":"all","orders":{{orders}},"delivered":100,"inTransit":{{orders - 100}},"onTime":92,"late":8,"onTimeShare":0.92,"averageDeliveryDays":8.5,"averageDelayDays":-3.25,"averageLateDays":4},
         "byState":[{"dimension":"state","key":"SP","orders":{{orders}},"delivered":100,"inTransit":{{orders - 100}},"onTime":92,"late":8,"onTimeShare":0.92,"averageDeliveryDays":8.5,"averageDelayDays":-3.25,"averageLateDays":4}],
         "byCarrier":[{"dimension":"carrier","key":"Correios","orders":{{orders}},"delivered":100,"inTransit":{{orders - 100}},"onTime":92,"late":8,"onTimeShare":0.92,"averageDeliveryDays":8.5,"averageDelayDays":-3.25,"averageLateDays":4}],
         "sellerLimit":20,"sellers":1,
         "bySeller":[{"dimension":"seller","key":"7","orders":{{orders}},"delivered":100,"inTransit":{{orders - 100}},"onTime":92,"late":8,"onTimeShare":0.92,"averageDeliveryDays":8.5,"averageDelayDays":-3.25,"averageLateDays":4,"name":"Loja Atrasada"}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public const string Sellers = """
        {"period":{"from":"2024-01-01","to":"2024-01-31"},"filter":{"state":null,"category":null},"minOrders":5,"limit":50,"sellers":2,
         "weights":{"revenue":0.4,"onTime":0.25,"review":0.2,"fulfilment":0.15,"unknown":0.5},"formula":"score = 100 x (...)",
         "ranking":[{"rank":1,"sellerKey":7,"name":"Loja Boa Vista","city":"Curitiba","state":"PR","score":87.5,"revenuePercentile":1,"onTimeComponent":0.9,
                     "reviewComponent":0.75,"fulfilmentComponent":1,"orders":40,"revenueOrders":40,"canceledOrders":0,"revenue":5432.1,"delivered":40,"onTime":36,
                     "onTimeShare":0.9,"reviewed":30,"averageReview":4,"cancellationShare":0}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public static string TopProducts(int count = 2) => $$"""
        {{{Period}},{{Filter}},"limit":50,"revenue":1000,"products":[{{string.Join(",", Enumerable.Range(1, count).Select(i =>
            $$"""{"rank":{{i}},"productKey":{{100 + i}},"name":"Produto {{i}}","category":"{{(i % 2 == 1 ? "bed_bath_table" : "watches_gifts")}}","revenue":{{D(600m / i)}},"items":{{10 / i}},"orders":{{10 / i}},"revenueShare":{{D(0.6m / i)}},"averagePrice":60}"""))}}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public const string Lifecycle = """
        {"referenceMonth":"2025-11-01","recentFrom":"2025-09-01","priorFrom":"2025-06-01","category":null,"stage":null,"limit":500,
         "thresholds":{"windowMonths":3,"growthRate":0.2,"declineRate":-0.2,"declineShareOfPeak":0.5},
         "stages":[{"stage":"Inactive","rule":"recent revenue = 0","products":1,"productShare":0.25,"recentRevenue":0,"revenueShare":0},
                   {"stage":"Introduction","rule":"first sale within the 3 recent months","products":0,"productShare":0,"recentRevenue":0,"revenueShare":0},
                   {"stage":"Growth","rule":"prior revenue = 0 or growth rate >= 0.20","products":2,"productShare":0.5,"recentRevenue":900,"revenueShare":0.9},
                   {"stage":"Decline","rule":"growth rate <= -0.20 or share of peak < 0.50","products":1,"productShare":0.25,"recentRevenue":100,"revenueShare":0.1},
                   {"stage":"Maturity","rule":"any other","products":0,"productShare":0,"recentRevenue":0,"revenueShare":0}],
         "products":[{"productKey":5,"name":"Relógio Azul","category":"watches_gifts","stage":"Growth","firstSaleDay":"2024-02-10","ageDays":659,
                      "recentRevenue":600,"priorRevenue":400,"growthRate":0.5,"peakMonth":"2025-11-01","peakRevenue":250,"shareOfPeak":0.8,"lifetimeRevenue":3000,"simulatedLifecycle":"growth"},
                     {"productKey":6,"name":"Toalha Verde","category":"bed_bath_table","stage":"Decline","firstSaleDay":"2024-01-05","ageDays":695,
                      "recentRevenue":100,"priorRevenue":300,"growthRate":-0.6667,"peakMonth":"2024-12-01","peakRevenue":400,"shareOfPeak":0.0833,"lifetimeRevenue":2500,"simulatedLifecycle":"decline"}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public const string CrossSell = """
        {"period":{"from":"2024-01-01","to":"2024-01-31"},"level":"category","minSupport":0,"minOrders":2,"orders":1000,"limit":20,
         "pairs":[{"rank":1,"itemA":"bed_bath_table","nameA":"bed_bath_table","itemB":"furniture_decor","nameB":"furniture_decor","orders":20,"ordersA":100,"ordersB":50,
                   "support":0.02,"confidenceAToB":0.2,"confidenceBToA":0.4,"lift":4}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public const string Rfm = """
        {"period":{"from":"2024-01-01","to":"2024-12-31"},"filter":{"state":null,"category":null},"referenceDay":"2024-12-31","customers":1000,
         "thresholds":{"recencyDays":[30,90,180,365],"frequency":[1,2,3,5],"monetary":[50,100,150,300]},
         "segments":[{"segment":"VIP","rule":"R >= 4 and F >= 4 and M >= 4","customers":50,"customerShare":0.05,"averageRecencyDays":20,"averageFrequency":4.5,"averageMonetary":900,"revenue":45000,"revenueShare":0.3},
                     {"segment":"Loyal","rule":"R >= 3 and F >= 3","customers":150,"customerShare":0.15,"averageRecencyDays":60,"averageFrequency":3,"averageMonetary":300,"revenue":45000,"revenueShare":0.3},
                     {"segment":"New","rule":"F = 1 and R = 5","customers":300,"customerShare":0.3,"averageRecencyDays":12,"averageFrequency":1,"averageMonetary":100,"revenue":30000,"revenueShare":0.2},
                     {"segment":"At risk","rule":"R = 2","customers":200,"customerShare":0.2,"averageRecencyDays":250,"averageFrequency":1.2,"averageMonetary":75,"revenue":15000,"revenueShare":0.1},
                     {"segment":"Churned","rule":"R = 1","customers":0,"customerShare":0,"averageRecencyDays":null,"averageFrequency":null,"averageMonetary":null,"revenue":0,"revenueShare":0},
                     {"segment":"Regular","rule":"any other","customers":300,"customerShare":0.3,"averageRecencyDays":100,"averageFrequency":1.5,"averageMonetary":50,"revenue":15000,"revenueShare":0.1}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    /// <summary>Three cohorts: Jan (100 customers; 10 % and 5 % came back), Feb (50; 20 %) and Mar (0 customers).</summary>
    public const string Cohorts = """
        {"period":{"from":"2024-01-01","to":"2024-03-31"},"filter":{"state":null,"category":null},
         "cohorts":[{"cohort":"2024-01-01","customers":100,"retention":[1,0.1,0.05]},
                    {"cohort":"2024-02-01","customers":50,"retention":[1,0.2]},
                    {"cohort":"2024-03-01","customers":0,"retention":[null]}],
         "cells":[],"computedAt":"2026-01-01T12:00:00Z"}
        """;

    public const string Clv = """
        {"state":null,"customers":3,"orders":5,"lifetimeRevenue":900,"predictedRevenue12m":300,"clv":1200,"averageLifetimeRevenue":300,"averageClv":400,
         "averageTicket":180,"formula":"CLV = lifetime revenue + average ticket x min(52, (orders - 1) x 365 / max(lifespan days, 30))",
         "buckets":[{"bucket":0,"from":0,"to":50,"customers":0,"customerShare":0,"orders":0,"lifetimeRevenue":0,"predictedRevenue12m":0,"clv":0,"clvShare":0},
                    {"bucket":1,"from":50,"to":100,"customers":1,"customerShare":0.3333,"orders":1,"lifetimeRevenue":80,"predictedRevenue12m":0,"clv":80,"clvShare":0.0667},
                    {"bucket":4,"from":500,"to":1000,"customers":2,"customerShare":0.6667,"orders":4,"lifetimeRevenue":820,"predictedRevenue12m":300,"clv":1120,"clvShare":0.9333}],
         "limit":10,"topCustomers":[{"rank":1,"customerKey":42,"city":"Recife","state":"PE","persona":"loyal","orders":3,"lifetimeRevenue":600,"averageTicket":200,
                                     "firstOrderAt":"2024-01-02T12:00:00Z","lastOrderAt":"2024-06-02T12:00:00Z","lifespanDays":152,"predictedRevenue12m":300,"clv":900}],
         "computedAt":"2026-01-01T12:00:00Z"}
        """;

    public static string D(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
