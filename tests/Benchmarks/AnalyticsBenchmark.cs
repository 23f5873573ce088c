using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// <c>analytics [--orders N] [--requests N]</c>: the history dataset of the generator benchmark (same code), the full
/// ETL load and an incremental load of one day (the last day reloaded, as after a live batch), both timed; then the
/// real Api process on a loopback port, every analytics endpoint called with its default parameters (the last 30 days
/// with sales; lifetime answers for lifecycle and CLV), after a VACUUM ANALYZE, --requests times one after the other: first with the output
/// cache turned off (Ecom:AnalyticsCacheEnabled=false: every answer is computed), then with it on (after one call that
/// fills it). Prints p50/p95/p99 per endpoint and pass, and ends with <c>analytics: endpoints=N worst_p95_ms=X</c>, the
/// highest uncached p95.
/// </summary>
public static class AnalyticsBenchmark
{
    /// <summary>Every analytics endpoint of the Api, with its default parameters.</summary>
    private static readonly string[] Endpoints =
    [
        "/api/analytics/finance",
        "/api/analytics/trends",
        "/api/analytics/geography",
        "/api/analytics/delivery",
        "/api/analytics/products/top",
        "/api/analytics/products/lifecycle",
        "/api/analytics/products/cross-sell",
        "/api/analytics/customers/cohorts",
        "/api/analytics/customers/rfm",
        "/api/analytics/customers/clv",
        "/api/analytics/sellers/ranking",
    ];

    /// <summary>
    /// Calls before the timed ones: a method is compiled again, optimised, after 30 calls (the JIT's tiered
    /// compilation, in the background), so the timed calls meet the code a running service has.
    /// </summary>
    private const int WarmupRequests = 30;

    public static Command Create()
    {
        var orders = new Option<long?>("--orders") { Description = "Orders of the dataset (the customers are scaled to reach it); default: the default dataset" };
        var requests = new Option<int>("--requests") { Description = "Timed requests per endpoint and pass", DefaultValueFactory = _ => 50 };
        var apiDll = new Option<string?>("--api-dll") { Description = "Path of Ecom.Aspire.Api.dll (default: the Api build output next to this benchmark's)" };
        var command = new Command("analytics", "ETL full and incremental times, then p50/p95/p99 of every analytics endpoint with and without the output cache")
        {
            orders, requests, apiDll,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(orders), parse.GetValue(requests), parse.GetValue(apiDll), ct));
        return command;
    }

    private sealed record Latencies(double P50, double P95, double P99, int Errors);

    private static async Task<int> RunAsync(long? targetOrders, int requests, string? apiDllOption, CancellationToken ct)
    {
        if (targetOrders is < 1) { Console.Error.WriteLine("error: --orders must be at least 1"); return 2; }
        if (requests < 1) { Console.Error.WriteLine("error: --requests must be at least 1"); return 2; }
        var apiDll = apiDllOption ?? LiveBenchmark.FindApiDll();
        if (apiDll is null || !File.Exists(apiDll))
        {
            Console.Error.WriteLine($"error: Ecom.Aspire.Api.dll not found ({apiDllOption ?? "build the Api, or pass --api-dll"})");
            return 2;
        }
        var parameters = GeneratorBenchmark.Parameters(targetOrders);
        var workers = Math.Max(2, Environment.ProcessorCount);

        await using var servers = await BenchmarkDatabase.StartAsync();
        await using var redis = await LocalRedis.StartAsync();
        var db = await servers.NewMigratedAsync("bench_analytics");
        Console.WriteLine($"analytics: {parameters.From:yyyy-MM-dd}..{parameters.To:yyyy-MM-dd}, {parameters.Customers:N0} customers, seed {parameters.Seed}, on {servers.Where}");

        var clock = Stopwatch.StartNew();
        var rows = await GeneratorBenchmark.SimulateAsync(db, parameters, workers, ct);
        Console.WriteLine(Invariant($"analytics: dataset of {rows.Orders:N0} orders ({rows.Total:N0} rows) written in {clock.Elapsed.TotalSeconds:F1} s"));

        EtlResult full, incremental;
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            var etl = new WarehouseEtl(dataSource, NullLogger<WarehouseEtl>.Instance);
            full = await etl.RunAsync(ct);
            Console.WriteLine(Invariant($"analytics: full ETL: {full.Rows:N0} fact rows, {full.Days} days in {full.Seconds:F2} s"));
            // One day again, as live mode records a day it changed: the last day of the dataset is deleted and loaded anew.
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO sim.live_batches (day, kind, orders) SELECT max(date_key), 'status', 0 FROM dw.fact_sales", cancellationToken: ct));
            }
            incremental = await etl.RunAsync(ct);
            Console.WriteLine(Invariant($"analytics: incremental ETL of one day ({incremental.FirstDay:yyyy-MM-dd}): {incremental.Rows:N0} fact rows in {incremental.Seconds:F3} s"));
            // The shop tables were just written: autovacuum would work through their millions of rows (a core of this
            // machine for minutes) while the endpoints are timed. A database in service has long been vacuumed.
            clock.Restart();
            await using var vacuum = await dataSource.OpenConnectionAsync(ct);
            await vacuum.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE", commandTimeout: 3600, cancellationToken: ct));
            Console.WriteLine(Invariant($"analytics: VACUUM ANALYZE of the database in {clock.Elapsed.TotalSeconds:F1} s"));
        }

        // The dataset was generated in this process: its garbage (gigabytes of rows) is collected now, not by a background
        // collection competing with the Api on this machine's cores while the endpoints are timed.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var uncached = await MeasureAsync(apiDll, db, redis.ConnectionString, cache: false, requests, ct);
        var cached = await MeasureAsync(apiDll, db, redis.ConnectionString, cache: true, requests, ct);
        if (uncached is null || cached is null) return 1;

        var table = new Table().AddColumn("endpoint");
        foreach (var name in new[] { "uncached p50", "p95", "p99", "cached p50", "p95", "p99" }) table.AddColumn(new TableColumn(name + " ms").RightAligned());
        foreach (var endpoint in Endpoints)
        {
            var (u, c) = (uncached[endpoint], cached[endpoint]);
            table.AddRow([endpoint, Ms(u.P50), Ms(u.P95), Ms(u.P99), Ms(c.P50), Ms(c.P95), Ms(c.P99)]);
        }
        AnsiConsole.Write(table);
        var errors = uncached.Values.Sum(l => l.Errors) + cached.Values.Sum(l => l.Errors);
        if (errors > 0) Console.Error.WriteLine($"analytics: warning: {errors} answers were not 200");
        Console.WriteLine(Invariant($"analytics: etl_full_s={full.Seconds:F2} etl_incremental_one_day_s={incremental.Seconds:F3} requests_per_endpoint={requests}"));
        Console.WriteLine(Invariant($"analytics: endpoints={Endpoints.Length} worst_p95_ms={uncached.Values.Max(l => l.P95):F1}"));
        return errors > 0 ? 1 : 0;
    }

    /// <summary>Starts the Api on a loopback port and times every endpoint; null when the Api did not start.</summary>
    private static async Task<Dictionary<string, Latencies>?> MeasureAsync(string apiDll, string db, string redis, bool cache, int requests, CancellationToken ct)
    {
        RunningSystem system;
        try
        {
            system = await RunningSystem.StartApiAsync(db, redis,
                new Dictionary<string, string> { ["Ecom__AnalyticsCacheEnabled"] = cache ? "true" : "false" }, apiDll, ct);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
        await using var _ = system;
        using var http = new HttpClient { BaseAddress = new Uri(system.ApiUrl), Timeout = TimeSpan.FromSeconds(60) };
        var pass = cache ? "cached" : "uncached";
        Console.WriteLine($"analytics: Api on {system.ApiUrl} (pid {system.Processes[0].Pid}), output cache {(cache ? "on" : "off")}");
        var result = new Dictionary<string, Latencies>();
        foreach (var endpoint in Endpoints)
        {
            var errors = 0;
            for (var i = 0; i < WarmupRequests; i++) errors += await CallAsync(http, endpoint, ct) is null ? 1 : 0;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var times = new List<double>(requests);
            for (var i = 0; i < requests; i++)
            {
                if (await CallAsync(http, endpoint, ct) is { } ms) times.Add(ms); else errors++;
            }
            times.Sort();
            result[endpoint] = new Latencies(LiveBenchmark.Percentile(times, 50), LiveBenchmark.Percentile(times, 95), LiveBenchmark.Percentile(times, 99), errors);
            Console.WriteLine(Invariant($"analytics: {pass} {endpoint}: p50 {result[endpoint].P50:F1} ms, p95 {result[endpoint].P95:F1} ms, p99 {result[endpoint].P99:F1} ms"));
        }
        return result;
    }

    /// <summary>Milliseconds from the request to the end of the body; null when the answer is not 200.</summary>
    private static async Task<double?> CallAsync(HttpClient http, string endpoint, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(endpoint, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        clock.Stop();
        if (response.IsSuccessStatusCode) return clock.Elapsed.TotalMilliseconds;
        Console.Error.WriteLine($"analytics: {endpoint}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 500))}");
        return null;
    }

    private static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
