using Ecom.Aspire.Core.Realtime;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Realtime;

/// <summary>The live figures of a day in Redis equal the same figures computed in SQL, to the cent.</summary>
public static class KpiAssert
{
    public static async Task<DayFigures> RedisEqualsSqlAsync(NpgsqlDataSource dataSource, RedisKpiStore store, DateOnly day)
    {
        var sql = await PostgresKpiQuery.ReadDayAsync(dataSource, day, detail: true, topProducts: 0, CancellationToken.None);
        var redis = await store.ReadFullAsync(day);
        Assert.Equal(sql.RevenueCents, redis.RevenueCents);
        Assert.Equal(sql.Orders, redis.Orders);
        Assert.Equal(sql.Items, redis.Items);
        Assert.Equal(sql.ActiveCustomers, redis.ActiveCustomers);
        Assert.Equal(sql.CustomerOrders.OrderBy(c => c.Key), redis.CustomerOrders.OrderBy(c => c.Key));
        Assert.Equal(sql.StateCents.OrderBy(s => s.Key), redis.StateCents.OrderBy(s => s.Key));
        Assert.Equal(sql.ProductCents.OrderBy(p => p.Key), redis.ProductCents.OrderBy(p => p.Key));
        return sql;
    }
}
