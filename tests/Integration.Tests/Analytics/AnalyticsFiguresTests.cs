using System.Globalization;
using Ecom.Aspire.Core.Analytics;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>
/// The analytics endpoints on the hand-made warehouse of <see cref="AnalyticsWarehouse"/>; every expected figure was
/// computed by hand (the computation is written next to it).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsFiguresTests(ServersFixture servers)
{
    private const string TwoDays = "from=2024-02-29&to=2024-03-01";

    [Fact]
    public async Task Finance_of_the_two_days_and_of_one_day_against_the_day_before_are_as_computed_by_hand()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_finance");

        var both = await warehouse.GetAsync<FinanceAnswer>($"/api/analytics/finance?{TwoDays}");
        Assert.Equal(new AnalyticsPeriod(new(2024, 2, 27), new(2024, 2, 28)), both.PreviousPeriod);
        var f = both.Current;
        // Revenue: 59.90 + 199.00 (order 10) + 199.00 (11) + 40.00 (13) + 40.00 (14) = 537.90; order 12 is canceled.
        // COGS: known costs 30.00 + 120.00 + 120.00 = 270.00 (Livro's cost is unknown: 3 of 5 items have a cost).
        // Fees on item prices + freight: credit card 3.5 % × 283.90 = 9.9365; boleto 3.50; Pix 0.99 % × 60.00 = 0.594;
        // debit card 1.5 % × 48.00 = 0.72; total 14.7505 → 14.75. Net = 267.90 − 14.7505 = 253.1495 → 253.15.
        Assert.Equal(
            (537.90m, 0m, 537.90m, 270.00m, 267.90m, 14.75m, 0m, 253.15m),
            (f.GrossSales, f.Refunds, f.Revenue, f.Cogs, f.GrossProfit, f.PaymentFees, f.FreightSubsidy, f.NetProfit));
        // Margins: 267.90 / 537.90 = 0.49805 → 0.4980; 253.15 / 537.90 = 0.47063 → 0.4706. Orders 10, 11, 13, 14.
        // Freight of revenue-bearing items: 10.00 + 15.00 + 35.50 + 20.00 + 8.00 = 88.50; ticket 537.90 / 4 = 134.475 → 134.48.
        Assert.Equal(
            (0.4980m, 0.4706m, 4L, 0L, 5L, 3L, 0.6m, 88.50m, 134.48m),
            (f.GrossMargin, f.NetMargin, f.Orders, f.ReturnedOrders, f.Items, f.ItemsWithCost, f.CostCoverage, f.Freight, f.AverageTicket));
        Assert.Equal(0m, both.Previous.Revenue);
        Assert.Null(both.Lines.Single(l => l.Measure == "revenue").ChangePercent);

        // March 1st against February 29th.
        var day = await warehouse.GetAsync<FinanceAnswer>("/api/analytics/finance?from=2024-03-01&to=2024-03-01");
        Assert.Equal(new AnalyticsPeriod(new(2024, 2, 29), new(2024, 2, 29)), day.PreviousPeriod);
        // 03-01: revenue 40.00 + 40.00 = 80.00, no known cost, fees 0.594 + 0.72 = 1.314 → 1.31, net 78.686 → 78.69, margin 78.69 / 80 = 0.9836.
        var c = day.Current;
        Assert.Equal((80.00m, 0m, 80.00m, 1.31m, 78.69m, 1.0000m, 0.9836m, 2L, 40.00m),
            (c.Revenue, c.Cogs, c.GrossProfit, c.PaymentFees, c.NetProfit, c.GrossMargin, c.NetMargin, c.Orders, c.AverageTicket));
        // 02-29: revenue 59.90 + 199.00 + 199.00 = 457.90, COGS 270.00, gross 187.90 (0.4104), fees 9.9365 + 3.50 = 13.4365 → 13.44,
        // net 174.4635 → 174.46 (0.3810), ticket 457.90 / 2 = 228.95.
        var p = day.Previous;
        Assert.Equal((457.90m, 270.00m, 187.90m, 13.44m, 174.46m, 0.4104m, 0.3810m, 2L, 228.95m),
            (p.Revenue, p.Cogs, p.GrossProfit, p.PaymentFees, p.NetProfit, p.GrossMargin, p.NetMargin, p.Orders, p.AverageTicket));
        // Changes: revenue (80 − 457.90) / 457.90 = −82.53 %; COGS −100 %; gross profit (80 − 187.90) / 187.90 = −57.42 %;
        // fees (1.31 − 13.44) / 13.44 = −90.25 %; net (78.69 − 174.46) / 174.46 = −54.90 %; orders 2 vs 2: 0 %; items 2 vs 3: −33.33 %.
        var change = day.Lines.ToDictionary(l => l.Measure, l => l.ChangePercent);
        Assert.Equal((-82.53m, -100m, -57.42m, -90.25m, -54.90m, 0m, -33.33m),
            (change["revenue"], change["cogs"], change["gross_profit"], change["payment_fees"], change["net_profit"], change["orders"], change["items"]));

        // Filters: SP only (orders 10 and 14): revenue 258.90 + 40.00 = 298.90; watches_gifts only (Relógio twice): 398.00, COGS 240.00.
        var sp = await warehouse.GetAsync<FinanceAnswer>($"/api/analytics/finance?{TwoDays}&state=sp");
        Assert.Equal(("SP", 298.90m, 150.00m, 2L), (sp.Filter.State, sp.Current.Revenue, sp.Current.Cogs, sp.Current.Orders));
        var watches = await warehouse.GetAsync<FinanceAnswer>($"/api/analytics/finance?{TwoDays}&category=watches_gifts");
        Assert.Equal((398.00m, 240.00m, 2L, 2L), (watches.Current.Revenue, watches.Current.Cogs, watches.Current.Orders, watches.Current.Items));

        var csv = await warehouse.GetCsvAsync($"/api/analytics/finance?{TwoDays}&format=csv");
        Assert.Equal("Measure,Current,Previous,ChangePercent", csv[0]);
        Assert.Contains("revenue,537.90,0,", csv.Select(l => l[..Math.Min(l.Length, 17)]));
    }

    [Fact]
    public async Task Trends_per_day_week_and_month_list_every_bucket_cut_to_the_period()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_trends");

        // Days: 02-29 = orders 10 and 11, 3 items, 457.90 (ticket 228.95); 03-01 = orders 13 and 14, 2 items, 80.00.
        var days = await warehouse.GetAsync<TrendAnswer>($"/api/analytics/trends?{TwoDays}");
        Assert.Equal("day", days.Granularity);
        Assert.Equal(
        [
            new TrendPoint(new(2024, 2, 29), new(2024, 2, 29), 1, 457.90m, 2, 3, 228.95m),
            new TrendPoint(new(2024, 3, 1), new(2024, 3, 1), 1, 80.00m, 2, 2, 40.00m),
        ], days.Points);

        // ISO weeks of 02-20..03-05: Monday 02-19 (cut to 02-20..02-25, nothing), Monday 02-26 (both days: 537.90, 4 orders,
        // 5 items, ticket 134.48), Monday 03-04 (cut to 03-04..03-05, nothing).
        var weeks = await warehouse.GetAsync<TrendAnswer>("/api/analytics/trends?from=2024-02-20&to=2024-03-05&granularity=WEEK");
        Assert.Equal(
        [
            new TrendPoint(new(2024, 2, 20), new(2024, 2, 25), 6, 0m, 0, 0, null),
            new TrendPoint(new(2024, 2, 26), new(2024, 3, 3), 7, 537.90m, 4, 5, 134.48m),
            new TrendPoint(new(2024, 3, 4), new(2024, 3, 5), 2, 0m, 0, 0, null),
        ], weeks.Points);

        // Months, books_general_interest only: orders 13 and 14 in March, 80.00.
        var months = await warehouse.GetAsync<TrendAnswer>("/api/analytics/trends?from=2024-02-01&to=2024-03-31&granularity=month&category=books_general_interest");
        Assert.Equal(
        [
            new TrendPoint(new(2024, 2, 1), new(2024, 2, 29), 29, 0m, 0, 0, null),
            new TrendPoint(new(2024, 3, 1), new(2024, 3, 31), 31, 80.00m, 2, 2, 40.00m),
        ], months.Points);

        var csv = await warehouse.GetCsvAsync($"/api/analytics/trends?{TwoDays}&format=csv");
        Assert.Equal("Start,End,Days,Revenue,Orders,Items,AverageTicket", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("2024-02-29,2024-02-29,1,457.90,2,3,", csv[1]);
    }

    [Fact]
    public async Task Geography_gives_every_region_and_state_with_shares_and_tickets()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_geo");

        var geo = await warehouse.GetAsync<GeographyAnswer>($"/api/analytics/geography?{TwoDays}");
        Assert.Equal((537.90m, 4L), (geo.Revenue, geo.Orders));
        Assert.Equal(27, geo.States.Count);
        Assert.Equal(5, geo.Regions.Count);
        // SP: 258.90 + 40.00 = 298.90, orders 10 and 14, items 3, share 298.90 / 537.90 = 0.5557, ticket 149.45.
        // PE: 199.00 + 40.00 = 239.00, orders 11 and 13, items 2, share 0.4443, ticket 119.50.
        Assert.Equal(new GeographyRow("state", "SP", "São Paulo", "Sudeste", 298.90m, 2, 3, 0.5557m, 149.45m), geo.States[0]);
        Assert.Equal(new GeographyRow("state", "PE", "Pernambuco", "Nordeste", 239.00m, 2, 2, 0.4443m, 119.50m), geo.States[1]);
        Assert.Equal(new GeographyRow("state", "AC", "Acre", "Norte", 0m, 0, 0, 0m, null), geo.States[2]);
        Assert.Equal(
            ["Sudeste 298.90 0.5557", "Nordeste 239.00 0.4443", "Centro-Oeste 0 0.0000", "Norte 0 0.0000", "Sul 0 0.0000"],
            geo.Regions.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Code} {r.Revenue} {r.RevenueShare:0.0000}")));

        // One state: PE alone holds all the revenue of the answer.
        var pe = await warehouse.GetAsync<GeographyAnswer>($"/api/analytics/geography?{TwoDays}&state=PE");
        Assert.Equal(["PE 239.00 1"], pe.States.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Code} {s.Revenue} {s.RevenueShare:0.####}")));
        Assert.Equal(239.00m, pe.Regions.Single().Revenue);

        var csv = await warehouse.GetCsvAsync($"/api/analytics/geography?{TwoDays}&format=csv");
        Assert.Equal("Level,Code,Name,Region,Revenue,Orders,Items,RevenueShare,AverageTicket", csv[0]);
        Assert.Equal(1 + 5 + 27, csv.Length);
        Assert.StartsWith("state,SP,São Paulo,Sudeste,298.90,2,3,", csv[6]);
    }

    [Fact]
    public async Task Delivery_gives_delays_and_on_time_shares_in_total_by_state_and_by_carrier()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_delivery");

        var delivery = await warehouse.GetAsync<DeliveryAnswer>($"/api/analytics/delivery?{TwoDays}");
        // Orders with a delivery record: 10, 11, 13, 14; delivered 10 (7 days, −2), 11 (14 days, +3), 14 (7 days, 0); 13 in transit.
        // On time 2 of 3 = 0.6667; delivery days 28 / 3 = 9.33; delay 1 / 3 = 0.33; lateness of the late order: 3.
        Assert.Equal(new DeliveryRow("total", "all", 4, 3, 1, 2, 1, 0.6667m, 9.33m, 0.33m, 3.00m), delivery.Total);
        Assert.Equal(
        [
            new DeliveryRow("state", "PE", 2, 1, 1, 0, 1, 0m, 14m, 3m, 3m),
            new DeliveryRow("state", "SP", 2, 2, 0, 2, 0, 1m, 7m, -1m, null),
        ], delivery.ByState);
        Assert.Equal(
        [
            new DeliveryRow("carrier", "Correios", 3, 2, 1, 2, 0, 1m, 7m, -1m, null),
            new DeliveryRow("carrier", "Jadlog", 1, 1, 0, 0, 1, 0m, 14m, 3m, 3m),
        ], delivery.ByCarrier);

        var sp = await warehouse.GetAsync<DeliveryAnswer>($"/api/analytics/delivery?{TwoDays}&state=SP");
        Assert.Equal(new DeliveryRow("total", "all", 2, 2, 0, 2, 0, 1m, 7m, -1m, null), sp.Total);

        var csv = await warehouse.GetCsvAsync($"/api/analytics/delivery?{TwoDays}&format=csv");
        Assert.Equal("Dimension,Key,Orders,Delivered,InTransit,OnTime,Late,OnTimeShare,AverageDeliveryDays,AverageDelayDays,AverageLateDays,Name", csv[0]);
        Assert.Equal(["total,all", "state,PE", "state,SP", "carrier,Correios", "carrier,Jadlog", "seller,2", "seller,1"],
            csv.Skip(1).Select(l => string.Join(',', l.Split(',').Take(2))));
    }

    [Fact]
    public async Task Top_products_rank_by_revenue_with_their_share()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_top");

        // Relógio: 199.00 × 2 (orders 10, 11) = 398.00, share 398.00 / 537.90 = 0.7399; Livro: 40.00 × 2 = 80.00 (0.1487);
        // Toalha: 59.90 once (order 12 is canceled) (0.1114).
        var top = await warehouse.GetAsync<TopProductsAnswer>($"/api/analytics/products/top?{TwoDays}");
        Assert.Equal((10, 537.90m), (top.Limit, top.Revenue));
        Assert.Equal(
        [
            new TopProduct(1, 2, "Relógio", "watches_gifts", 398.00m, 2, 2, 0.7399m, 199.00m),
            new TopProduct(2, 3, "Livro", "books_general_interest", 80.00m, 2, 2, 0.1487m, 40.00m),
            new TopProduct(3, 1, "Toalha", "bed_bath_table", 59.90m, 1, 1, 0.1114m, 59.90m),
        ], top.Products);

        var two = await warehouse.GetAsync<TopProductsAnswer>($"/api/analytics/products/top?{TwoDays}&limit=2");
        Assert.Equal([2L, 3L], two.Products.Select(p => p.ProductKey));

        // In SP: Relógio 199.00 (order 10), Toalha 59.90, Livro 40.00 (order 14) of 298.90.
        var sp = await warehouse.GetAsync<TopProductsAnswer>($"/api/analytics/products/top?{TwoDays}&state=SP");
        Assert.Equal(["2 199.00", "1 59.90", "3 40.00"], sp.Products.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.ProductKey} {p.Revenue}")));

        var csv = await warehouse.GetCsvAsync($"/api/analytics/products/top?{TwoDays}&limit=1&format=csv");
        Assert.Equal("Rank,ProductKey,Name,Category,Revenue,Items,Orders,RevenueShare,AveragePrice", csv[0]);
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("1,2,Relógio,watches_gifts,398.00,2,2,0.7399,", csv[1]);
    }

    [Fact]
    public async Task Categories_are_those_of_the_warehouse_products()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_categories");

        var answer = await warehouse.GetAsync<CategoriesAnswer>("/api/analytics/categories");
        Assert.Equal(
        [
            new ProductCategory("bed_bath_table", 1), new ProductCategory("books_general_interest", 1), new ProductCategory("watches_gifts", 1),
        ], answer.Categories);

        var csv = await warehouse.GetCsvAsync("/api/analytics/categories?format=csv");
        Assert.Equal(["Category,Products", "bed_bath_table,1", "books_general_interest,1", "watches_gifts,1"], csv);
        var refused = await warehouse.Client.GetAsync("/api/analytics/categories?limit=3");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
