using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.Integration.Tests.Simulation;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>
/// The warehouse of a simulated marketplace, loaded the way the recurring job meets it: while the history is being
/// written, month chunks landing in any order, one of them re-run. The incremental warehouse must equal a rebuild
/// from scratch, and both must agree with SQL over the shop itself.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SimulatedWarehouseTests(ServersFixture servers)
{
    [Fact]
    public async Task Loads_during_a_simulation_equal_a_rebuild_and_the_shop_itself()
    {
        var db = await servers.NewMigratedDatabaseAsync("dw_simulated");
        await using var dataSource = NpgsqlDataSource.Create(db);
        // Up to now, so that the last weeks hold orders still processing, invoiced or shipped.
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var parameters = (SimulationParameters.Default(today) with
        {
            From = new DateOnly(today.Year, today.Month, 1).AddMonths(-4), To = today, Customers = 1_500, Seed = 23,
        }).Resolve(now);
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, CancellationToken.None);
        var runner = SimulatedDatabase.Runner(dataSource);
        var etl = WarehouseShop.Etl(dataSource);
        var chunks = await SimulationRunStore.UnfinishedChunksAsync(dataSource, runId, CancellationToken.None);
        var months = chunks.Where(c => c != ChunkSpec.WorldChunkNo).ToList();
        Assert.True(months.Count >= 5, $"{months.Count} month chunks");

        var empty = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Full, 0), (empty.Mode, empty.Days));
        await using var connection = new NpgsqlConnection(db);
        // The world (customers, sellers, products) lands first: the dimensions take it before any order arrives.
        await runner.RunAsync(runId, ChunkSpec.WorldChunkNo, CancellationToken.None);
        var world = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Incremental, 0), (world.Mode, world.Days));
        foreach (var (dimension, table) in new[] { ("dw.dim_customer", "shop.customers"), ("dw.dim_product", "shop.products"), ("dw.dim_seller", "shop.sellers") })
        {
            var count = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            Assert.True(count > 0 && count == await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {dimension}"), $"{dimension} holds {table}");
        }
        // The newest months first, then the older ones (history chunks run in parallel and finish in any order).
        foreach (var chunk in months.TakeLast(2)) await runner.RunAsync(runId, chunk, CancellationToken.None);
        var newest = await etl.RunAsync(CancellationToken.None);
        Assert.Equal(EtlMode.Incremental, newest.Mode);
        Assert.True(newest.Rows > 0);
        foreach (var chunk in months.SkipLast(2).Reverse()) await runner.RunAsync(runId, chunk, CancellationToken.None);
        Assert.True((await etl.RunAsync(CancellationToken.None)).Rows > 0);
        // A chunk re-run replaces its rows; its days are reloaded.
        await runner.RunAsync(runId, months[1], CancellationToken.None);
        Assert.True((await etl.RunAsync(CancellationToken.None)).Days >= 28);
        Assert.Equal(0, (await etl.RunAsync(CancellationToken.None)).Days);

        var revenueStatuses = OrderStatuses.RevenueBearing.ToArray();
        var shop = await connection.QuerySingleAsync<(long Items, long Orders, decimal Revenue, long RevenueOrders, long RevenueItems)>("""
            SELECT count(*), count(DISTINCT o.id),
                   coalesce(sum(i.price) FILTER (WHERE o.status = ANY(@revenueStatuses)), 0),
                   count(DISTINCT o.id) FILTER (WHERE o.status = ANY(@revenueStatuses)),
                   count(*) FILTER (WHERE o.status = ANY(@revenueStatuses))
            FROM shop.orders o JOIN shop.order_items i ON i.order_id = o.id
            """, new { revenueStatuses });
        Assert.True(shop.Orders > 1_000, $"{shop.Orders} orders simulated");
        var openOrders = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM shop.orders WHERE status IN ('processing', 'invoiced', 'shipped')");
        Assert.True(openOrders > 0, "some orders are still on their way");

        Assert.Equal(shop, await connection.QuerySingleAsync<(long, long, decimal, long, long)>("""
            SELECT count(*), count(DISTINCT order_id), sum(revenue), count(DISTINCT order_id) FILTER (WHERE is_revenue), count(*) FILTER (WHERE is_revenue)
            FROM dw.fact_sales
            """));
        Assert.Equal((shop.Orders, shop.Revenue, shop.RevenueOrders, shop.RevenueItems), await connection.QuerySingleAsync<(long, decimal, long, long)>(
            "SELECT sum(orders), sum(revenue), sum(revenue_orders), sum(items) FROM dw.agg_daily_orders"));
        Assert.Equal(shop.Revenue, await connection.ExecuteScalarAsync<decimal>("SELECT sum(revenue) FROM dw.agg_daily_sales"));
        Assert.Equal(shop.Revenue, await connection.ExecuteScalarAsync<decimal>("SELECT sum(lifetime_revenue) FROM dw.dim_customer"));
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.customers"),
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM dw.dim_customer"));

        // Revenue per business day, straight from the shop.
        var shopDays = (await connection.QueryAsync<(DateTime Day, decimal Revenue)>("""
            SELECT (o.purchased_at AT TIME ZONE 'America/Sao_Paulo')::date, sum(i.price)
            FROM shop.orders o JOIN shop.order_items i ON i.order_id = o.id
            WHERE o.status = ANY(@revenueStatuses) GROUP BY 1 ORDER BY 1
            """, new { revenueStatuses })).ToList();
        var warehouseDays = (await connection.QueryAsync<(DateTime Day, decimal Revenue)>(
            "SELECT date_key, sum(revenue) FROM dw.agg_daily_orders GROUP BY 1 HAVING sum(revenue) > 0 ORDER BY 1")).ToList();
        Assert.Equal(shopDays, warehouseDays);

        // Delivery: delivered orders and those delivered on or before the promised São Paulo day.
        var shopDelivery = await connection.QuerySingleAsync<(long Delivered, long OnTime)>("""
            SELECT count(*), count(*) FILTER (WHERE (delivered_at AT TIME ZONE 'America/Sao_Paulo')::date <= (promised_at AT TIME ZONE 'America/Sao_Paulo')::date)
            FROM shop.deliveries WHERE delivered_at IS NOT NULL
            """);
        Assert.Equal(shopDelivery, await connection.QuerySingleAsync<(long, long)>("SELECT sum(delivered), sum(on_time) FROM dw.agg_daily_delivery"));

        var incremental = await WarehouseShop.FingerprintAsync(db);
        var rebuild = await etl.RebuildAsync(CancellationToken.None);
        Assert.Equal(shop.Items, rebuild.Rows);
        Assert.Equal(incremental, await WarehouseShop.FingerprintAsync(db));
    }
}
