using System.Diagnostics;
using System.Net;
using Dapper;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Integration.Tests.Realtime;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Ecom.Aspire.Integration.Tests.Faults;

/// <summary>
/// Fault: PostgreSQL is restarted while the Api serves and live mode runs. On a server of the test's own (the shared
/// one must stay up for the other tests).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class PostgresRestartTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task The_api_answers_503_during_the_outage_and_everything_recovers_without_losing_or_doubling_a_live_batch()
    {
        await using var postgres = await LocalPostgres.StartOwnedAsync();
        var db = await postgres.CreateDatabaseAsync("fault_pg");
        await using (var context = ServersFixture.CreateDbContext(db))
        {
            await DatabaseMigrator.MigrateAsync(context, NullLogger.Instance, CancellationToken.None);
        }
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 3, customers: 600), workers: 2);
        await SetLiveAsync(db, paused: false);
        var today = BusinessDay.Of(DateTimeOffset.UtcNow);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(servers.Redis.ConnectionString);
        foreach (var key in new RedisKpiKeys(today).All) await redis.GetDatabase().KeyDeleteAsync(key);

        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString, new Dictionary<string, string>
        {
            ["Ecom:Live:Enabled"] = "true", ["Ecom:Live:BatchIntervalMs"] = "200", ["Ecom:Live:StatusIntervalMs"] = "1000",
        });
        _ = worker.CreateClient();
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20);
        await using var connection = new NpgsqlConnection(db);
        await WaitForAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sim.live_batches WHERE kind = 'orders'") >= 3,
            TimeSpan.FromSeconds(60), "live batches before the outage");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/simulations")).StatusCode);

        await postgres.StopAsync();
        NpgsqlConnection.ClearAllPools();
        var outage = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            foreach (var path in new[] { "/api/simulations", "/api/overview", "/api/analytics/finance" })
            {
                var clock = Stopwatch.StartNew();
                var answer = await client.GetAsync(path);
                output.WriteLine($"outage: {path} -> {(int)answer.StatusCode} in {clock.ElapsedMilliseconds} ms");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                var body = await answer.Content.ReadAsStringAsync();
                Assert.Contains("The database is unavailable", body);
                Assert.DoesNotContain("   at ", body);
            }
            await Task.Delay(500);
        }

        await postgres.StartAgainAsync();
        var down = outage.Elapsed;
        var recovery = Stopwatch.StartNew();
        await WaitForAsync(async () => (await client.GetAsync("/api/simulations")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the Api after the restart");
        var apiBack = recovery.Elapsed;
        var before = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM sim.live_batches");
        await WaitForAsync(async () => await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sim.live_batches WHERE kind = 'orders' AND id > @before", new { before }) >= 3,
            TimeSpan.FromSeconds(60), "live batches after the restart");
        output.WriteLine($"down {down.TotalSeconds:F1} s; Api back {apiBack.TotalSeconds:F1} s and live mode back {recovery.Elapsed.TotalSeconds:F1} s after the restart");

        // Stop producing, let the last batch reach Redis, then count.
        await SetLiveAsync(db, paused: true);
        await Task.Delay(TimeSpan.FromSeconds(2));
        // Every committed batch holds exactly its orders: no batch lost, none twice.
        var batches = await connection.QuerySingleAsync<(long Orders, long Rows)>("""
            SELECT (SELECT coalesce(sum(orders), 0) FROM sim.live_batches WHERE kind = 'orders'),
                   (SELECT count(*) FROM shop.orders WHERE run_id IN (SELECT run_id FROM sim.live_batches))
            """);
        Assert.True(batches.Orders > 0);
        Assert.Equal(batches.Orders, batches.Rows);
        // And Redis counted each of them exactly once.
        await using var dataSource = NpgsqlDataSource.Create(db);
        await WaitForAsync(async () =>
        {
            var sql = await PostgresKpiQuery.ReadDayAsync(dataSource, today, detail: false, topProducts: 0, CancellationToken.None);
            var cached = await new RedisKpiStore(redis, TimeProvider.System).ReadFullAsync(today);
            return sql.Orders == cached.Orders;
        }, TimeSpan.FromSeconds(30), "Redis to catch up with PostgreSQL");
        await KpiAssert.RedisEqualsSqlAsync(dataSource, new RedisKpiStore(redis, TimeProvider.System), today);
    }

    private static async Task SetLiveAsync(string db, bool paused)
    {
        await using var context = ServersFixture.CreateDbContext(db);
        await LiveModeControl.UpdateAsync(context, TimeProvider.System, paused, ordersPerSecond: 20, CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException or RedisException)
            {
            }
            await Task.Delay(200);
        }
        Assert.Fail($"waited {limit} for {what}");
    }
}
