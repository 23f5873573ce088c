using System.CommandLine;
using System.Diagnostics;
using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// <c>soak [--minutes 10] [--rate 20] [--clients 8]</c>: the whole system (Worker with live mode, Api, Web as real
/// processes) under a steady loopback HTTP load for a while. Prints the requests served, the errors (non-2xx or no
/// answer), the latency percentiles, each process's memory at the start, at the end and its trend (least squares over
/// the samples after the first minute, and over the second half alone: a process warming up grows at first, then
/// levels), and at the end, with live mode paused, the drift between today's figures in
/// Redis and in PostgreSQL (it must be zero).
/// </summary>
public static class SoakBenchmark
{
    /// <summary>What the load asks for, in turn: live KPIs, analytics, the data browser, and dashboard pages.</summary>
    private static readonly (string Host, string Path)[] Requests =
    [
        ("api", "/api/kpis/live"), ("api", "/api/overview"), ("api", "/api/analytics/finance"), ("api", "/api/analytics/trends"),
        ("api", "/api/analytics/geography"), ("api", "/api/browse/orders?page=1"), ("api", "/api/simulations"),
        ("web", "/"), ("web", "/finance"), ("web", "/geography"),
    ];

    public static Command Create()
    {
        var minutes = new Option<double>("--minutes") { Description = "How long the load runs", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Live orders per second", DefaultValueFactory = _ => 20 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients", DefaultValueFactory = _ => 8 };
        var command = new Command("soak", "Live mode plus HTTP load on the Api and Web: errors, latency, memory trend, Redis drift") { minutes, rate, clients };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(minutes), parse.GetValue(rate), parse.GetValue(clients), ct));
        return command;
    }

    private static async Task<int> RunAsync(double minutes, double rate, int clients, CancellationToken ct)
    {
        if (minutes <= 0 || rate <= 0 || clients < 1) { Console.Error.WriteLine("error: --minutes and --rate must be positive, --clients at least 1"); return 2; }
        await using var servers = await BenchmarkDatabase.StartAsync();
        await using var redisServer = await LocalRedis.StartAsync();
        var db = await servers.NewMigratedAsync("bench_soak");
        var history = GeneratorBenchmark.Parameters(50_000);
        await GeneratorBenchmark.SimulateAsync(db, history, workers: 2, ct);
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            await new WarehouseEtl(dataSource, NullLogger<WarehouseEtl>.Instance).RunAsync(ct);
        }
        await SetLiveAsync(db, paused: false, rate, ct);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
        Console.WriteLine($"soak: {minutes} min, live mode at {rate}/s, {clients} HTTP clients, history of {history.Customers:N0} customers, on {servers.Where}");

        await using var system = await RunningSystem.StartAsync(db, redisServer.ConnectionString, ct, worker: true);
        using var api = new HttpClient { BaseAddress = new Uri(system.ApiUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var web = new HttpClient { BaseAddress = new Uri(system.WebUrl), Timeout = TimeSpan.FromSeconds(30) };
        var memory = system.Processes.ToDictionary(p => p.Name, _ => new List<(double Minute, double Mib)>());
        var latencies = new List<double>();
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(minutes);

        void SampleMemory()
        {
            foreach (var (name, pid) in system.Processes)
            {
                using var process = Process.GetProcessById(pid);
                memory[name].Add((clock.Elapsed.TotalMinutes, process.WorkingSet64 / (1024.0 * 1024.0)));
            }
        }
        SampleMemory();
        var sampler = Task.Run(async () =>
        {
            while (clock.Elapsed < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), ct);
                SampleMemory();
            }
        }, ct);
        var load = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = new List<double>();
            for (var i = c; clock.Elapsed < end; i++)
            {
                var (host, path) = Requests[i % Requests.Length];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await (host == "api" ? api : web).GetAsync(path, ct);
                    await response.Content.LoadIntoBufferAsync(ct);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies) latencies.AddRange(mine);
        }, ct)).ToList();
        await Task.WhenAll(load);
        await sampler;
        SampleMemory();

        // Stop producing, let the last batch and its Redis apply finish, then compare today's figures.
        await SetLiveAsync(db, paused: true, rate, ct);
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var drift = await DriftAsync(db, redis, ct);

        latencies.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"soak: requests={latencies.Count} errors={errors} p50_ms={LiveBenchmark.Percentile(latencies, 50):F1} p95_ms={LiveBenchmark.Percentile(latencies, 95):F1} p99_ms={LiveBenchmark.Percentile(latencies, 99):F1} requests_per_s={latencies.Count / clock.Elapsed.TotalSeconds:F0}"));
        var (memoryStart, memoryEnd) = (0.0, 0.0);
        foreach (var (name, samples) in memory)
        {
            var trend = Trend([.. samples.Where(s => s.Minute >= 1)]);
            var half = samples.Where(s => s.Minute >= minutes / 2).ToList();
            memoryStart += samples[0].Mib;
            memoryEnd += samples[^1].Mib;
            Console.WriteLine(FormattableString.Invariant(
                $"soak: {name} memory start={samples[0].Mib:F0} MiB end={samples[^1].Mib:F0} MiB max={samples.Max(s => s.Mib):F0} MiB trend={trend:+0.0;-0.0;0.0} MiB/min second_half={half[0].Mib:F0}->{half[^1].Mib:F0} MiB trend={Trend(half):+0.0;-0.0;0.0} MiB/min ({samples.Count} samples)"));
        }
        Console.WriteLine($"soak: live orders {drift.Orders:N0} today in PostgreSQL; drift Redis - PostgreSQL: orders {drift.OrdersDrift}, revenue {drift.RevenueDriftCents} cents, items {drift.ItemsDrift}");
        Console.WriteLine(FormattableString.Invariant(
            $"soak: minutes={minutes} requests={latencies.Count} errors={errors} p99_ms={LiveBenchmark.Percentile(latencies, 99):F1} mem_start_mib={memoryStart:F0} mem_end_mib={memoryEnd:F0} drift_orders={drift.OrdersDrift} drift_revenue_cents={drift.RevenueDriftCents}"));
        return 0;
    }

    private static async Task SetLiveAsync(string db, bool paused, double rate, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, db);
        await using var context = new EcomDbContext(options.Options);
        await LiveModeControl.UpdateAsync(context, TimeProvider.System, paused, rate, ct);
    }

    private static async Task<(long Orders, long OrdersDrift, long RevenueDriftCents, long ItemsDrift)> DriftAsync(string db, ConnectionMultiplexer redis, CancellationToken ct)
    {
        await using var dataSource = NpgsqlDataSource.Create(db);
        var day = BusinessDay.Of(DateTimeOffset.UtcNow);
        var sql = await PostgresKpiQuery.ReadDayAsync(dataSource, day, detail: false, topProducts: 0, ct);
        var cached = await new RedisKpiStore(redis, TimeProvider.System).ReadFullAsync(day);
        return (sql.Orders, cached.Orders - sql.Orders, cached.RevenueCents - sql.RevenueCents, cached.Items - sql.Items);
    }

    /// <summary>Least-squares slope of the samples (MiB per minute); 0 with fewer than two.</summary>
    private static double Trend(IReadOnlyList<(double Minute, double Mib)> samples)
    {
        if (samples.Count < 2) return 0;
        var mx = samples.Average(s => s.Minute);
        var my = samples.Average(s => s.Mib);
        var sxx = samples.Sum(s => (s.Minute - mx) * (s.Minute - mx));
        return sxx == 0 ? 0 : samples.Sum(s => (s.Minute - mx) * (s.Mib - my)) / sxx;
    }
}
