namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Lua scripts run atomically by Redis (the equivalent of one MULTI whose effect depends on a marker): a batch is
/// applied only if its id is not yet in the day's set of applied batches, and not while a reconcile holds the day.
/// Keys: 1 batches, 2 revenue, 3 orders, 4 items, 5 customers, 6 states, 7 products, 8 lock, 9 updated_at.
/// </summary>
internal static class RedisKpiScripts
{
    /// <summary>
    /// ARGV: batch id, ttl seconds, revenue cents, orders, items, now (unix ms), then three groups each made of a
    /// count n and n (member, delta) pairs: customers (order counts), states (cents), products (cents).
    /// Returns 1 applied, 0 already applied, -1 locked by a reconcile (retry later).
    /// </summary>
    public const string Apply = """
        if redis.call('EXISTS', KEYS[8]) == 1 then return -1 end
        if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('INCRBY', KEYS[2], ARGV[3])
        redis.call('INCRBY', KEYS[3], ARGV[4])
        redis.call('INCRBY', KEYS[4], ARGV[5])
        local i = 7
        local n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do
          if redis.call('HINCRBY', KEYS[5], ARGV[i], ARGV[i + 1]) <= 0 then redis.call('HDEL', KEYS[5], ARGV[i]) end
          i = i + 2
        end
        n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do
          if redis.call('HINCRBY', KEYS[6], ARGV[i], ARGV[i + 1]) == 0 then redis.call('HDEL', KEYS[6], ARGV[i]) end
          i = i + 2
        end
        n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do
          if tonumber(redis.call('ZINCRBY', KEYS[7], ARGV[i + 1], ARGV[i])) <= 0 then redis.call('ZREM', KEYS[7], ARGV[i]) end
          i = i + 2
        end
        redis.call('SET', KEYS[9], ARGV[6])
        for k = 1, 7 do redis.call('EXPIRE', KEYS[k], ARGV[2]) end
        redis.call('EXPIRE', KEYS[9], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Replaces the day's figures with a recomputed snapshot (the lock is held by the caller) and marks the batches
    /// the snapshot includes as applied. ARGV: ttl, revenue cents, orders, items, now, then four groups (count and
    /// entries): batch ids (single values), customers, states, products (pairs).
    /// </summary>
    public const string Overwrite = """
        for k = 2, 7 do redis.call('DEL', KEYS[k]) end
        redis.call('SET', KEYS[2], ARGV[2])
        redis.call('SET', KEYS[3], ARGV[3])
        redis.call('SET', KEYS[4], ARGV[4])
        local i = 6
        local n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do redis.call('SADD', KEYS[1], ARGV[i]); i = i + 1 end
        n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1]); i = i + 2 end
        n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do redis.call('HSET', KEYS[6], ARGV[i], ARGV[i + 1]); i = i + 2 end
        n = tonumber(ARGV[i]); i = i + 1
        for _ = 1, n do redis.call('ZADD', KEYS[7], ARGV[i + 1], ARGV[i]); i = i + 2 end
        redis.call('SET', KEYS[9], ARGV[5])
        for k = 1, 7 do redis.call('EXPIRE', KEYS[k], ARGV[1]) end
        redis.call('EXPIRE', KEYS[9], ARGV[1])
        return 1
        """;

    /// <summary>Deletes the lock only if it still holds our token. ARGV: token.</summary>
    public const string Unlock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;
}
