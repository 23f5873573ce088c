using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;
using Order = Ecom.Aspire.Core.Model.Order;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Live mode (DESIGN.md sections 4 and 5): each step produces the orders of the window (watermark, now] from the world
/// of the newest completed history run and commits them in ONE transaction with their sim.live_batches row and the
/// advanced watermark (a window is never committed twice: the watermark is checked and moved under the run's row
/// lock), then applies the batch's delta to Redis under the batch id (a retried batch is never counted twice). Every
/// few seconds a status step moves due live orders along their timeline (<see cref="LiveOrderTimeline"/>) and removes
/// the revenue of today's and yesterday's cancellations from Redis the same way. Only one producer runs across Worker
/// replicas: the one holding a PostgreSQL session advisory lock on a dedicated connection. When Redis is down the
/// batches are counted as failures and kept to retry; the reconcile job repairs the figures in any case.
/// While live mode is paused neither orders nor status changes are produced.
/// Not thread-safe: one caller (the Worker's loop, or a test) calls <see cref="StepAsync"/>.
/// </summary>
public sealed class LiveOrderProducer(
    NpgsqlDataSource dataSource, IConnectionMultiplexer redis, RedisKpiStore store, SimulatorCache simulators,
    TimeProvider clock, LiveProducerOptions options, ILogger<LiveOrderProducer> logger) : IAsyncDisposable
{
    /// <summary>The session advisory lock key of the producer ("EcomLive").</summary>
    public const long LockKey = 0x45636F6D_4C697665;
    private const int MaxPending = 10_000;
    private static readonly TimeSpan RedisTimeout = TimeSpan.FromSeconds(2);

    private NpgsqlConnection? _lockConnection;
    private readonly List<PendingApply> _pending = [];
    private DateTimeOffset _lastStatusStep = DateTimeOffset.MinValue;

    private sealed record PendingApply(long BatchId, KpiDelta Delta, long CommittedAt);

    private sealed record LiveRun(int Id, string Status, string Parameters, long? WatermarkSec);

    /// <summary>Batches committed to PostgreSQL whose Redis update is still to do (Redis down or a reconcile holding the day).</summary>
    public int PendingRedisBatches => _pending.Count;

    public async Task<LiveStepResult> StepAsync(CancellationToken ct)
    {
        if (!await HoldLockAsync(ct)) return LiveStepResult.Of(LiveStepOutcome.NotLeader);
        var now = WholeSeconds(clock.GetUtcNow());
        await ApplyPendingAsync(now);

        var historyRunId = await NewestCompletedHistoryRunAsync(ct);
        if (historyRunId is null) return LiveStepResult.Of(LiveStepOutcome.NoHistory);
        var live = await LiveRunAsync(ct);
        if (live.Status == RunStatuses.Paused) return LiveStepResult.Of(LiveStepOutcome.Paused);

        var simulator = await simulators.GetAsync(historyRunId.Value, ct);
        var (orders, batchId) = await ProduceOrdersAsync(simulator, live, now, ct);
        var status = (Changes: 0, Cancellations: 0, Batches: (IReadOnlyList<long>)[]);
        if (now - _lastStatusStep >= TimeSpan.FromMilliseconds(options.StatusIntervalMs))
        {
            status = await AdvanceStatusesAsync(simulator.Parameters, live.Id, now, ct);
            _lastStatusStep = now;
        }
        return new LiveStepResult(LiveStepOutcome.Produced, orders, batchId, status.Changes, status.Cancellations, status.Batches);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    // ---- one producer across replicas ----

    private async Task<bool> HoldLockAsync(CancellationToken ct)
    {
        if (_lockConnection is { } held)
        {
            try
            {
                await held.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                logger.LogWarning(e, "Live producer lost its lock connection; trying to take the lock again");
                await ReleaseLockAsync();
            }
        }
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_try_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct)))
            {
                _lockConnection = connection;
                logger.LogInformation("This Worker is the live producer");
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return false;
    }

    private async Task ReleaseLockAsync()
    {
        if (_lockConnection is not { } connection) return;
        _lockConnection = null;
        try
        {
            // A pooled connection keeps its session (and lock) when returned to the pool: unlock explicitly.
            if (connection.State == System.Data.ConnectionState.Open)
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            logger.LogDebug(e, "Unlocking the live producer lock failed (the session is gone, and the lock with it)");
        }
        await connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await ReleaseLockAsync();

    // ---- runs ----

    private async Task<int?> NewestCompletedHistoryRunAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("""
            SELECT id FROM sim.runs WHERE kind = @history AND status = @completed
            ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1
            """, new { history = RunKinds.History, completed = RunStatuses.Completed }, cancellationToken: ct));
    }

    private const string LiveRunSql = """
        SELECT id, status, parameters::text AS parameters, extract(epoch FROM watermark)::bigint AS watermarksec
        FROM sim.runs WHERE kind = @live ORDER BY id LIMIT 1
        """;

    private async Task<LiveRun> LiveRunAsync(CancellationToken ct)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            var run = await connection.QuerySingleOrDefaultAsync<LiveRun>(new CommandDefinition(LiveRunSql, new { live = RunKinds.Live }, cancellationToken: ct));
            if (run is not null) return run;
        }
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, dataSource);
        await using var db = new EcomDbContext(options.Options);
        var created = await LiveModeControl.GetOrCreateRunAsync(db, clock, ct);
        return new LiveRun(created.Id, created.Status, created.Parameters, created.Watermark?.ToUnixTimeSeconds());
    }

    // ---- orders ----

    private async Task<(int Orders, long? BatchId)> ProduceOrdersAsync(MarketplaceSimulator simulator, LiveRun live, DateTimeOffset now, CancellationToken ct)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, Math.Round(options.BatchInterval.TotalSeconds)));
        var from = live.WatermarkSec is { } w ? DateTimeOffset.FromUnixTimeSeconds(w) : now - interval;
        if (now - from > TimeSpan.FromSeconds(options.MaxGapSeconds))
        {
            logger.LogWarning("Live mode was stopped since {Watermark}: the {Gap} gap is skipped, not replayed", from, now - from);
            from = now - interval;
        }
        // A batch covers one business day (sim.live_batches has one day per row) and at most MaxWindowSeconds.
        var to = new[] { now, from.AddSeconds(options.MaxWindowSeconds), BusinessDay.Bounds(BusinessDay.Of(from)).End }.Min();
        if (to <= from) return (0, null);

        using var activity = RealtimeTelemetry.ActivitySource.StartActivity("live orders batch");
        activity?.SetTag("ecom.live_run_id", live.Id);
        activity?.SetTag("ecom.window.from", from.ToString("O"));
        activity?.SetTag("ecom.window.to", to.ToString("O"));
        var rate = LiveModeControl.SettingsOf(new SimulationRun { Parameters = live.Parameters }).OrdersPerSecond;
        var day = BusinessDay.Of(from);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (rangeFrom, rangeTo) = LiveIds.Range(live.Id);
        var maxId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(id) FROM shop.orders WHERE id >= @rangeFrom AND id < @rangeTo", new { rangeFrom, rangeTo }, cancellationToken: ct));
        var firstSeq = maxId is { } m ? LiveIds.SeqOf(live.Id, m) + 1 : 0;
        var data = simulator.GenerateLive(from, to, rate, firstSeq, live.Id);

        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleAsync<LiveRun>(new CommandDefinition(
            "SELECT id, status, parameters::text AS parameters, extract(epoch FROM watermark)::bigint AS watermarksec FROM sim.runs WHERE id = @Id FOR NO KEY UPDATE",
            new { live.Id }, tx, cancellationToken: ct));
        if (current.WatermarkSec != live.WatermarkSec || current.Status == RunStatuses.Paused)
        {
            // Another producer moved the watermark, or an admin paused in between: this window is not ours to write.
            await tx.RollbackAsync(ct);
            return (0, null);
        }
        long? batchId = null;
        if (data.Orders.Count > 0)
        {
            await ChunkCopyWriter.WriteAsync(connection, data, ct);
            await InsertDueAsync(connection, tx, simulator.Parameters, data.Orders, to, ct);
            batchId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO sim.live_batches (run_id, day, kind, orders) VALUES (@runId, @day, 'orders', @orders) RETURNING id",
                new { runId = live.Id, day, orders = data.Orders.Count }, tx, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sim.runs SET watermark = @to, rows_written = rows_written + @orders WHERE id = @runId",
            new { to = to.UtcDateTime, orders = (long)data.Orders.Count, runId = live.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var committedAt = Stopwatch.GetTimestamp();
        activity?.SetTag("ecom.orders", data.Orders.Count);
        activity?.SetTag("ecom.batch_id", batchId);
        RealtimeTelemetry.OrdersProduced.Add(data.Orders.Count);

        if (batchId is { } id)
        {
            foreach (var delta in KpiDelta.ByDay(data.Orders)) await ApplyAsync(new PendingApply(id, delta, committedAt));
        }
        return (data.Orders.Count, batchId);
    }

    private static Task InsertDueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SimulationParameters p, IEnumerable<Order> orders, DateTimeOffset at, CancellationToken ct)
    {
        var ids = new List<long>();
        var dues = new List<long>();
        foreach (var o in orders)
        {
            var fate = LiveOrderTimeline.FateOf(o.Id, o.PurchasedAt, o.Delivery!.PromisedAt, p);
            if (LiveOrderTimeline.NextChangeAfter(fate, at) is not { } next) continue;
            ids.Add(o.Id);
            dues.Add(next.ToUnixTimeSeconds());
        }
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sim.live_due (order_id, due_at) SELECT u.id, to_timestamp(u.due) FROM unnest(@ids, @dues) AS u(id, due)",
            new { ids = ids.ToArray(), dues = dues.ToArray() }, tx, cancellationToken: ct));
    }

    // ---- status changes ----

    private sealed record DueOrder(long Id, string Status, long PurchasedSec, long PromisedSec, long CustomerId, string ShipState);

    private sealed record DueItem(long OrderId, short ItemNo, long ProductId, decimal Price);

    private async Task<(int Changes, int Cancellations, IReadOnlyList<long> Batches)> AdvanceStatusesAsync(
        SimulationParameters p, int liveRunId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var due = (await connection.QueryAsync<DueOrder>(new CommandDefinition("""
            SELECT o.id, o.status, extract(epoch FROM o.purchased_at)::bigint AS purchasedsec,
                   extract(epoch FROM d.promised_at)::bigint AS promisedsec, o.customer_id AS customerid, o.ship_state AS shipstate
            FROM sim.live_due q JOIN shop.orders o ON o.id = q.order_id JOIN shop.deliveries d ON d.order_id = o.id
            WHERE q.due_at <= @now AND o.run_id = @liveRunId
            ORDER BY q.due_at, q.order_id LIMIT @limit
            FOR UPDATE OF q SKIP LOCKED
            """, new { now = now.UtcDateTime, liveRunId, limit = Math.Max(1, options.StatusBatchSize) }, tx, cancellationToken: ct))).ToList();
        if (due.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return (0, 0, []);
        }

        using var activity = RealtimeTelemetry.ActivitySource.StartActivity("live status batch");
        activity?.SetTag("ecom.live_run_id", liveRunId);
        var ids = new long[due.Count];
        var statuses = new string[due.Count];
        var approved = new long?[due.Count];
        var canceled = new long?[due.Count];
        var shipped = new long?[due.Count];
        var delivered = new long?[due.Count];
        var nextIds = new List<long>();
        var nextDue = new List<long>();
        var doneIds = new List<long>();
        var cancellations = new List<DueOrder>();
        for (var i = 0; i < due.Count; i++)
        {
            var o = due[i];
            var fate = LiveOrderTimeline.FateOf(o.Id, DateTimeOffset.FromUnixTimeSeconds(o.PurchasedSec), DateTimeOffset.FromUnixTimeSeconds(o.PromisedSec), p);
            var state = LiveOrderTimeline.StateAt(fate, now);
            ids[i] = o.Id;
            statuses[i] = state.Status;
            approved[i] = state.ApprovedAt?.ToUnixTimeSeconds();
            canceled[i] = state.CanceledAt?.ToUnixTimeSeconds();
            shipped[i] = state.ShippedAt?.ToUnixTimeSeconds();
            delivered[i] = state.DeliveredAt?.ToUnixTimeSeconds();
            if (OrderStatuses.IsRevenueBearing(o.Status) && !OrderStatuses.IsRevenueBearing(state.Status)) cancellations.Add(o);
            if (LiveOrderTimeline.NextChangeAfter(fate, now) is { } next)
            {
                nextIds.Add(o.Id);
                nextDue.Add(next.ToUnixTimeSeconds());
            }
            else doneIds.Add(o.Id);
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE shop.orders o SET status = u.status, approved_at = to_timestamp(u.approved), canceled_at = to_timestamp(u.canceled)
            FROM unnest(@ids, @statuses, @approved, @canceled) AS u(id, status, approved, canceled) WHERE o.id = u.id;
            UPDATE shop.deliveries d SET shipped_at = to_timestamp(u.shipped), delivered_at = to_timestamp(u.delivered)
            FROM unnest(@ids, @shipped, @delivered) AS u(id, shipped, delivered) WHERE d.order_id = u.id;
            UPDATE sim.live_due q SET due_at = to_timestamp(u.due) FROM unnest(@nextIds, @nextDue) AS u(id, due) WHERE q.order_id = u.id;
            DELETE FROM sim.live_due WHERE order_id = ANY(@doneIds);
            """, new { ids, statuses, approved, canceled, shipped, delivered, nextIds = nextIds.ToArray(), nextDue = nextDue.ToArray(), doneIds = doneIds.ToArray() },
            tx, cancellationToken: ct));

        // One status batch per business day of purchase, so that a reconcile of that day knows the batch.
        var batches = new Dictionary<DateOnly, long>();
        foreach (var group in due.GroupBy(o => BusinessDay.Of(DateTimeOffset.FromUnixTimeSeconds(o.PurchasedSec))).OrderBy(g => g.Key))
        {
            batches[group.Key] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO sim.live_batches (run_id, day, kind, orders) VALUES (@liveRunId, @day, 'status', @orders) RETURNING id",
                new { liveRunId, day = group.Key, orders = group.Count() }, tx, cancellationToken: ct));
        }
        var items = cancellations.Count == 0 ? [] : (await connection.QueryAsync<DueItem>(new CommandDefinition(
            "SELECT order_id AS orderid, item_no AS itemno, product_id AS productid, price FROM shop.order_items WHERE order_id = ANY(@ids) ORDER BY order_id, item_no",
            new { ids = cancellations.Select(c => c.Id).ToArray() }, tx, cancellationToken: ct))).ToList();
        await tx.CommitAsync(ct);
        var committedAt = Stopwatch.GetTimestamp();
        activity?.SetTag("ecom.orders", due.Count);
        activity?.SetTag("ecom.cancellations", cancellations.Count);

        // Cancellations remove revenue from the live figures of today and yesterday (the days Redis serves live and
        // the reconcile repairs); older days are not live any more and are left to PostgreSQL.
        var itemsByOrder = items.ToLookup(i => i.OrderId);
        var removed = cancellations.Select(c =>
        {
            var order = new Order { Id = c.Id, CustomerId = c.CustomerId, Status = c.Status, ShipState = c.ShipState.Trim(), PurchasedAt = DateTimeOffset.FromUnixTimeSeconds(c.PurchasedSec) };
            order.Items.AddRange(itemsByOrder[c.Id].Select(i => new OrderItem { OrderId = i.OrderId, ItemNo = i.ItemNo, ProductId = i.ProductId, Price = i.Price }));
            return order;
        });
        var yesterday = BusinessDay.Of(now).AddDays(-1);
        foreach (var delta in KpiDelta.ByDay(removed, sign: -1))
        {
            if (delta.Day >= yesterday) await ApplyAsync(new PendingApply(batches[delta.Day], delta, committedAt));
        }
        return (due.Count, cancellations.Count, [.. batches.Values]);
    }

    // ---- Redis ----

    private async Task<bool> ApplyAsync(PendingApply batch)
    {
        try
        {
            if (!redis.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected");
            var started = Stopwatch.GetTimestamp();
            var outcome = await store.ApplyAsync(batch.BatchId, batch.Delta).WaitAsync(RedisTimeout);
            RealtimeTelemetry.RedisApplyLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (outcome == ApplyOutcome.Locked)
            {
                // A reconcile holds the day; its snapshot may predate this commit: apply once it is done.
                Keep(batch);
                return false;
            }
            RealtimeTelemetry.BatchLatency.Record(Stopwatch.GetElapsedTime(batch.CommittedAt).TotalMilliseconds);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RealtimeTelemetry.RedisApplyFailures.Add(1);
            logger.LogWarning("Live batch {BatchId} is committed but not applied to Redis ({Reason}); it will be retried, and the reconcile repairs the day",
                batch.BatchId, e.Message);
            Keep(batch);
            return false;
        }
    }

    private void Keep(PendingApply batch)
    {
        if (_pending.Count >= MaxPending) _pending.RemoveAt(0);
        _pending.Add(batch);
    }

    private async Task ApplyPendingAsync(DateTimeOffset now)
    {
        if (_pending.Count == 0 || !redis.IsConnected) return;
        var yesterday = BusinessDay.Of(now).AddDays(-1);
        var retry = _pending.Where(b => b.Delta.Day >= yesterday).ToList();
        _pending.Clear();
        for (var i = 0; i < retry.Count; i++)
        {
            if (await ApplyAsync(retry[i])) continue;
            // That one was kept again by ApplyAsync; the rest wait for the next step, in order.
            for (var j = i + 1; j < retry.Count; j++) Keep(retry[j]);
            break;
        }
    }
}
