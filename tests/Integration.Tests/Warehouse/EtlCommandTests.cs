using Dapper;
using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Warehouse;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>The ETL as users and the Worker run it: the <c>etl</c> command (a real process) and the recurring Hangfire job.</summary>
[Collection(ServersCollection.Name)]
public sealed class EtlCommandTests(ServersFixture servers)
{
    private const string ResultLine = @"^etl: mode=(full|incremental) days=\d+ rows=\d+ seconds=\d+\.\d\d$";

    [Fact]
    public async Task The_etl_command_migrates_then_loads_and_prints_one_result_line()
    {
        var db = await servers.NewEmptyDatabaseAsync("cli_etl");
        var env = new Dictionary<string, string?> { ["ConnectionStrings__ecomdb"] = db };

        var first = await WorkerProcess.RunAsync(env, "etl");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Matches(ResultLine, first.Output.Trim());
        Assert.StartsWith("etl: mode=full days=0 rows=0 ", first.Output.Trim());

        await WarehouseShop.SeedAsync(db);
        var incremental = await WorkerProcess.RunAsync(env, "etl");
        Assert.True(incremental.ExitCode == 0, incremental.Error);
        Assert.StartsWith("etl: mode=incremental days=2 rows=6 ", incremental.Output.Trim());

        var full = await WorkerProcess.RunAsync(env, "etl", "--full");
        Assert.True(full.ExitCode == 0, full.Error);
        var line = Assert.Single(full.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(ResultLine, line.Trim());
        Assert.StartsWith("etl: mode=full days=2 rows=6 ", line);

        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(537.90m, await connection.ExecuteScalarAsync<decimal>("SELECT sum(revenue) FROM dw.fact_sales"));
    }

    [Fact]
    public async Task A_bad_option_or_no_database_gives_one_readable_line()
    {
        var bad = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "etl", "--fast");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--fast", Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var noDatabase = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "etl");
        Assert.Equal(2, noDatabase.ExitCode);
        Assert.StartsWith("error: no database configured", Assert.Single(noDatabase.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task The_worker_enables_bi_reader_and_runs_the_etl_every_five_minutes_through_hangfire()
    {
        var db = await servers.NewEmptyDatabaseAsync("worker_etl");
        var settings = new Dictionary<string, string> { [BiReaderRole.PasswordKey] = "superset-secret" };
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString, settings);
        _ = worker.CreateClient();
        try
        {
            await using var connection = new NpgsqlConnection(db);
            Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'bi_reader'"));

            var storage = worker.Services.GetRequiredService<JobStorage>();
            using (var storageConnection = storage.GetConnection())
            {
                var job = Assert.Single(storageConnection.GetRecurringJobs(), j => j.Id == WarehouseEtlJob.Id);
                Assert.Equal("*/5 * * * *", job.Cron);
            }

            await WarehouseShop.SeedAsync(db);
            Assert.Equal("Succeeded", await HangfireJobs.TriggerAndWaitAsync(worker.Services, WarehouseEtlJob.Id));
            Assert.Equal(6, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.fact_sales"));
            Assert.NotNull(await connection.ExecuteScalarAsync<DateTime?>("SELECT last_run_at FROM dw.etl_state"));
        }
        finally
        {
            await using var admin = new NpgsqlConnection(db);
            await admin.ExecuteAsync("ALTER ROLE bi_reader NOLOGIN PASSWORD NULL");
        }
    }
}
