using StackExchange.Redis;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>The Redis keys of one business day's live figures (all expire a few days after the day).</summary>
public sealed class RedisKpiKeys(DateOnly day)
{
    private readonly string _prefix = $"ecom:kpi:{day:yyyy-MM-dd}:";

    public RedisKey Batches => _prefix + "batches";
    public RedisKey Revenue => _prefix + "revenue_cents";
    public RedisKey Orders => _prefix + "orders";
    public RedisKey Items => _prefix + "items";
    public RedisKey Customers => _prefix + "customers";
    public RedisKey States => _prefix + "state_revenue_cents";
    public RedisKey Products => _prefix + "product_revenue_cents";
    public RedisKey Lock => _prefix + "reconcile_lock";
    public RedisKey UpdatedAt => _prefix + "updated_at";

    /// <summary>Keys in the order the Lua scripts expect them.</summary>
    public RedisKey[] All => [Batches, Revenue, Orders, Items, Customers, States, Products, Lock, UpdatedAt];
}
