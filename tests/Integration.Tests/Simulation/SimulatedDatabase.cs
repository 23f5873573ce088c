using Dapper;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Simulation;

/// <summary>Runs history simulations into test databases and fingerprints what they wrote.</summary>
public static class SimulatedDatabase
{
    /// <summary>A small year: enough for every month, event and fraud kind, quick to write.</summary>
    public static SimulationParameters SmallYear(long seed = 7, int customers = 3_000) =>
        (SimulationParameters.Default(new DateOnly(2025, 1, 1)) with
        {
            From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 12, 31), Customers = customers, Seed = seed,
        }).Resolve(DateTimeOffset.UtcNow);

    /// <summary>Every table a simulation writes, with the key that orders its rows.</summary>
    public static readonly IReadOnlyList<(string Table, string OrderBy)> Tables =
    [
        ("shop.customers", "id"), ("shop.sellers", "id"), ("shop.products", "id"), ("shop.market_events", "id"),
        ("shop.orders", "id"), ("shop.order_items", "order_id, item_no"), ("shop.payments", "order_id, seq"),
        ("shop.deliveries", "order_id"), ("shop.reviews", "id"), ("sim.labels", "order_id"),
    ];

    public static ChunkRunner Runner(NpgsqlDataSource dataSource) =>
        new(dataSource, new SimulatorCache(dataSource), NullLogger<ChunkRunner>.Instance);

    public static async Task<int> SimulateAsync(string connectionString, SimulationParameters parameters, int workers)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, CancellationToken.None);
        await LocalSimulation.RunAsync(dataSource, Runner(dataSource), runId, workers, null, CancellationToken.None);
        return runId;
    }

    /// <summary>Row count and an md5 over every row's text, in key order, per table.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var sums = new SortedDictionary<string, string>();
        foreach (var (table, orderBy) in Tables)
        {
            sums[table] = await connection.ExecuteScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY {orderBy})), '') FROM {table} t") ?? "";
        }
        return sums;
    }
}
