using System.Globalization;
using StackExchange.Redis;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>Outcome of applying a batch to Redis.</summary>
public enum ApplyOutcome { Applied, AlreadyApplied, Locked }

/// <summary>
/// The live figures in Redis: applying batch deltas idempotently, overwriting a day from a recomputed snapshot, and
/// reading a day back.
/// </summary>
public sealed class RedisKpiStore(IConnectionMultiplexer redis, TimeProvider clock)
{
    /// <summary>Figures are kept a few days after their day, then expire.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(4);

    private static readonly TimeSpan LockTime = TimeSpan.FromSeconds(30);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>Applies one batch's delta for one day unless that batch id was applied before.</summary>
    public async Task<ApplyOutcome> ApplyAsync(long batchId, KpiDelta delta)
    {
        var keys = new RedisKpiKeys(delta.Day);
        var args = new List<RedisValue>
        {
            batchId, (long)Retention.TotalSeconds, delta.RevenueCents, delta.Orders, delta.Items, clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        AddPairs(args, delta.Customers.Select(c => ((RedisValue)c.Key, (RedisValue)c.Value)));
        AddPairs(args, delta.StateCents.Select(s => ((RedisValue)s.Key, (RedisValue)s.Value)));
        AddPairs(args, delta.ProductCents.Select(p => ((RedisValue)p.Key, (RedisValue)p.Value)));
        // A client span of its own (no Redis instrumentation package is served here): traces show Worker → PostgreSQL → Redis.
        using var activity = RealtimeTelemetry.ActivitySource.StartActivity("redis apply kpi delta", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("db.system", "redis");
        activity?.SetTag("db.operation", "EVALSHA");
        activity?.SetTag("ecom.batch_id", batchId);
        var result = (int)await Db.ScriptEvaluateAsync(RedisKpiScripts.Apply, keys.All, [.. args]);
        var outcome = result switch { 1 => ApplyOutcome.Applied, 0 => ApplyOutcome.AlreadyApplied, _ => ApplyOutcome.Locked };
        activity?.SetTag("ecom.outcome", outcome.ToString());
        return outcome;
    }

    /// <summary>Takes the day's reconcile lock; returns its token, or null when another reconcile holds it.</summary>
    public async Task<string?> TryLockAsync(DateOnly day)
    {
        var token = Guid.NewGuid().ToString("N");
        return await Db.StringSetAsync(new RedisKpiKeys(day).Lock, token, LockTime, When.NotExists) ? token : null;
    }

    public Task UnlockAsync(DateOnly day, string token) =>
        Db.ScriptEvaluateAsync(RedisKpiScripts.Unlock, [new RedisKpiKeys(day).Lock], [token]);

    /// <summary>Replaces the day's figures with <paramref name="figures"/> (call while holding the lock).</summary>
    public async Task OverwriteAsync(DayFigures figures)
    {
        using var activity = RealtimeTelemetry.ActivitySource.StartActivity("redis overwrite day", System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("db.system", "redis");
        activity?.SetTag("ecom.day", figures.Day.ToString("yyyy-MM-dd"));
        var keys = new RedisKpiKeys(figures.Day);
        var args = new List<RedisValue>
        {
            (long)Retention.TotalSeconds, figures.RevenueCents, figures.Orders, figures.Items, clock.GetUtcNow().ToUnixTimeMilliseconds(),
            figures.BatchIds.Count,
        };
        args.AddRange(figures.BatchIds.Select(b => (RedisValue)b));
        AddPairs(args, figures.CustomerOrders.Select(c => ((RedisValue)c.Key, (RedisValue)c.Value)));
        AddPairs(args, figures.StateCents.Select(s => ((RedisValue)s.Key, (RedisValue)s.Value)));
        AddPairs(args, figures.ProductCents.Select(p => ((RedisValue)p.Key, (RedisValue)p.Value)));
        await Db.ScriptEvaluateAsync(RedisKpiScripts.Overwrite, keys.All, [.. args]);
    }

    /// <summary>Reads a day; the products are the top <paramref name="topProducts"/> by revenue.</summary>
    public async Task<(DayFigures Figures, DateTimeOffset? UpdatedAt)> ReadAsync(DateOnly day, int topProducts)
    {
        var keys = new RedisKpiKeys(day);
        var batch = Db.CreateBatch();
        var values = batch.StringGetAsync([keys.Revenue, keys.Orders, keys.Items, keys.UpdatedAt]);
        var customers = batch.HashLengthAsync(keys.Customers);
        var states = batch.HashGetAllAsync(keys.States);
        var products = batch.SortedSetRangeByRankWithScoresAsync(keys.Products, 0, topProducts - 1, Order.Descending);
        batch.Execute();
        var v = await values;
        var updatedAt = v[3].HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)v[3]) : (DateTimeOffset?)null;
        var figures = new DayFigures(
            day,
            RevenueCents: v[0].HasValue ? (long)v[0] : 0,
            Orders: v[1].HasValue ? (long)v[1] : 0,
            Items: v[2].HasValue ? (long)v[2] : 0,
            ActiveCustomers: await customers,
            CustomerOrders: new Dictionary<long, long>(),
            StateCents: (await states).ToDictionary(e => e.Name.ToString(), e => (long)e.Value),
            ProductCents: (await products).ToDictionary(e => long.Parse(e.Element.ToString(), CultureInfo.InvariantCulture), e => (long)e.Score),
            BatchIds: []);
        return (figures, updatedAt);
    }

    /// <summary>Reads a whole day with every customer and product (to compare with SQL or measure drift).</summary>
    public async Task<DayFigures> ReadFullAsync(DateOnly day)
    {
        var keys = new RedisKpiKeys(day);
        var (figures, _) = await ReadAsync(day, int.MaxValue);
        var customers = (await Db.HashGetAllAsync(keys.Customers)).ToDictionary(e => long.Parse(e.Name.ToString(), CultureInfo.InvariantCulture), e => (long)e.Value);
        var products = (await Db.SortedSetRangeByRankWithScoresAsync(keys.Products, 0, -1, Order.Descending))
            .ToDictionary(e => long.Parse(e.Element.ToString(), CultureInfo.InvariantCulture), e => (long)e.Score);
        return figures with { CustomerOrders = customers, ProductCents = products };
    }

    private static void AddPairs(List<RedisValue> args, IEnumerable<(RedisValue Member, RedisValue Value)> pairs)
    {
        var countAt = args.Count;
        args.Add(0);
        var count = 0;
        foreach (var (member, value) in pairs)
        {
            args.Add(member);
            args.Add(value);
            count++;
        }
        args[countAt] = count;
    }
}
