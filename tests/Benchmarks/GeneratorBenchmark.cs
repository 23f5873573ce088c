using System.CommandLine;
using System.Diagnostics;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// <c>generator [--orders N] [--workers N]</c>: a history simulation written into a fresh database through the real
/// pipeline (generation overlapped with binary COPY, indexes and constraints in place), against a raw binary COPY of
/// pre-generated rows of the same kind on the same server. Without --orders it writes the default two-year dataset.
/// </summary>
public static class GeneratorBenchmark
{
    public static Command Create()
    {
        var orders = new Option<long?>("--orders") { Description = "Orders to write (the customers are scaled to reach it); default: the default dataset" };
        var workers = new Option<int>("--workers") { Description = "Parallel chunk runners", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var command = new Command("generator", "Rows/s of the simulation pipeline vs a raw binary COPY") { orders, workers };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(orders), parse.GetValue(workers), ct));
        return command;
    }

    /// <summary>The default two-year dataset, its customers scaled so that it holds about <paramref name="targetOrders"/> orders (null: the default).</summary>
    internal static SimulationParameters Parameters(long? targetOrders)
    {
        var now = DateTimeOffset.UtcNow;
        var parameters = SimulationParameters.Default(DateOnly.FromDateTime(now.UtcDateTime)).Resolve(now);
        if (targetOrders is not { } target) return parameters;
        var estimate = new MarketplaceSimulator(parameters, runId: 1).EstimatedOrders;
        return parameters with { Customers = (int)Math.Max(1, Math.Round(parameters.Customers * (double)target / estimate)) };
    }

    /// <summary>Writes the history simulation of <paramref name="parameters"/> into <paramref name="db"/> through the real pipeline; the rows written.</summary>
    internal static async Task<TableCounts> SimulateAsync(string db, SimulationParameters parameters, int workers, CancellationToken ct)
    {
        var totals = TableCounts.Zero;
        var gate = new Lock();
        await using var dataSource = NpgsqlDataSource.Create(db);
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, ct);
        var runner = new ChunkRunner(dataSource, new SimulatorCache(dataSource), NullLogger<ChunkRunner>.Instance);
        await LocalSimulation.RunAsync(dataSource, runner, runId, workers, result =>
        {
            lock (gate) totals += result.Rows;
        }, ct);
        return totals;
    }

    private static async Task<int> RunAsync(long? targetOrders, int workers, CancellationToken ct)
    {
        if (targetOrders is < 1) { Console.Error.WriteLine("error: --orders must be at least 1"); return 2; }
        var parameters = Parameters(targetOrders);

        await using var servers = await BenchmarkDatabase.StartAsync();
        var db = await servers.NewMigratedAsync("bench_gen");
        Console.WriteLine($"generator: {parameters.From:yyyy-MM-dd}..{parameters.To:yyyy-MM-dd}, {parameters.Customers:N0} customers, seed {parameters.Seed}, {workers} workers, on {servers.Where}");

        // 1. The pipeline, measured from the run's creation to its last commit.
        GC.Collect();
        var clock = Stopwatch.StartNew();
        var totals = await SimulateAsync(db, parameters, workers, ct);
        clock.Stop();
        var peakMib = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var seconds = clock.Elapsed.TotalSeconds;
        var rows = totals.Total;

        // 2. Raw binary COPY of pre-generated rows (two month chunks of the same run) into an empty copy of the schema, in the
        //    same bulk mode as the chunk runner.
        var baseline = await RawCopyRowsPerSecondAsync(servers, parameters, workers, ct);

        var table = new Table().AddColumn("table").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("rows/s").RightAligned());
        foreach (var (name, count) in totals.ByTable) table.AddRow(name, count.ToString("N0"), (count / seconds).ToString("N0"));
        table.AddRow("total", rows.ToString("N0"), (rows / seconds).ToString("N0"));
        AnsiConsole.Write(table);
        var rate = rows / seconds;
        Console.WriteLine(FormattableString.Invariant($"raw binary COPY of pre-generated rows: {baseline:F0} rows/s"));
        Console.WriteLine(FormattableString.Invariant(
            $"generator: orders={totals.Orders} rows={rows} seconds={seconds:F1} rows_per_s={rate:F0} copy_ratio={rate / baseline:F2} peak_mib={peakMib:F0}"));
        return 0;
    }

    private static async Task<double> RawCopyRowsPerSecondAsync(BenchmarkDatabase servers, SimulationParameters parameters, int workers, CancellationToken ct)
    {
        var db = await servers.NewMigratedAsync("bench_raw");
        await using var dataSource = NpgsqlDataSource.Create(db);
        var simulator = new MarketplaceSimulator(parameters, await SimulationRunStore.CreateAsync(dataSource, parameters, ct));
        var world = simulator.Generate(simulator.Chunks[0]);
        var months = simulator.Chunks.Skip(1).TakeLast(Math.Max(2, workers)).Select(simulator.Generate).ToList();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await ChunkCopyWriter.WriteAsync(connection, world, ct);
        }
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(months, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct }, async (month, token) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await using var tx = await connection.BeginTransactionAsync(token);
            await BulkLoadMode.TryEnterAsync(connection, tx, token);
            await ChunkCopyWriter.WriteAsync(connection, month, token);
            await tx.CommitAsync(token);
        });
        clock.Stop();
        return months.Sum(m => m.RowCount) / clock.Elapsed.TotalSeconds;
    }
}
