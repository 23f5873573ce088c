using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Serves a day's live figures from Redis, with their age; when Redis cannot be reached it answers from PostgreSQL
/// (same definitions) and marks the answer degraded, so that a reader never fails because of Redis. A day Redis does
/// not hold (older than its retention, or never reconciled) is answered from PostgreSQL too, not degraded.
/// </summary>
public sealed class LiveKpiReader(
    IConnectionMultiplexer redis, RedisKpiStore store, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<LiveKpiReader> logger)
{
    public const int TopProducts = 10;

    public async Task<LiveKpisAnswer> ReadAsync(DateOnly day, CancellationToken ct)
    {
        string? reason;
        if (!redis.IsConnected)
        {
            reason = "Redis is not connected";
        }
        else
        {
            try
            {
                var (figures, updatedAt) = await store.ReadAsync(day, TopProducts).WaitAsync(TimeSpan.FromSeconds(2), ct);
                if (updatedAt is { } at)
                {
                    return new LiveKpisAnswer(figures.ToKpis(TopProducts), KpiSources.Redis, at, Age(at), Degraded: false, Reason: null);
                }
                return await FromPostgresAsync(day, degraded: false, "Redis holds no figures for this day", ct);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Redis read failed; answering live KPIs from PostgreSQL");
                reason = $"Redis failed: {e.Message}";
            }
        }
        return await FromPostgresAsync(day, degraded: true, reason, ct);
    }

    private async Task<LiveKpisAnswer> FromPostgresAsync(DateOnly day, bool degraded, string reason, CancellationToken ct)
    {
        var figures = await PostgresKpiQuery.ReadDayAsync(dataSource, day, detail: false, TopProducts, ct);
        var now = clock.GetUtcNow();
        return new LiveKpisAnswer(figures.ToKpis(TopProducts), KpiSources.Postgres, now, 0, degraded, reason);
    }

    private double Age(DateTimeOffset at) => Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds);
}
