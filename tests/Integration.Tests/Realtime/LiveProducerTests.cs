using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;
using Order = Ecom.Aspire.Core.Model.Order;

namespace Ecom.Aspire.Integration.Tests.Realtime;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The live producer against real PostgreSQL and Redis, driven step by step with a hand-moved clock. Each test has a
/// database of its own with a small completed history run, and a business day of its own in the shared Redis.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class LiveProducerTests(ServersFixture servers)
{
    private const double Rate = 40;

    private sealed class Live : IAsyncDisposable
    {
        public required string Db { get; init; }
        public required NpgsqlDataSource DataSource { get; init; }
        public required ConnectionMultiplexer Redis { get; set; }
        public required RedisKpiStore Store { get; set; }
        public required ManualClock Clock { get; init; }
        public required LiveOrderProducer Producer { get; set; }
        public DateOnly Day => BusinessDay.Of(Clock.Now);

        public async ValueTask DisposeAsync()
        {
            await Producer.DisposeAsync();
            await Redis.DisposeAsync();
            await DataSource.DisposeAsync();
        }
    }

    private static SimulationParameters History(double canceledRate = 0.006)
    {
        var p = SimulatedDatabase.SmallYear(seed: 5, customers: 600);
        return p with { Statuses = p.Statuses with { CanceledRate = canceledRate } };
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string redis) =>
        await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { redis }, AbortOnConnectFail = false, ConnectTimeout = 2000, SyncTimeout = 2000, AsyncTimeout = 2000, AllowAdmin = true,
        });

    private static LiveOrderProducer NewProducer(NpgsqlDataSource dataSource, ConnectionMultiplexer redis, RedisKpiStore store, TimeProvider clock) =>
        new(dataSource, redis, store, new SimulatorCache(dataSource), clock,
            new LiveProducerOptions { StatusIntervalMs = 0 }, NullLogger<LiveOrderProducer>.Instance);

    /// <param name="start">The test's own instant (its business day is its own in the shared Redis).</param>
    private async Task<Live> StartAsync(string name, DateTimeOffset start, SimulationParameters history, string? redisConnection = null)
    {
        var db = await servers.NewMigratedDatabaseAsync(name);
        await SimulatedDatabase.SimulateAsync(db, history, workers: 2);
        var clock = new ManualClock(start);
        await using (var context = ServersFixture.CreateDbContext(db))
        {
            await LiveModeControl.UpdateAsync(context, clock, paused: false, ordersPerSecond: Rate, CancellationToken.None);
        }
        var dataSource = NpgsqlDataSource.Create(db);
        var redis = await ConnectAsync(redisConnection ?? servers.Redis.ConnectionString);
        foreach (var key in new RedisKpiKeys(BusinessDay.Of(start)).All) await redis.GetDatabase().KeyDeleteAsync(key);
        var store = new RedisKpiStore(redis, clock);
        return new Live { Db = db, DataSource = dataSource, Redis = redis, Store = store, Clock = clock, Producer = NewProducer(dataSource, redis, store, clock) };
    }

    /// <summary>Steps one second at a time; returns the orders produced.</summary>
    private static async Task<int> RunAsync(Live live, int steps)
    {
        var orders = 0;
        for (var i = 0; i < steps; i++)
        {
            live.Clock.Now = live.Clock.Now.AddSeconds(1);
            var result = await live.Producer.StepAsync(CancellationToken.None);
            Assert.Equal(LiveStepOutcome.Produced, result.Outcome);
            orders += result.Orders;
        }
        return orders;
    }

    private static async Task AssertRedisEqualsSqlAsync(Live live, DateOnly day)
    {
        var sql = await KpiAssert.RedisEqualsSqlAsync(live.DataSource, live.Store, day);
        Assert.True(sql.Orders > 0);
    }

    private static async Task<long> LiveOrderCountAsync(Live live)
    {
        await using var connection = await live.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM shop.orders o JOIN sim.runs r ON r.id = o.run_id WHERE r.kind = @live", new { live = RunKinds.Live });
    }

    /// <summary>No stored date of a live order is later than the clock.</summary>
    private static async Task AssertNothingAfterNowAsync(Live live)
    {
        await using var connection = await live.DataSource.OpenConnectionAsync();
        var future = await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id JOIN sim.runs r ON r.id = o.run_id
            WHERE r.kind = 'live' AND (o.purchased_at > @now OR o.approved_at > @now OR o.canceled_at > @now OR d.shipped_at > @now OR d.delivered_at > @now)
            """, new { now = live.Clock.Now.UtcDateTime });
        Assert.Equal(0, future);
    }

    [Fact]
    public async Task Without_a_completed_history_run_nothing_is_produced()
    {
        var db = await servers.NewMigratedDatabaseAsync("live_nohistory");
        await using var dataSource = NpgsqlDataSource.Create(db);
        await using var redis = await ConnectAsync(servers.Redis.ConnectionString);
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 2, 15, 0, 0, TimeSpan.Zero));
        await using var producer = NewProducer(dataSource, redis, new RedisKpiStore(redis, clock), clock);

        Assert.Equal(LiveStepOutcome.NoHistory, (await producer.StepAsync(CancellationToken.None)).Outcome);
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders"));
    }

    [Fact]
    public async Task After_live_batches_Redis_equals_SQL_to_the_cent_and_a_window_is_committed_once()
    {
        // 12:00 in São Paulo on an ordinary Wednesday.
        await using var live = await StartAsync("live_batches", new DateTimeOffset(2025, 6, 4, 15, 0, 0, TimeSpan.Zero), History());

        var produced = await RunAsync(live, 12);

        Assert.True(produced > 100, $"{produced} orders in 12 s at {Rate}/s");
        Assert.Equal(produced, await LiveOrderCountAsync(live));
        await AssertRedisEqualsSqlAsync(live, live.Day);
        await AssertNothingAfterNowAsync(live);

        // The same instant again: the window (watermark, now] is empty, nothing is written twice.
        var again = await live.Producer.StepAsync(CancellationToken.None);
        Assert.Equal(0, again.Orders);
        Assert.Equal(produced, await LiveOrderCountAsync(live));
        await using (var context = ServersFixture.CreateDbContext(live.Db))
        {
            var status = await LiveModeControl.GetStatusAsync(context, live.Clock, CancellationToken.None);
            Assert.Equal(live.Clock.Now, status.Watermark);
            Assert.Equal(produced, status.OrdersProduced);
        }

        // Only one producer at a time: a second one (another replica) waits for the lock.
        await using var other = NewProducer(live.DataSource, live.Redis, live.Store, live.Clock);
        Assert.Equal(LiveStepOutcome.NotLeader, (await other.StepAsync(CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_live_batch_is_traced_from_the_worker_through_PostgreSQL_to_Redis()
    {
        await using var live = await StartAsync("live_traces", new DateTimeOffset(2025, 6, 11, 15, 0, 0, TimeSpan.Zero), History());
        var stopped = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is RealtimeTelemetry.Name or "Npgsql",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        await RunAsync(live, 2);

        var batches = stopped.Where(a => a.OperationName == "live orders batch").ToList();
        Assert.NotEmpty(batches);
        foreach (var batch in batches)
        {
            var children = stopped.Where(a => a.ParentSpanId == batch.SpanId && a.TraceId == batch.TraceId).ToList();
            Assert.Contains(children, a => a.Source.Name == "Npgsql");
            Assert.Contains(children, a => a.OperationName == "redis apply kpi delta" && a.GetTagItem("db.system") as string == "redis");
        }
    }

    [Fact]
    public async Task A_live_batch_applied_twice_changes_nothing()
    {
        await using var live = await StartAsync("live_twice", new DateTimeOffset(2025, 6, 5, 15, 0, 0, TimeSpan.Zero), History());
        await RunAsync(live, 3);
        live.Clock.Now = live.Clock.Now.AddSeconds(1);
        var last = await live.Producer.StepAsync(CancellationToken.None);
        Assert.NotNull(last.OrdersBatchId);
        var before = await live.Store.ReadFullAsync(live.Day);

        // The batch's orders are those of its window (the last second).
        await using var context = ServersFixture.CreateDbContext(live.Db);
        var windowStart = live.Clock.Now.AddSeconds(-1);
        var orders = await context.Orders.Include(o => o.Items)
            .Where(o => o.PurchasedAt >= windowStart && o.PurchasedAt < live.Clock.Now).ToListAsync();
        Assert.Equal(last.Orders, orders.Count);
        foreach (var delta in KpiDelta.ByDay(orders))
        {
            Assert.Equal(ApplyOutcome.AlreadyApplied, await live.Store.ApplyAsync(last.OrdersBatchId.Value, delta));
        }

        var after = await live.Store.ReadFullAsync(live.Day);
        Assert.Equal(before.RevenueCents, after.RevenueCents);
        Assert.Equal(before.Orders, after.Orders);
        Assert.Equal(before.Items, after.Items);
        Assert.Equal(before.ActiveCustomers, after.ActiveCustomers);
        await AssertRedisEqualsSqlAsync(live, live.Day);
    }

    [Fact]
    public async Task Paused_live_mode_produces_no_orders()
    {
        await using var live = await StartAsync("live_paused", new DateTimeOffset(2025, 6, 6, 15, 0, 0, TimeSpan.Zero), History());
        var produced = await RunAsync(live, 2);
        await using (var context = ServersFixture.CreateDbContext(live.Db))
        {
            await LiveModeControl.UpdateAsync(context, live.Clock, paused: true, ordersPerSecond: null, CancellationToken.None);
        }

        for (var i = 0; i < 5; i++)
        {
            live.Clock.Now = live.Clock.Now.AddSeconds(1);
            Assert.Equal(LiveStepOutcome.Paused, (await live.Producer.StepAsync(CancellationToken.None)).Outcome);
        }

        Assert.Equal(produced, await LiveOrderCountAsync(live));
        await using (var context = ServersFixture.CreateDbContext(live.Db))
        {
            await LiveModeControl.UpdateAsync(context, live.Clock, paused: false, ordersPerSecond: null, CancellationToken.None);
        }
        Assert.True(await RunAsync(live, 1) > 0);
    }

    [Fact]
    public async Task Status_batches_cancel_ship_and_deliver_and_cancellations_move_Redis_and_SQL_together()
    {
        // A third of the orders is canceled within six hours of purchase. 10:00 in São Paulo.
        await using var live = await StartAsync("live_status", new DateTimeOffset(2025, 6, 10, 13, 0, 0, TimeSpan.Zero), History(canceledRate: 0.3));
        await RunAsync(live, 5);
        var day = live.Day;

        // Seven hours later, same business day: every cancellation of those orders is due.
        live.Clock.Now = live.Clock.Now.AddHours(7);
        var step = await live.Producer.StepAsync(CancellationToken.None);
        Assert.True(step.Cancellations > 0);
        Assert.NotEmpty(step.StatusBatchIds);
        await AssertRedisEqualsSqlAsync(live, day);
        await AssertNothingAfterNowAsync(live);

        // Three weeks later every order of the day is canceled or delivered (possibly still shipped when late).
        live.Clock.Now = live.Clock.Now.AddDays(21);
        while ((await live.Producer.StepAsync(CancellationToken.None)).StatusChanges > 0)
        {
        }
        await AssertNothingAfterNowAsync(live);
        await using var connection = await live.DataSource.OpenConnectionAsync();
        var (start, end) = BusinessDay.Bounds(day);
        var statuses = (await connection.QueryAsync<(string Status, long Count)>(
            "SELECT status, count(*) FROM shop.orders WHERE purchased_at >= @start AND purchased_at < @end AND run_id IS NOT NULL GROUP BY 1",
            new { start = start.UtcDateTime, end = end.UtcDateTime })).ToDictionary(s => s.Status, s => s.Count);
        Assert.True(statuses.GetValueOrDefault(OrderStatuses.Delivered) > 0);
        Assert.True(statuses.GetValueOrDefault(OrderStatuses.Canceled) > 0);
        Assert.Equal(0, statuses.GetValueOrDefault(OrderStatuses.Processing) + statuses.GetValueOrDefault(OrderStatuses.Invoiced));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id JOIN sim.runs r ON r.id = o.run_id
            WHERE r.kind = 'live' AND (o.status = 'delivered') <> (d.delivered_at IS NOT NULL) OR r.kind = 'live' AND (o.status IN ('shipped', 'delivered')) <> (d.shipped_at IS NOT NULL)
               OR r.kind = 'live' AND (o.status = 'canceled') <> (o.canceled_at IS NOT NULL)
            """));
    }

    [Fact]
    public async Task Stopping_Redis_while_producing_loses_nothing_in_PostgreSQL_and_one_reconcile_repairs_Redis()
    {
        await using var redisServer = await LocalRedis.StartOwnedAsync();
        await using var live = await StartAsync("live_redis_down", new DateTimeOffset(2025, 6, 11, 15, 0, 0, TimeSpan.Zero), History(), redisServer.ConnectionString);
        var produced = await RunAsync(live, 3);

        await redisServer.StopAsync();
        produced += await RunAsync(live, 4);
        Assert.True(live.Producer.PendingRedisBatches > 0);
        Assert.Equal(produced, await LiveOrderCountAsync(live));

        // Redis comes back empty. A new connection (and producer, as after a Worker restart), then one reconcile.
        await redisServer.StartServerAsync();
        await live.Producer.DisposeAsync();
        await live.Redis.DisposeAsync();
        live.Redis = await ConnectAsync(redisServer.ConnectionString);
        live.Store = new RedisKpiStore(live.Redis, live.Clock);
        live.Producer = NewProducer(live.DataSource, live.Redis, live.Store, live.Clock);
        var result = await new KpiReconciler(live.DataSource, live.Store, NullLogger<KpiReconciler>.Instance).ReconcileAsync(live.Day, CancellationToken.None);

        Assert.True(result.Repaired);
        await AssertRedisEqualsSqlAsync(live, live.Day);
        produced += await RunAsync(live, 2);
        Assert.Equal(produced, await LiveOrderCountAsync(live));
        await AssertRedisEqualsSqlAsync(live, live.Day);
    }
}
