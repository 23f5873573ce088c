using Bunit;
using Ecom.Aspire.Web.Components.Pages;
using Ecom.Aspire.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ecom.Aspire.Integration.Tests.Foundation;

/// <summary>The Web's Overview page, rendered with bUnit, reading the real Api, which reads a real PostgreSQL.</summary>
[Collection(ServersCollection.Name)]
public sealed class WebOverviewRoundTripTests(ServersFixture servers)
{
    [Fact]
    public async Task Overview_page_shows_what_the_Api_reads_from_the_database()
    {
        var db = await servers.NewMigratedDatabaseAsync("web_overview");
        await SmallShop.SeedAsync(db);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        await using var web = new BunitContext();
        web.JSInterop.Mode = JSRuntimeMode.Loose;
        web.Services.AddMudServices();
        web.Services.AddSingleton(new EcomApiClient(api.CreateClient()));

        var page = web.Render<Overview>();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("3", page.Find("[data-testid=tile-orders]").TextContent);
            Assert.Contains("2", page.Find("[data-testid=tile-customers]").TextContent);
            // 2024-01-03T12:00Z is 09:00 in São Paulo, shown in pt-BR format.
            Assert.Contains("03/01/2024 09:00", page.Find("[data-testid=tile-first-order]").TextContent);
        }, TimeSpan.FromSeconds(10));
        Assert.Contains("order_items", page.Find("[data-testid=table-counts]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=database-empty]"));
    }
}
