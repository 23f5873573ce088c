using System.Net;
using Ecom.Aspire.Web.Components.Pages.Browse;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests.Browse;

public sealed class DataBrowserTests
{
    private const string Customers = """
        {"items":[{"id":17,"name":"Maria Souza","email":"maria@example.com.br","city":"Campinas","state":"SP","persona":"loyal","signupAt":"2024-02-03T15:00:00Z"},
                  {"id":18,"name":"João Lima","email":null,"city":"Recife","state":"PE","persona":"regular","signupAt":"2024-02-04T15:00:00Z"}],
         "total":12345,"page":1,"pageSize":25,"hasMore":true}
        """;

    [Fact]
    public async Task The_customers_tab_shows_the_page_and_the_total_and_searches_on_the_server()
    {
        var api = new StubApi(request => BrowseClients.Json(request.RequestUri!.AbsolutePath == "/api/browse/customers"
            ? Customers : """{"items":[],"total":0,"page":1,"pageSize":25,"hasMore":false}"""));
        await using var ctx = api.CreateContextWithClients();

        var page = ctx.Render<DataBrowser>();

        page.WaitForAssertion(() => Assert.Contains("12.345 customers", page.Find("[data-testid=customers-total]").TextContent));
        var table = page.Find("[data-testid=customers-table]").TextContent;
        Assert.Contains("Maria Souza", table);
        Assert.Contains("03/02/2024", table);
        Assert.Equal("browse/customers/17", page.FindAll("[data-testid=customers-table] a")[0].GetAttribute("href"));
        Assert.Contains("/api/browse/customers?page=1&pageSize=25", api.Requests);

        page.Find("[data-testid=customers-search] input").Input("Mar ia");
        page.WaitForAssertion(() => Assert.Contains("/api/browse/customers?page=1&pageSize=25&q=Mar%20ia", api.Requests), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_refused_query_shows_the_Apis_reason()
    {
        var api = new StubApi(_ => BrowseClients.Json("""{"title":"Invalid query parameter","status":400,"errors":{"q":["q must be at most 100 characters (got 120)."]}}""",
            HttpStatusCode.BadRequest));
        await using var ctx = api.CreateContextWithClients();

        var page = ctx.Render<DataBrowser>();

        page.WaitForAssertion(() => Assert.Contains("q must be at most 100 characters", page.Find("[data-testid=browse-problem]").TextContent));
    }

    [Fact]
    public async Task The_tab_in_the_address_opens_first()
    {
        var api = StubApi.Routes(("api/browse/orders", """
            {"items":[{"id":901,"purchasedAt":"2024-11-29T13:00:00Z","customerId":17,"customerName":"Maria Souza","status":"delivered",
              "shipCity":"Campinas","shipState":"SP","itemCount":2,"total":1234.5}],"total":1,"page":1,"pageSize":25,"hasMore":false}
            """));
        await using var ctx = api.CreateContextWithClients();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/browse?tab=orders");

        var page = ctx.Render<DataBrowser>();

        page.WaitForAssertion(() => Assert.Contains("R$ 1.234,50", page.Find("[data-testid=orders-table]").TextContent.Replace('\u00a0', ' ')));
        Assert.Contains("1 orders", page.Find("[data-testid=orders-total]").TextContent);
    }
}
