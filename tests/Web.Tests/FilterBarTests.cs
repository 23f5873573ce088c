using Ecom.Aspire.Web.Components.Analytics;
using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests;

public sealed class FilterBarTests
{
    private static (BunitContext Context, NavigationManager Navigation) Start(string url)
    {
        var ctx = StubApi.Routes(("api/analytics/categories", """
            {"categories":[{"category":"bed_bath_table","products":12},{"category":"watches_gifts","products":3}],"computedAt":"2026-01-01T00:00:00Z"}
            """)).CreateContext();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(url);
        return (ctx, navigation);
    }

    [Fact]
    public async Task Shows_the_filter_of_the_URL()
    {
        var (ctx, navigation) = Start("/finance?from=2024-01-01&to=2024-01-31&state=SP&category=bed_bath_table");
        await using var _ = ctx;

        var bar = ctx.Render<FilterBar>(p => p.Add(b => b.Filter, DashboardFilter.FromUri(navigation.Uri)));

        var inputs = bar.FindAll("input").Select(i => i.GetAttribute("value")).ToList();
        Assert.Contains("01/01/2024", inputs);
        Assert.Contains("31/01/2024", inputs);
        Assert.Contains("SP", inputs);
        Assert.Contains("bed_bath_table", inputs);
        Assert.Equal("01/01/2024 – 31/01/2024 · São Paulo · bed_bath_table", bar.Find("[data-testid=filter-summary]").TextContent);
    }

    [Fact]
    public async Task Apply_writes_the_edited_filter_to_the_URL()
    {
        var (ctx, navigation) = Start("/geography?from=2024-01-01");
        await using var _ = ctx;
        var bar = ctx.Render<FilterBar>(p => p.Add(b => b.Filter, DashboardFilter.FromUri(navigation.Uri)));

        var inputs = bar.FindAll(".mud-picker input");
        inputs[0].Change("01/02/2024");
        bar.FindAll(".mud-picker input")[1].Change("29/02/2024");
        await bar.InvokeAsync(() => bar.Instance.Edit(bar.Instance.Edited.From, bar.Instance.Edited.To, "RJ", "watches_gifts"));
        bar.Find("[data-testid=filter-apply] ").Click();

        Assert.Equal("http://localhost/geography?from=2024-02-01&to=2024-02-29&state=RJ&category=watches_gifts", navigation.Uri);
        Assert.Equal(new DashboardFilter(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), "RJ", "watches_gifts"), DashboardFilter.FromUri(navigation.Uri));
    }

    [Fact]
    public async Task A_start_after_the_end_is_refused_and_the_URL_stays()
    {
        var (ctx, navigation) = Start("/finance?state=SP");
        await using var _ = ctx;
        var bar = ctx.Render<FilterBar>(p => p.Add(b => b.Filter, DashboardFilter.FromUri(navigation.Uri)));

        bar.FindAll(".mud-picker input")[0].Change("10/03/2024");
        bar.FindAll(".mud-picker input")[1].Change("01/03/2024");
        bar.Find("[data-testid=filter-apply]").Click();

        Assert.Equal("The start date (10/03/2024) is after the end date (01/03/2024).", bar.Find("[data-testid=filter-problem]").TextContent);
        Assert.Equal("http://localhost/finance?state=SP", navigation.Uri);
    }

    [Fact]
    public async Task Reset_clears_the_filter_from_the_URL()
    {
        var (ctx, navigation) = Start("/delivery?from=2024-01-01&state=BA");
        await using var _ = ctx;
        var bar = ctx.Render<FilterBar>(p => p.Add(b => b.Filter, DashboardFilter.FromUri(navigation.Uri)));

        bar.Find("[data-testid=filter-reset]").Click();

        Assert.Equal("http://localhost/delivery", navigation.Uri);
    }

    [Fact]
    public async Task Offers_the_27_states_and_the_categories_of_the_Api()
    {
        var (ctx, _) = Start("/finance");
        await using var __ = ctx;
        var client = ctx.Services.GetRequiredService<EcomApiClient>();

        var categories = await client.GetCategoriesAsync();

        Assert.Equal(27, BrazilStates.Codes.Count);
        Assert.Equal(["bed_bath_table", "watches_gifts"], categories);
    }
}
