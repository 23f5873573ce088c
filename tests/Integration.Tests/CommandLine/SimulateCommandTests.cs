using Dapper;
using Ecom.Aspire.Integration.Tests.Simulation;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.CommandLine;

[Collection(ServersCollection.Name)]
public sealed class SimulateCommandTests(ServersFixture servers)
{
    [Fact]
    public async Task Simulate_writes_a_run_into_the_database_and_prints_a_summary()
    {
        var db = await servers.NewEmptyDatabaseAsync("cli_simulate");
        var env = new Dictionary<string, string?> { ["ConnectionStrings__ecomdb"] = db };

        var result = await WorkerProcess.RunAsync(env, "simulate", "--from", "2024-01-01", "--years", "1", "--customers", "1500", "--seed", "5");

        Assert.True(result.ExitCode == 0, result.Error);
        var last = result.Output.Trim().Split('\n')[^1];
        Assert.Matches(@"^simulate: run=1 orders=\d+ rows=\d+ seconds=[\d.]+ rows_per_s=\d+$", last);
        Assert.Contains("shop.orders", result.Output);
        await using var connection = new NpgsqlConnection(db);
        var run = await connection.QuerySingleAsync<(string Status, DateTime From, DateTime To, long Seed)>("SELECT status, from_date, to_date, seed FROM sim.runs");
        Assert.Equal(("completed", new DateTime(2024, 1, 1), new DateTime(2024, 12, 31), 5L), run);
        var orders = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders");
        Assert.Contains($"orders={orders} ", last);
    }

    [Fact]
    public async Task Simulate_to_csv_and_parquet_files_needs_no_server_and_matches_the_database_run()
    {
        var dir = Directory.CreateTempSubdirectory("ecom-sim-out-");
        try
        {
            var csv = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "simulate", "--from", "2024-01-01", "--to", "2024-03-31",
                "--customers", "800", "--out", Path.Combine(dir.FullName, "csv"), "--format", "csv");
            Assert.True(csv.ExitCode == 0, csv.Error);
            var parquet = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "simulate", "--from", "2024-01-01", "--to", "2024-03-31",
                "--customers", "800", "--out", Path.Combine(dir.FullName, "parquet"), "--format", "parquet");
            Assert.True(parquet.ExitCode == 0, parquet.Error);

            foreach (var table in new[] { "customers", "sellers", "products", "market_events", "orders", "order_items", "payments", "deliveries", "reviews", "labels" })
            {
                Assert.True(File.Exists(Path.Combine(dir.FullName, "csv", $"{table}.csv")), $"{table}.csv");
                Assert.True(File.Exists(Path.Combine(dir.FullName, "parquet", $"{table}.parquet")), $"{table}.parquet");
            }
            var orderLines = File.ReadLines(Path.Combine(dir.FullName, "csv", "orders.csv")).Count() - 1;
            Assert.Contains($"orders={orderLines} ", csv.Output);
            Assert.Contains($"orders={orderLines} ", parquet.Output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--to", "2023-01-01", "--from", "2024-01-01")]
    [InlineData("--to", "2025-01-01", "--years", "2")]
    [InlineData("--years", "0")]
    [InlineData("--customers", "-5")]
    [InlineData("--from", "yesterday")]
    [InlineData("--format", "xlsx", "--out", "/tmp/x")]
    [InlineData("--format", "csv")]
    [InlineData("--workers", "0")]
    [InlineData("--frob")]
    public async Task Bad_arguments_print_one_line_exit_non_zero_and_touch_nothing(params string[] args)
    {
        var db = await servers.NewMigratedDatabaseAsync("cli_bad");
        var env = new Dictionary<string, string?> { ["ConnectionStrings__ecomdb"] = db };
        var before = await SimulatedDatabase.ChecksumsAsync(db);

        var result = await WorkerProcess.RunAsync(env, ["simulate", .. args]);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Equal(before, await SimulatedDatabase.ChecksumsAsync(db));
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sim.runs"));
    }
}
