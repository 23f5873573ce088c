using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests;

public sealed class DashboardFilterTests
{
    [Fact]
    public void Reads_the_query_string_and_drops_what_it_cannot_read()
    {
        var filter = DashboardFilter.FromUri("http://web/finance?from=2024-01-01&to=2024-01-31&state=sp&category=bed_bath_table");
        Assert.Equal(new DashboardFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), "SP", "bed_bath_table"), filter);

        var bad = DashboardFilter.FromUri("http://web/finance?from=31/01/2024&to=2024-02-30&state=XX&category=");
        Assert.Equal(DashboardFilter.None, bad);
    }

    [Fact]
    public void Writes_the_Api_query_leaving_out_what_an_answer_has_not()
    {
        var filter = new DashboardFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), "SP", "cool stuff");
        Assert.Equal("from=2024-01-01&to=2024-01-31&state=SP&category=cool%20stuff", filter.ApiQuery());
        Assert.Equal("from=2024-01-01&to=2024-01-31&state=SP", filter.ApiQuery(withCategory: false));
        Assert.Equal("from=2024-01-01&to=2024-01-31", filter.ApiQuery(withCategory: false, withState: false));
        Assert.Equal("", DashboardFilter.None.ApiQuery());
    }

    [Fact]
    public void Knows_the_periods_length_when_both_ends_or_neither_are_set()
    {
        Assert.Equal(DashboardFilter.DefaultDays, DashboardFilter.None.KnownDays);
        Assert.Equal(31, new DashboardFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), "SP", null).KnownDays);
        Assert.Equal(1, new DashboardFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1), null, null).KnownDays);
        Assert.Null(new DashboardFilter(new DateOnly(2024, 1, 1), null, null, null).KnownDays);
        Assert.Null(new DashboardFilter(null, new DateOnly(2024, 1, 1), null, null).KnownDays);
        Assert.Null(new DashboardFilter(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1), null, null).KnownDays);
    }

    [Fact]
    public void A_start_after_the_end_is_a_problem()
    {
        Assert.Null(new DashboardFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1), null, null).Problem);
        Assert.Equal("The start date (02/01/2024) is after the end date (01/01/2024).",
            new DashboardFilter(new DateOnly(2024, 1, 2), new DateOnly(2024, 1, 1), null, null).Problem);
    }

    [Fact]
    public async Task Puts_itself_in_the_current_pages_URL_and_keeps_other_query_values()
    {
        await using var ctx = StubApi.Json("{}").CreateContext();
        var navigation = ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/geography?from=2023-01-01&tab=map");

        var uri = new DashboardFilter(new DateOnly(2024, 3, 1), null, "RJ", null).UriOn(navigation);

        Assert.Equal("http://localhost/geography?from=2024-03-01&tab=map&state=RJ", uri);
    }
}
