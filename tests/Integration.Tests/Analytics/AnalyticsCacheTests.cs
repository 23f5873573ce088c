using Dapper;
using Ecom.Aspire.Api.Apis;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>Analytics answers are served from the output cache until an ETL load moves the warehouse version.</summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsCacheTests(ServersFixture servers)
{
    private const string Url = "/api/analytics/finance?from=2024-02-29&to=2024-03-01";

    [Fact]
    public async Task A_second_call_is_served_from_the_cache_and_an_ETL_load_that_changes_data_refreshes_it()
    {
        // The periodic check is slowed down so that the test decides when the version is checked.
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_cache",
            new Dictionary<string, string> { [AnalyticsCache.CheckSecondsSetting] = "3600" });
        var invalidator = warehouse.Api.Services.GetRequiredService<AnalyticsCacheInvalidator>();
        await invalidator.CheckAsync(CancellationToken.None);
        Assert.False(await invalidator.CheckAsync(CancellationToken.None));

        var first = await warehouse.Client.GetAsync(Url);
        var firstAnswer = await warehouse.GetAsync<FinanceAnswer>(Url);
        var second = await warehouse.Client.GetAsync(Url);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(537.90m, firstAnswer.Current.Revenue);

        // Order 10 is returned (as live mode records it): until the ETL loads it, the warehouse and the answer stay as they were.
        await using var connection = new NpgsqlConnection(warehouse.Database);
        await connection.ExecuteAsync(WarehouseShop.Changes.Single(c => c.What.Contains("returned", StringComparison.Ordinal)).Sql);
        Assert.False(await invalidator.CheckAsync(CancellationToken.None));
        var beforeLoad = await warehouse.GetAsync<FinanceAnswer>(Url);
        Assert.Equal(firstAnswer.ComputedAt, beforeLoad.ComputedAt);

        await using (var dataSource = NpgsqlDataSource.Create(warehouse.Database))
        {
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        }
        Assert.True(await invalidator.CheckAsync(CancellationToken.None));

        // Order 10 (258.90 of items, credit card) no longer counts: revenue 199.00 + 40.00 + 40.00 = 279.00, refunds 258.90,
        // COGS 120.00 (order 11), fees unchanged (the processor keeps them on a refund) 14.7505, net 159.00 − 14.7505 = 144.25.
        var fresh = await warehouse.Client.GetAsync(Url);
        Assert.Null(fresh.Headers.Age);
        var after = await warehouse.GetAsync<FinanceAnswer>(Url);
        var f = after.Current;
        Assert.Equal((537.90m, 258.90m, 279.00m, 120.00m, 159.00m, 14.75m, 144.25m, 3L, 1L),
            (f.GrossSales, f.Refunds, f.Revenue, f.Cogs, f.GrossProfit, f.PaymentFees, f.NetProfit, f.Orders, f.ReturnedOrders));
    }
}
