using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ecom.Aspire.Integration.Tests.Realtime;

[Collection(ServersCollection.Name)]
public sealed class LiveKpisApiTests(ServersFixture servers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Live_KPIs_come_from_Redis_and_keep_answering_degraded_from_PostgreSQL_while_Redis_is_down()
    {
        var db = await servers.NewMigratedDatabaseAsync("live_api");
        await LiveOrders.SeedCatalogAsync(db);
        await using var redisServer = await LocalRedis.StartOwnedAsync();
        await using var api = new ApiFactory(db, redisServer.ConnectionString);
        var client = api.CreateClient();

        var now = DateTimeOffset.UtcNow;
        var today = BusinessDay.Of(now);
        var orders = Enumerable.Range(1, 8).Select(i => LiveOrders.Make(i, i, now.AddSeconds(-i), "SP", 1 + i % 2)).ToList();
        var batchId = await LiveOrders.CommitAsync(db, orders, today);
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString))
        {
            var store = new RedisKpiStore(redis, TimeProvider.System);
            foreach (var delta in KpiDelta.ByDay(orders)) await store.ApplyAsync(batchId, delta);
        }
        var expectedRevenue = orders.Where(o => BusinessDay.Of(o.PurchasedAt) == today).SelectMany(o => o.Items).Sum(i => i.Price);

        var live = await client.GetFromJsonAsync<LiveKpisAnswer>("/api/kpis/live", Json);
        Assert.NotNull(live);
        Assert.Equal(KpiSources.Redis, live.Source);
        Assert.False(live.Degraded);
        Assert.Equal(expectedRevenue, live.Kpis.Revenue);

        await redisServer.StopAsync();
        var degraded = await client.GetFromJsonAsync<LiveKpisAnswer>("/api/kpis/live", Json);
        Assert.NotNull(degraded);
        Assert.True(degraded.Degraded);
        Assert.Equal(KpiSources.Postgres, degraded.Source);
        Assert.Equal(expectedRevenue, degraded.Kpis.Revenue);
        Assert.Equal(live.Kpis.Orders, degraded.Kpis.Orders);

        // Redis comes back empty: one reconcile makes it equal to PostgreSQL again.
        await redisServer.StartServerAsync();
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString))
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            var reconciler = new KpiReconciler(dataSource, new RedisKpiStore(redis, TimeProvider.System), NullLogger<KpiReconciler>.Instance);
            await reconciler.ReconcileAsync(today, CancellationToken.None);
        }
        var recovered = await WaitForRedisAnswerAsync(client);
        Assert.Equal(expectedRevenue, recovered.Kpis.Revenue);
        Assert.Equal(live.Kpis.ActiveCustomers, recovered.Kpis.ActiveCustomers);
    }

    private static async Task<LiveKpisAnswer> WaitForRedisAnswerAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var answer = await client.GetFromJsonAsync<LiveKpisAnswer>("/api/kpis/live", Json);
            if (answer is { Degraded: false, Source: KpiSources.Redis } || DateTime.UtcNow > deadline) return answer!;
            await Task.Delay(250);
        }
    }

    [Theory]
    [InlineData("yesterday", "yyyy-MM-dd")]
    [InlineData("2026-02-30", "yyyy-MM-dd")]
    [InlineData("2999-01-01", "future")]
    [InlineData("2001-01-01", "days ago")]
    public async Task A_bad_date_is_a_400_problem_that_names_the_parameter(string date, string expected)
    {
        var db = await servers.NewMigratedDatabaseAsync("live_api_bad");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);

        var response = await api.CreateClient().GetAsync($"/api/kpis/live?date={date}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty("date")[0].GetString());
    }
}
