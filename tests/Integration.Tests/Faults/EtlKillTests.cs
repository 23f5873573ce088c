using Dapper;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Faults;

/// <summary>Fault: the ETL process is killed (SIGKILL) while it loads the warehouse.</summary>
[Collection(ServersCollection.Name)]
public sealed class EtlKillTests(ServersFixture servers)
{
    [Fact]
    public async Task After_an_etl_killed_mid_load_the_next_run_leaves_the_warehouse_equal_to_a_full_rebuild()
    {
        var db = await servers.NewMigratedDatabaseAsync("fault_etl");
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 5, customers: 20_000), workers: 2);
        await using var connection = new NpgsqlConnection(db);

        await using (var etl = KillableWorkerProcess.Start(db, servers.Redis.ConnectionString, "etl"))
        {
            // Killed while one of its statements is writing the warehouse.
            var deadline = DateTime.UtcNow.AddMinutes(1);
            var loading = false;
            while (!loading && DateTime.UtcNow < deadline)
            {
                loading = await connection.ExecuteScalarAsync<bool>("""
                    SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                                   WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'
                                     AND query ~* '(insert|update|delete)[^;]*dw\.')
                    """);
                if (!loading) await Task.Delay(20);
            }
            Assert.True(loading, $"the ETL never wrote the warehouse within a minute:\n{etl.Output}");
            await etl.KillHardAsync();
            Assert.DoesNotContain("etl: mode=", etl.Output);
        }

        var env = new Dictionary<string, string?> { ["ConnectionStrings__ecomdb"] = db };
        var next = await WorkerProcess.RunAsync(env, "etl");
        Assert.True(next.ExitCode == 0, next.Error);
        var afterNext = await WarehouseShop.FingerprintAsync(db);
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM dw.fact_sales") > 0);

        var rebuild = await WorkerProcess.RunAsync(env, "etl", "--full");
        Assert.True(rebuild.ExitCode == 0, rebuild.Error);
        Assert.Equal(await WarehouseShop.FingerprintAsync(db), afterNext);
    }
}
