using Ecom.Aspire.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests;

/// <summary>Each analytics page shows the Api's figures in pt-BR formats, says when there is nothing, and says when the Api fails.</summary>
public sealed class AnalyticsPagesTests
{
    private static BunitContext Context(StubApi api, string url)
    {
        var ctx = api.CreateContext();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return ctx;
    }

    /// <summary>The Overview page's answers: a small overview, quiet live figures, and the given finance and trends.</summary>
    private static StubApi OverviewApi(string finance, string trends) => StubApi.Routes(
        ("api/overview", """{"tables":[],"orders":5,"firstOrderAt":null,"lastOrderAt":null,"runs":1,"computedAt":"2026-01-01T12:00:00Z"}"""),
        ("api/kpis/live", StubApi.LiveJson()),
        ("api/analytics/finance", finance),
        ("api/analytics/trends", trends));

    [Fact]
    public async Task Finance_compares_the_period_with_the_previous_one_and_asks_with_the_URLs_filter()
    {
        var api = StubApi.Routes(("api/analytics/finance", AnalyticsJson.Finance(revenue: 12345.67m, previousRevenue: 10000m, orders: 100, previousOrders: 80)));
        await using var ctx = Context(api, "/finance?from=2024-01-01&to=2024-01-31&state=SP");

        var page = ctx.Render<Finance>();

        page.WaitForAssertion(() => Assert.Contains("R$ 12.345,67", page.Find("[data-testid=tile-revenue] [data-testid=value]").TextContent.Replace('\u00a0', ' ')));
        Assert.Equal("+23,5 %", page.Find("[data-testid=tile-revenue] [data-testid=change]").TextContent);
        Assert.Equal("+25,0 %", page.Find("[data-testid=tile-orders] [data-testid=change]").TextContent);
        Assert.Contains("R$ 123,46", page.Find("[data-testid=tile-ticket]").TextContent.Replace('\u00a0', ' '));
        Assert.Contains("40,0 %", page.Find("[data-testid=pnl-table] tr[data-measure=gross_margin]").TextContent);
        Assert.Contains("01/01/2024 – 31/01/2024 compared with 01/12/2023 – 31/12/2023", page.Find("[data-testid=pnl]").TextContent);
        Assert.Equal("/export/analytics/finance?from=2024-01-01&to=2024-01-31&state=SP", page.Find("[data-testid=pnl] a[data-testid=csv]").GetAttribute("href"));
        Assert.Contains("R$ 3,50 per order", page.Find("[data-testid=assumptions]").TextContent.Replace('\u00a0', ' '));
        Assert.Equal(["/api/analytics/finance?from=2024-01-01&to=2024-01-31&state=SP"], api.Requests);
    }

    [Fact]
    public async Task Finance_without_sales_says_to_start_a_simulation()
    {
        await using var ctx = Context(StubApi.Routes(("api/analytics/finance", AnalyticsJson.Finance(0, 0, 0, 0))), "/finance");

        var page = ctx.Render<Finance>();

        page.WaitForAssertion(() => Assert.Contains("start a simulation", page.Find("[data-testid=empty]").TextContent));
    }

    [Fact]
    public async Task Finance_shows_an_unreachable_Api_with_a_retry_and_a_refused_filter_with_the_Apis_reason()
    {
        await using (var ctx = Context(StubApi.Unreachable(), "/finance"))
        {
            var page = ctx.Render<Finance>();
            page.WaitForAssertion(() => Assert.Contains("The Api could not be reached: Connection refused", page.Find("[data-testid=api-error]").TextContent));
            Assert.Single(page.FindAll("[data-testid=retry]"));
        }
        await using (var ctx = Context(StubApi.Refusing("category", "category 'xyz' is not the category of any product in the warehouse."), "/finance?category=xyz"))
        {
            var page = ctx.Render<Finance>();
            page.WaitForAssertion(() => Assert.Contains("category 'xyz' is not the category of any product", page.Find("[data-testid=api-refused]").TextContent));
        }
    }

    [Fact]
    public async Task Overview_adds_the_period_comparison_and_the_trend()
    {
        var api = OverviewApi(AnalyticsJson.Finance(revenue: 2000m, previousRevenue: 2500m),
            AnalyticsJson.Trends(("2024-01-01", 1500m, 10), ("2024-01-02", 500.5m, 4)));
        await using var ctx = Context(api, "/?state=RJ");

        var page = ctx.Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("R$ 2.000,50 in 14 orders over 2 days", page.Find("[data-testid=trend-total]").TextContent.Replace('\u00a0', ' ')));
        Assert.Equal("−20,0 %", page.Find("[data-testid=cmp-revenue] [data-testid=change]").TextContent);
        Assert.Contains("/api/analytics/trends?state=RJ&granularity=day", api.Requests);
        // MudBlazor's charts: one revenue line through the 2 points, and 2 order bars, with axis titles.
        Assert.Single(page.FindAll("[data-testid=trend] path.mud-chart-serie.mud-chart-line"));
        Assert.Equal(2, page.FindAll("[data-testid=trend] path.mud-chart-bar:not(.mud-ltr)").Count);
        Assert.Contains("Revenue (R$)", page.Find("[data-testid=trend]").TextContent);
    }

    [Theory]
    [InlineData("/", "granularity=day")]
    [InlineData("/?from=2024-01-01&to=2024-06-30", "from=2024-01-01&to=2024-06-30&granularity=week")]
    [InlineData("/?from=2020-01-01&to=2024-01-01", "from=2020-01-01&to=2024-01-01&granularity=month")]
    // One end alone: the length is the finance answer's period (31 days).
    [InlineData("/?from=2021-01-01", "from=2021-01-01&granularity=day")]
    public async Task Overview_chooses_the_trends_granularity_by_the_length_of_the_period(string url, string trendsQuery)
    {
        var api = OverviewApi(AnalyticsJson.Finance(), AnalyticsJson.Trends(("2024-01-01", 1500m, 10)));
        await using var ctx = Context(api, url);

        var page = ctx.Render<Overview>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=trend-total]")));
        Assert.Equal(["/api/analytics/trends?" + trendsQuery], api.Requests.Where(r => r.StartsWith("/api/analytics/trends")));
    }

    [Fact]
    public async Task Geography_colours_the_map_lists_regions_and_states_and_a_click_filters_by_the_state()
    {
        var api = StubApi.Routes(("api/analytics/geography", AnalyticsJson.Geography()));
        await using var ctx = Context(api, "/geography?from=2024-01-01&to=2024-01-31");
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();

        var page = ctx.Render<Geography>();

        page.WaitForAssertion(() => Assert.Equal(27, page.FindAll("[data-testid=choropleth] path[data-uf]").Count));
        // Revenue 600 / 300 / 100, ranked 2 / 1 / 0: classes round(rank × 4 / 2) = 4, 2, 0; no sales: grey.
        Assert.Equal("#006d2c", page.Find("path[data-uf=SP]").GetAttribute("fill"));
        Assert.Equal("#74c476", page.Find("path[data-uf=RJ]").GetAttribute("fill"));
        Assert.Equal("#edf8e9", page.Find("path[data-uf=MG]").GetAttribute("fill"));
        Assert.Equal("#e0e0e0", page.Find("path[data-uf=AC]").GetAttribute("fill"));
        Assert.Contains("Sudeste", page.Find("[data-testid=regions-table]").TextContent);
        Assert.Contains("R$ 600,00", page.Find("[data-testid=states-table]").TextContent.Replace('\u00a0', ' '));
        Assert.Equal(27, page.FindAll("[data-testid=states-table] tbody tr").Count);

        page.Find("path[data-uf=RJ]").Click();

        Assert.Equal("http://localhost/geography?from=2024-01-01&to=2024-01-31&state=RJ", navigation.Uri);
    }

    [Fact]
    public async Task Geography_without_sales_is_empty_and_an_unreachable_Api_an_error()
    {
        var empty = AnalyticsJson.Geography().Replace("\"revenue\":1000,\"orders\":11,", "\"revenue\":0,\"orders\":0,");
        await using (var ctx = Context(StubApi.Routes(("api/analytics/geography", empty)), "/geography"))
        {
            var page = ctx.Render<Geography>();
            page.WaitForAssertion(() => Assert.Contains("start a simulation", page.Find("[data-testid=empty]").TextContent));
        }
        await using (var ctx = Context(StubApi.Unreachable(), "/geography"))
        {
            var page = ctx.Render<Geography>();
            page.WaitForAssertion(() => Assert.Contains("could not be reached", page.Find("[data-testid=api-error]").TextContent));
        }
    }

    [Fact]
    public async Task Delivery_shows_totals_carriers_states_and_the_seller_ranking_without_the_category()
    {
        var api = StubApi.Routes(("api/analytics/delivery", AnalyticsJson.Delivery(120)), ("api/analytics/sellers/ranking", AnalyticsJson.Sellers));
        await using var ctx = Context(api, "/delivery?state=SP&category=watches_gifts");

        var page = ctx.Render<Delivery>();

        page.WaitForAssertion(() => Assert.Contains("92,0 %", page.Find("[data-testid=tile-on-time]").TextContent));
        Assert.Contains("20", page.Find("[data-testid=tile-in-transit]").TextContent);
        Assert.Contains("-3,3 d", page.Find("[data-testid=tile-delay]").TextContent);
        Assert.Contains("Correios", page.Find("[data-testid=carriers-table]").TextContent);
        Assert.Contains("Loja Atrasada", page.Find("[data-testid=delivery-sellers-table]").TextContent);
        Assert.Contains("Loja Boa Vista", page.Find("[data-testid=sellers-table]").TextContent);
        Assert.Contains("87,5", page.Find("[data-testid=sellers-table]").TextContent);
        Assert.Contains("does not apply here", page.Find("[data-testid=filter-note]").TextContent);
        Assert.Contains("/api/analytics/delivery?state=SP", api.Requests);
        Assert.Contains("/api/analytics/sellers/ranking?state=SP&limit=50", api.Requests);
    }

    [Fact]
    public async Task Delivery_without_orders_is_empty_and_a_missing_ranking_does_not_blank_the_page()
    {
        await using var ctx = Context(StubApi.Routes(("api/analytics/delivery", AnalyticsJson.Delivery(0))), "/delivery");

        var page = ctx.Render<Delivery>();

        page.WaitForAssertion(() => Assert.Contains("start a simulation", page.Find("[data-testid=empty]").TextContent));
        Assert.Contains("could not be reached", page.Find("[data-testid=sellers] [data-testid=api-error]").TextContent);
    }

    [Fact]
    public async Task Products_show_the_top_products_the_lifecycle_with_its_reasons_and_the_pairs_with_lift()
    {
        var api = StubApi.Routes(
            ("api/analytics/products/top", AnalyticsJson.TopProducts(2)),
            ("api/analytics/products/lifecycle", AnalyticsJson.Lifecycle),
            ("api/analytics/products/cross-sell", AnalyticsJson.CrossSell));
        await using var ctx = Context(api, "/products?from=2024-01-01&to=2024-01-31&category=watches_gifts");

        var page = ctx.Render<Products>();

        page.WaitForAssertion(() => Assert.Contains("Produto 1", page.Find("[data-testid=top-table]").TextContent));
        Assert.Contains("R$ 600,00", page.Find("[data-testid=top-table]").TextContent.Replace('\u00a0', ' '));
        Assert.Contains("prior revenue = 0 or growth rate >= 0.20", page.Find("[data-testid=stages-table] tr[data-stage=Growth]").TextContent);
        Assert.Contains("50,0 %", page.Find("[data-testid=stages-table] tr[data-stage=Growth]").TextContent);
        Assert.Contains("Toalha Verde", page.Find("[data-testid=lifecycle-table]").TextContent);
        Assert.Contains("-67 %", page.Find("[data-testid=lifecycle-table]").TextContent);
        Assert.Contains("novembro 2025", page.Find("[data-testid=lifecycle]").TextContent);
        Assert.Contains("4,00", page.Find("[data-testid=cross-sell-table]").TextContent);
        Assert.Contains("40,0 %", page.Find("[data-testid=cross-sell-table]").TextContent);
        Assert.Contains("/api/analytics/products/top?from=2024-01-01&to=2024-01-31&category=watches_gifts&limit=50", api.Requests);
        Assert.Contains("/api/analytics/products/lifecycle?category=watches_gifts&limit=500", api.Requests);
        Assert.Contains("/api/analytics/products/cross-sell?from=2024-01-01&to=2024-01-31&level=category&limit=20", api.Requests);

        page.Find("[data-testid=stages-table] tr[data-stage=Decline]").Click();

        Assert.DoesNotContain("Relógio Azul", page.Find("[data-testid=lifecycle-table]").TextContent);
        Assert.Contains("Toalha Verde", page.Find("[data-testid=lifecycle-table]").TextContent);
    }

    [Fact]
    public async Task Products_without_sales_are_empty()
    {
        var api = StubApi.Routes(
            ("api/analytics/products/top", AnalyticsJson.TopProducts(0)),
            ("api/analytics/products/lifecycle", AnalyticsJson.Lifecycle.Replace("\"products\":1,", "\"products\":0,").Replace("\"products\":2,", "\"products\":0,")),
            ("api/analytics/products/cross-sell", AnalyticsJson.CrossSell));
        await using var ctx = Context(api, "/products");

        var page = ctx.Render<Products>();

        page.WaitForAssertion(() => Assert.Contains("start a simulation", page.Find("[data-testid=top] [data-testid=empty]").TextContent));
        Assert.Contains("No product has been classified yet", page.Find("[data-testid=lifecycle] [data-testid=empty]").TextContent);
    }

    [Fact]
    public async Task Customers_show_the_segments_the_cohort_heatmap_and_lifetime_value()
    {
        var api = StubApi.Routes(
            ("api/analytics/customers/rfm", AnalyticsJson.Rfm),
            ("api/analytics/customers/cohorts", AnalyticsJson.Cohorts),
            ("api/analytics/customers/clv", AnalyticsJson.Clv));
        await using var ctx = Context(api, "/customers?from=2024-01-01&to=2024-12-31&state=PE&category=toys");

        var page = ctx.Render<Customers>();

        page.WaitForAssertion(() => Assert.Contains("VIP", page.Find("[data-testid=rfm-table]").TextContent));
        Assert.Contains("R$ 45.000,00", page.Find("[data-testid=rfm-table]").TextContent.Replace('\u00a0', ' '));
        Assert.Contains("R$ 50,00 · R$ 100,00 · R$ 150,00 · R$ 300,00", page.Find("[data-testid=rfm-thresholds]").TextContent.Replace('\u00a0', ' '));
        Assert.Equal("10,0 %", page.Find("[data-testid=heatmap] tr[data-cohort='2024-01'] td[data-k='1']").TextContent);
        Assert.Contains("R$ 400,00", page.Find("[data-testid=clv-average]").TextContent.Replace('\u00a0', ' '));
        Assert.Contains("Recife/PE", page.Find("[data-testid=clv-top]").TextContent);
        Assert.Contains("/api/analytics/customers/rfm?from=2024-01-01&to=2024-12-31&state=PE&category=toys", api.Requests);
        Assert.Contains("/api/analytics/customers/cohorts?from=2024-01-01&to=2024-12-31&state=PE", api.Requests);
        Assert.Contains("/api/analytics/customers/clv?state=PE&limit=10", api.Requests);
    }

    [Fact]
    public async Task Customers_without_dates_ask_for_the_latest_12_months()
    {
        var api = StubApi.Routes(
            ("api/analytics/customers/rfm", AnalyticsJson.Rfm),
            ("api/analytics/customers/cohorts", AnalyticsJson.Cohorts),
            ("api/analytics/customers/clv", AnalyticsJson.Clv));
        await using var ctx = Context(api, "/customers");

        var page = ctx.Render<Customers>();

        // The default answer ends on 2024-03-31: the 12 months are April 2023 to March 2024.
        page.WaitForAssertion(() => Assert.Contains("/api/analytics/customers/rfm?from=2023-04-01&to=2024-03-31", api.Requests));
        Assert.Contains("12 months ending on the latest day with sales", page.Find("[data-testid=filter-note]").TextContent);
    }

    [Fact]
    public async Task Customers_without_customers_are_empty_and_errors_stay_in_their_panel()
    {
        var api = StubApi.Routes(
            ("api/analytics/customers/rfm", AnalyticsJson.Rfm.Replace("\"customers\":1000,", "\"customers\":0,")),
            ("api/analytics/customers/cohorts", AnalyticsJson.Cohorts));
        await using var ctx = Context(api, "/customers?from=2024-01-01&to=2024-12-31");

        var page = ctx.Render<Customers>();

        page.WaitForAssertion(() => Assert.Contains("start a simulation", page.Find("[data-testid=rfm] [data-testid=empty]").TextContent));
        Assert.Contains("could not be reached", page.Find("[data-testid=clv] [data-testid=api-error]").TextContent);
        Assert.Single(page.FindAll("[data-testid=heatmap]"));
    }
}
