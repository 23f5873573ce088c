using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;
using Order = Ecom.Aspire.Core.Model.Order;

namespace Ecom.Aspire.Integration.Tests.Realtime;

[Collection(ServersCollection.Name)]
public sealed class LiveKpiTests(ServersFixture servers) : IAsyncLifetime
{
    // A business day far from others' tests; 14:00 UTC is 11:00 in São Paulo.
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 14, 0, 0, TimeSpan.Zero);

    private string _db = "";
    private NpgsqlDataSource _dataSource = null!;
    private ConnectionMultiplexer _redis = null!;
    private RedisKpiStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await servers.NewMigratedDatabaseAsync("live");
        await LiveOrders.SeedCatalogAsync(_db);
        _dataSource = NpgsqlDataSource.Create(_db);
        _redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { servers.Redis.ConnectionString }, AbortOnConnectFail = false, ConnectTimeout = 2000, AllowAdmin = true,
        });
        // Each test class gets a day of its own in a shared Redis: start from nothing.
        foreach (var key in new RedisKpiKeys(Day).All) await _redis.GetDatabase().KeyDeleteAsync(key);
        _store = new RedisKpiStore(_redis, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    private async Task<long> CommitAndApplyAsync(IReadOnlyList<Order> orders)
    {
        var batchId = await LiveOrders.CommitAsync(_db, orders, Day);
        foreach (var delta in KpiDelta.ByDay(orders))
        {
            Assert.Equal(ApplyOutcome.Applied, await _store.ApplyAsync(batchId, delta));
        }
        return batchId;
    }

    private static List<Order> Batch(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i => LiveOrders.Make(i, 1 + i % 17, Noon.AddSeconds(i), i % 3 == 0 ? "RJ" : "SP", 1 + i % 3))];

    private Task AssertRedisEqualsSqlAsync() => KpiAssert.RedisEqualsSqlAsync(_dataSource, _store, Day);

    [Fact]
    public async Task After_many_batches_Redis_equals_the_figures_computed_in_SQL_to_the_cent()
    {
        for (var b = 0; b < 12; b++) await CommitAndApplyAsync(Batch(1000 + b * 10, 10));

        await AssertRedisEqualsSqlAsync();
        var sql = await PostgresKpiQuery.ReadDayAsync(_dataSource, Day, detail: false, topProducts: 10, CancellationToken.None);
        Assert.Equal(120, sql.Orders);
        Assert.Equal(17, sql.ActiveCustomers);
    }

    [Fact]
    public async Task A_batch_applied_twice_changes_nothing()
    {
        var orders = Batch(2000, 10);
        var batchId = await CommitAndApplyAsync(orders);
        var before = await _store.ReadFullAsync(Day);

        foreach (var delta in KpiDelta.ByDay(orders))
        {
            Assert.Equal(ApplyOutcome.AlreadyApplied, await _store.ApplyAsync(batchId, delta));
        }

        var after = await _store.ReadFullAsync(Day);
        Assert.Equal(before.RevenueCents, after.RevenueCents);
        Assert.Equal(before.Orders, after.Orders);
        Assert.Equal(before.ActiveCustomers, after.ActiveCustomers);
        await AssertRedisEqualsSqlAsync();
    }

    [Fact]
    public async Task Cancelling_orders_of_the_day_keeps_the_live_figures_right()
    {
        var orders = Batch(3000, 20);
        await CommitAndApplyAsync(orders);
        var canceled = orders.Where(o => o.Id % 4 == 0).ToList();

        var batchId = await LiveOrders.CancelAsync(_db, canceled, Day);
        foreach (var delta in KpiDelta.ByDay(canceled, sign: -1)) await _store.ApplyAsync(batchId, delta);

        await AssertRedisEqualsSqlAsync();
    }

    [Fact]
    public async Task A_reconcile_repairs_drift_and_reports_it()
    {
        await CommitAndApplyAsync(Batch(4000, 10));
        var keys = new RedisKpiKeys(Day);
        await _redis.GetDatabase().StringIncrementAsync(keys.Revenue, 12345);
        await _redis.GetDatabase().StringIncrementAsync(keys.Orders, -2);
        var reconciler = new KpiReconciler(_dataSource, _store, NullLogger<KpiReconciler>.Instance);

        var result = await reconciler.ReconcileAsync(Day, CancellationToken.None);

        Assert.True(result.Repaired);
        Assert.Equal(12345, result.DriftRevenueCents);
        Assert.Equal(2, result.DriftOrders);
        await AssertRedisEqualsSqlAsync();
        var again = await reconciler.ReconcileAsync(Day, CancellationToken.None);
        Assert.False(again.HadDrift);
    }

    [Fact]
    public async Task A_batch_included_in_a_reconcile_snapshot_is_not_counted_again()
    {
        var orders = Batch(5000, 10);
        var batchId = await LiveOrders.CommitAsync(_db, orders, Day);
        // The reconcile runs between the commit and the Redis update of that batch.
        await new KpiReconciler(_dataSource, _store, NullLogger<KpiReconciler>.Instance).ReconcileAsync(Day, CancellationToken.None);

        foreach (var delta in KpiDelta.ByDay(orders))
        {
            Assert.Equal(ApplyOutcome.AlreadyApplied, await _store.ApplyAsync(batchId, delta));
        }
        await AssertRedisEqualsSqlAsync();
    }

    [Fact]
    public async Task While_a_reconcile_holds_the_day_batches_wait()
    {
        var token = await _store.TryLockAsync(Day);
        Assert.NotNull(token);
        Assert.Null(await _store.TryLockAsync(Day));

        var delta = KpiDelta.ByDay(Batch(6000, 1)).Single();
        Assert.Equal(ApplyOutcome.Locked, await _store.ApplyAsync(999_999, delta));

        await _store.UnlockAsync(Day, token);
        Assert.Equal(ApplyOutcome.Applied, await _store.ApplyAsync(999_999, delta));
    }
}
