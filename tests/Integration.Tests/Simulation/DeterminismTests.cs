using Dapper;
using Ecom.Aspire.Core.Model;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Simulation;

[Collection(ServersCollection.Name)]
public sealed class DeterminismTests(ServersFixture servers)
{
    [Fact]
    public async Task The_same_seed_writes_the_same_rows_with_one_worker_or_two()
    {
        var parameters = SimulatedDatabase.SmallYear();
        var one = await servers.NewMigratedDatabaseAsync("det_one");
        var two = await servers.NewMigratedDatabaseAsync("det_two");

        await SimulatedDatabase.SimulateAsync(one, parameters, workers: 1);
        await SimulatedDatabase.SimulateAsync(two, parameters, workers: 2);

        var a = await SimulatedDatabase.ChecksumsAsync(one);
        var b = await SimulatedDatabase.ChecksumsAsync(two);
        Assert.Equal(a, b);
        Assert.All(a.Values, sum => Assert.False(sum.StartsWith("0:"), "every table has rows"));
    }

    [Fact]
    public async Task Another_seed_writes_other_rows()
    {
        var one = await servers.NewMigratedDatabaseAsync("det_seed_a");
        var two = await servers.NewMigratedDatabaseAsync("det_seed_b");
        await SimulatedDatabase.SimulateAsync(one, SimulatedDatabase.SmallYear(seed: 1, customers: 500), workers: 2);
        await SimulatedDatabase.SimulateAsync(two, SimulatedDatabase.SmallYear(seed: 2, customers: 500), workers: 2);

        var a = await SimulatedDatabase.ChecksumsAsync(one);
        var b = await SimulatedDatabase.ChecksumsAsync(two);
        Assert.NotEqual(a["shop.orders"], b["shop.orders"]);
    }

    [Fact]
    public async Task Running_chunks_again_replaces_their_rows_instead_of_adding_to_them()
    {
        var db = await servers.NewMigratedDatabaseAsync("det_rerun");
        var runId = await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(customers: 1_000), workers: 2);
        var before = await SimulatedDatabase.ChecksumsAsync(db);

        await using var dataSource = NpgsqlDataSource.Create(db);
        var runner = SimulatedDatabase.Runner(dataSource);
        await runner.RunAsync(runId, 0, CancellationToken.None);   // the world
        await runner.RunAsync(runId, 3, CancellationToken.None);   // March
        await runner.RunAsync(runId, 3, CancellationToken.None);   // and again

        Assert.Equal(before, await SimulatedDatabase.ChecksumsAsync(db));
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT attempts FROM sim.run_chunks WHERE run_id = @runId AND chunk_no = 3", new { runId }));
        var run = await connection.QuerySingleAsync<(string Status, int ChunksDone, int ChunksTotal)>(
            "SELECT status, chunks_done, chunks_total FROM sim.runs WHERE id = @runId", new { runId });
        Assert.Equal((RunStatuses.Completed, 13, 13), run);
    }

    [Fact]
    public async Task A_month_is_not_written_before_its_world_and_the_bulk_load_leaves_no_broken_reference()
    {
        var db = await servers.NewMigratedDatabaseAsync("det_world_first");
        var parameters = SimulatedDatabase.SmallYear(customers: 500);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var runId = await Ecom.Aspire.Core.Simulation.Runs.SimulationRunStore.CreateAsync(dataSource, parameters, CancellationToken.None);
        var runner = SimulatedDatabase.Runner(dataSource);

        // Month chunks skip the per-row foreign-key checks, so the runner itself refuses a month whose world is missing.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(runId, 2, CancellationToken.None));
        Assert.Contains("world chunk", refused.Message);
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders"));
        Assert.Equal(RunStatuses.Failed, await connection.ExecuteScalarAsync<string>(
            "SELECT status FROM sim.run_chunks WHERE run_id = @runId AND chunk_no = 2", new { runId }));

        await runner.RunAsync(runId, 0, CancellationToken.None);
        await runner.RunAsync(runId, 2, CancellationToken.None);
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders") > 0);
        // Every foreign key of the schema holds (what the skipped triggers would have checked row by row).
        var broken = await connection.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM shop.orders o WHERE NOT EXISTS (SELECT 1 FROM shop.customers c WHERE c.id = o.customer_id))
                 + (SELECT count(*) FROM shop.order_items i WHERE NOT EXISTS (SELECT 1 FROM shop.orders o WHERE o.id = i.order_id)
                                                               OR NOT EXISTS (SELECT 1 FROM shop.products p WHERE p.id = i.product_id)
                                                               OR NOT EXISTS (SELECT 1 FROM shop.sellers s WHERE s.id = i.seller_id))
                 + (SELECT count(*) FROM shop.payments x WHERE NOT EXISTS (SELECT 1 FROM shop.orders o WHERE o.id = x.order_id))
                 + (SELECT count(*) FROM shop.deliveries x WHERE NOT EXISTS (SELECT 1 FROM shop.orders o WHERE o.id = x.order_id))
                 + (SELECT count(*) FROM shop.reviews x WHERE NOT EXISTS (SELECT 1 FROM shop.orders o WHERE o.id = x.order_id))
                 + (SELECT count(*) FROM sim.labels x WHERE NOT EXISTS (SELECT 1 FROM shop.orders o WHERE o.id = x.order_id))
            """);
        Assert.Equal(0, broken);
    }
}
