using System.CommandLine;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StackExchange.Redis;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// <c>live [--seconds 60] [--rate R]</c>: live mode's ingestion (orders committed to PostgreSQL per second, and the
/// latency from a batch's commit to its visibility in Redis) at the highest rate the producer sustains, then
/// <c>GET /api/kpis/live</c> requests/s of the real Api process under wrk on loopback.
/// </summary>
public static partial class LiveBenchmark
{
    /// <summary>The longest window one batch covers while catching up, in this benchmark (the criterion of "sustained").</summary>
    private const int MaxWindowSeconds = 5;
    /// <summary>The sustained run goes at this share of the rate the probe saturated at.</summary>
    private const double SustainedShare = 0.9;
    private const double MaxNominalRate = 100_000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "Length of the sustained live run", DefaultValueFactory = _ => 60 };
        var rate = new Option<double?>("--rate") { Description = "Live rate setting (orders/s of an ordinary moment, as PUT /api/live/rate); default: found by a saturation probe" };
        var probeSeconds = new Option<int>("--probe-seconds") { Description = "Length of the saturation probe (without --rate)", DefaultValueFactory = _ => 15 };
        var customers = new Option<int>("--customers") { Description = "Customers of the two-month history run live mode draws from", DefaultValueFactory = _ => 20_000 };
        var wrkSeconds = new Option<int>("--wrk-seconds") { Description = "Length of the wrk run against /api/kpis/live", DefaultValueFactory = _ => 15 };
        var apiDll = new Option<string?>("--api-dll") { Description = "Path of Ecom.Aspire.Api.dll (default: the Api build output next to this benchmark's)" };
        var command = new Command("live", "Live ingestion orders/s and commit-to-Redis latency, then /api/kpis/live requests/s under wrk")
        {
            seconds, rate, probeSeconds, customers, wrkSeconds, apiDll,
        };
        command.SetAction((parse, ct) => RunAsync(new Settings(
            parse.GetValue(seconds), parse.GetValue(rate), parse.GetValue(probeSeconds), parse.GetValue(customers),
            parse.GetValue(wrkSeconds), parse.GetValue(apiDll)), ct));
        return command;
    }

    private sealed record Settings(int Seconds, double? Rate, int ProbeSeconds, int Customers, int WrkSeconds, string? ApiDll);

    private sealed record PhaseResult(long Orders, int Batches, double Seconds, double MaxLagSeconds, IReadOnlyList<double> LatenciesMs)
    {
        public double OrdersPerSecond => Orders / Seconds;
    }

    private sealed record WrkResult(double RequestsPerSecond, double? P50Ms, double? P99Ms, long Requests, long Errors);

    private static async Task<int> RunAsync(Settings s, CancellationToken ct)
    {
        if (s.Seconds < 1 || s.ProbeSeconds < 1 || s.WrkSeconds < 1) { Console.Error.WriteLine("error: --seconds, --probe-seconds and --wrk-seconds must be at least 1"); return 2; }
        if (s.Rate is { } r && (double.IsNaN(r) || r <= 0 || r > MaxNominalRate)) { Console.Error.WriteLine($"error: --rate must be above 0 and at most {MaxNominalRate:N0}"); return 2; }
        if (s.Customers < 1) { Console.Error.WriteLine("error: --customers must be at least 1"); return 2; }

        // wrk is checked first, so that a missing wrk is known before the live run, not after.
        var wrk = FindOnPath("wrk");
        string? apiDll = null;
        if (wrk is null) Console.Error.WriteLine("error: wrk not found on PATH (apt-get install -y wrk): the /api/kpis/live part will be skipped");
        else
        {
            apiDll = s.ApiDll ?? FindApiDll();
            if (apiDll is null || !File.Exists(apiDll))
            {
                Console.Error.WriteLine($"error: Ecom.Aspire.Api.dll not found ({s.ApiDll ?? "build the Api, or pass --api-dll"}): the /api/kpis/live part will be skipped");
                apiDll = null;
            }
        }

        await using var servers = await BenchmarkDatabase.StartAsync();
        await using var redisServer = await LocalRedis.StartAsync();
        var redisOptions = ConfigurationOptions.Parse(redisServer.ConnectionString);
        redisOptions.AbortOnConnectFail = false;
        if (!redisServer.Owned && redisOptions.DefaultDatabase is null)
        {
            // A shared Redis: keep away from the live figures of database 0.
            redisOptions.DefaultDatabase = 15;
        }
        var redisConnectionString = redisOptions.ToString(includePassword: true);
        var db = await servers.NewMigratedAsync("bench_live");

        // 1. A small completed history run: the world live mode draws customers and products from.
        var now = DateTimeOffset.UtcNow;
        var today = BusinessDay.Of(now);
        var history = (SimulationParameters.Default(today) with { From = today.AddMonths(-2), Customers = s.Customers }).Resolve(now);
        var workers = Math.Max(2, Environment.ProcessorCount);
        long historyOrders = 0;
        var historyClock = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(db);
        {
            var runId = await SimulationRunStore.CreateAsync(dataSource, history, ct);
            var runner = new ChunkRunner(dataSource, new SimulatorCache(dataSource), NullLogger<ChunkRunner>.Instance);
            await LocalSimulation.RunAsync(dataSource, runner, runId, workers, result => Interlocked.Add(ref historyOrders, result.Rows.Orders), ct);
        }
        Console.WriteLine(Invariant($"live: history {history.From:yyyy-MM-dd}..{history.To:yyyy-MM-dd}, {history.Customers:N0} customers, {historyOrders:N0} orders in {historyClock.Elapsed.TotalSeconds:F1} s, on {servers.Where}"));
        Console.WriteLine(redisServer.Owned ? "live: Redis: a local throwaway redis-server" : $"live: Redis: the server of ConnectionStrings__cache, database {redisOptions.DefaultDatabase}");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisOptions);
        foreach (var day in new[] { today.AddDays(-1), today, today.AddDays(1) })
        {
            foreach (var key in new RedisKpiKeys(day).All) await redis.GetDatabase().KeyDeleteAsync(key);
        }
        var store = new RedisKpiStore(redis, TimeProvider.System);
        await using var watermarks = await dataSource.OpenConnectionAsync(ct);

        // Commit-to-Redis latency of every batch, as the producer records it.
        var gate = new Lock();
        List<double>? recording = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // By name: the instrument is published while RealtimeTelemetry's static fields are being initialized.
            if (instrument.Meter.Name == RealtimeTelemetry.Name && instrument.Name == "ecom.live.batch_latency") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (gate) recording?.Add(value);
        });
        listener.Start();

        async Task SetRateAsync(double nominal)
        {
            var options = new DbContextOptionsBuilder<EcomDbContext>();
            EcomDbContextOptions.Configure(options, dataSource);
            await using var context = new EcomDbContext(options.Options);
            await LiveModeControl.UpdateAsync(context, TimeProvider.System, paused: false, ordersPerSecond: Math.Min(MaxNominalRate, nominal), ct);
        }
        double Factor() => RetailCalendar.LiveDemandFactor(DateTimeOffset.UtcNow, history.Calendar);
        var simulators = new SimulatorCache(dataSource);
        LiveOrderProducer NewProducer(int maxWindowSeconds) => new(dataSource, redis, store, simulators, TimeProvider.System,
            new LiveProducerOptions { BatchIntervalMs = 10, MaxWindowSeconds = maxWindowSeconds }, NullLogger<LiveOrderProducer>.Instance);

        async Task<double> LagSecondsAsync()
        {
            var watermark = await watermarks.ExecuteScalarAsync<double?>(new CommandDefinition(
                "SELECT extract(epoch FROM watermark)::float8 FROM sim.runs WHERE kind = 'live'", cancellationToken: ct));
            return watermark is { } w ? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - w : 0;
        }

        // One step; when the producer is caught up, waits for the next whole second (windows are whole seconds).
        async Task<(int Orders, bool Batch, double Lag, double Seconds)> StepAsync(LiveOrderProducer producer)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await producer.StepAsync(ct);
            if (result.Outcome != LiveStepOutcome.Produced) throw new InvalidOperationException($"the live producer did not produce: {result.Outcome}");
            var lag = await LagSecondsAsync();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (lag < 1)
            {
                var ms = 1000 - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() % 1000 + 5;
                await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
            }
            return (result.Orders, result.OrdersBatchId is not null, lag, seconds);
        }

        // 2a. Saturation probe (without --rate): one-second windows; the rate is doubled while the producer keeps up
        // (a step done within its second), and held once it falls behind: what it commits per second of work there is
        // the machine's ceiling.
        double nominalRate;
        double? ceiling = null;
        if (s.Rate is { } fixedRate)
        {
            nominalRate = fixedRate;
        }
        else
        {
            await using var probe = NewProducer(maxWindowSeconds: 1);
            var effective = 1000.0;
            await SetRateAsync(effective / Factor());
            await StepAsync(probe); // warm-up: loads the world, JIT
            await StepAsync(probe);
            var clock = Stopwatch.StartNew();
            long behindOrders = 0;
            var behindSeconds = 0.0;
            var behindSteps = 0;
            while (clock.Elapsed.TotalSeconds < s.ProbeSeconds)
            {
                var step = await StepAsync(probe);
                if (step.Lag >= 1)
                {
                    if (behindSteps == 0) Console.WriteLine(Invariant($"live: probe: behind at {effective:N0} orders/s (a step of {step.Orders:N0} orders took {step.Seconds:F2} s)"));
                    behindOrders += step.Orders;
                    behindSeconds += step.Seconds;
                    behindSteps++;
                }
                else
                {
                    // Kept up: not saturated (yet).
                    behindOrders = 0;
                    behindSeconds = 0;
                    behindSteps = 0;
                    if (effective * 2 / Factor() <= MaxNominalRate)
                    {
                        effective *= 2;
                        await SetRateAsync(effective / Factor());
                    }
                }
            }
            if (behindSteps > 0 && behindSeconds > 0)
            {
                ceiling = behindOrders / behindSeconds;
            }
            else
            {
                Console.WriteLine(Invariant($"live: the probe did not saturate the producer within {s.ProbeSeconds} s (last rate {effective:N0} orders/s); using that rate"));
                ceiling = effective;
            }
            Console.WriteLine(Invariant($"live: probe ceiling {ceiling:F0} orders/s committed ({behindSteps} saturated steps); the sustained run goes at {SustainedShare * 100:F0}% of it"));
            nominalRate = Math.Min(MaxNominalRate, ceiling.Value * SustainedShare / Factor());

            // The probe's backlog is skipped (as the producer skips a long gap): the sustained run starts caught up.
            await watermarks.ExecuteAsync(new CommandDefinition(
                "UPDATE sim.runs SET watermark = to_timestamp(@now) WHERE kind = 'live'",
                new { now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() }, cancellationToken: ct));
        }

        // 2b. The sustained run, with the real clock, stepping as soon as a whole second is there to produce.
        await SetRateAsync(nominalRate);
        var factor = Factor();
        Console.WriteLine(Invariant($"live: rate setting {nominalRate:F0} orders/s × calendar factor {factor:F2} now = {nominalRate * factor:F0} orders/s expected, for {s.Seconds} s"));
        PhaseResult live;
        await using (var producer = NewProducer(MaxWindowSeconds))
        {
            await StepAsync(producer); // warm-up (takes the producer lock; loads the world and JITs on the first run)
            var latencies = new List<double>();
            lock (gate) recording = latencies;
            var clock = Stopwatch.StartNew();
            long orders = 0;
            var batches = 0;
            var maxLag = 0.0;
            while (clock.Elapsed.TotalSeconds < s.Seconds)
            {
                var step = await StepAsync(producer);
                orders += step.Orders;
                if (step.Batch) batches++;
                maxLag = Math.Max(maxLag, step.Lag);
            }
            var seconds = clock.Elapsed.TotalSeconds;
            lock (gate) recording = null;
            live = new PhaseResult(orders, batches, seconds, maxLag, latencies);
            if (producer.PendingRedisBatches > 0) Console.Error.WriteLine($"live: warning: {producer.PendingRedisBatches} batches are committed but not applied to Redis");
        }

        var sorted = live.LatenciesMs.Order().ToList();
        var sustained = live.MaxLagSeconds <= MaxWindowSeconds;
        Console.WriteLine(Invariant($"live: {live.Orders:N0} orders in {live.Batches} batches over {live.Seconds:F1} s: {live.OrdersPerSecond:F0} orders/s committed, {(live.Batches == 0 ? 0 : live.Orders / live.Batches):N0} orders per batch"));
        Console.WriteLine(Invariant($"live: commit to Redis (ecom.live.batch_latency, {sorted.Count} batches): p50 {Percentile(sorted, 50):F2} ms, p95 {Percentile(sorted, 95):F2} ms, p99 {Percentile(sorted, 99):F2} ms, max {(sorted.Count == 0 ? double.NaN : sorted[^1]):F2} ms"));
        Console.WriteLine(Invariant($"live: the producer was at most {live.MaxLagSeconds:F2} s behind the clock: {(sustained ? "sustained" : "NOT sustained")}"));
        Console.WriteLine(Invariant(
            $"live: \"sustained\" means that after every step the watermark (the end of what is committed) was at most {MaxWindowSeconds} s (the max window of a batch here) behind the real clock, so the producer kept up for the whole run; ") + Invariant(
            $"{(ceiling is null ? "the rate was given with --rate" : $"the rate is {SustainedShare * 100:F0}% of what the producer committed per second when saturated (one-second windows at a rate it could not reach)")}; windows are whole seconds, so a batch covers at least 1 s."));

        // The live figures in Redis equal those computed in SQL.
        var sql = await PostgresKpiQuery.ReadDayAsync(dataSource, today, detail: false, topProducts: 1, ct);
        var (inRedis, _) = await store.ReadAsync(today, 1);
        var equal = sql.Orders == inRedis.Orders && sql.RevenueCents == inRedis.RevenueCents;
        Console.WriteLine(Invariant($"live: today in Redis: {inRedis.Orders:N0} orders, {inRedis.RevenueCents / 100m:N2} BRL; in PostgreSQL: {sql.Orders:N0} orders, {sql.RevenueCents / 100m:N2} BRL ({(equal ? "equal" : "DIFFERENT")})"));

        // 3. /api/kpis/live of the real Api process under wrk, on loopback.
        WrkResult? api = null;
        if (wrk is not null && apiDll is not null)
        {
            api = await MeasureApiAsync(wrk, apiDll, db, redisConnectionString, s.WrkSeconds, ct);
        }

        var p99 = Percentile(sorted, 99);
        Console.WriteLine(Invariant(
            $"live: orders_per_s={live.OrdersPerSecond:F0} p99_commit_to_redis_ms={p99:F2} kpis_requests_per_s={(api is null ? "n/a" : api.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture))}"));
        return api is null || !equal ? 1 : 0;
    }

    private static async Task<WrkResult?> MeasureApiAsync(string wrk, string apiDll, string db, string redis, int wrkSeconds, CancellationToken ct)
    {
        RunningSystem system;
        try
        {
            system = await RunningSystem.StartApiAsync(db, redis, apiDll: apiDll, ct: ct);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return null;
        }
        await using var _ = system;
        var url = system.ApiUrl;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var answer = await http.GetFromJsonAsync<LiveKpisAnswer>("/api/kpis/live", Json, ct);
        Console.WriteLine(Invariant($"live: Api on {url} (pid {system.Processes[0].Pid}): /api/kpis/live answers from {answer?.Source} (degraded: {answer?.Degraded}), {answer?.Kpis.Orders:N0} orders today"));
        if (answer?.Source != KpiSources.Redis) Console.Error.WriteLine("live: warning: the answer did not come from Redis");

        await RunWrkAsync(wrk, ["-t2", "-c16", "-d3s", $"{url}/api/kpis/live"], 3, ct); // warm-up (JIT, pools)
        var output = await RunWrkAsync(wrk, ["-t2", "-c16", $"-d{wrkSeconds}s", "--latency", "--timeout", "5s", $"{url}/api/kpis/live"], wrkSeconds, ct);
        if (output is null) return null;
        var result = ParseWrk(output);
        if (result is null)
        {
            Console.Error.WriteLine($"error: could not read wrk's output:\n{output}");
            return null;
        }
        Console.WriteLine(Invariant(
            $"live: wrk -t2 -c16 -d{wrkSeconds}s {url}/api/kpis/live: {result.Requests:N0} requests, {result.RequestsPerSecond:F0} requests/s, latency p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, {result.Errors} errors"));
        if (result.Errors > 0) Console.Error.WriteLine("live: warning: some answers were errors (non-2xx, socket errors or timeouts)");
        return result;
    }

    /// <summary>Runs wrk, killed if it outlives its duration by 30 s; its output, or null when it failed.</summary>
    private static async Task<string?> RunWrkAsync(string wrk, string[] arguments, int seconds, CancellationToken ct)
    {
        var info = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        try
        {
            await process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Console.Error.WriteLine("error: wrk did not finish in time and was stopped");
            return null;
        }
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"error: wrk failed ({process.ExitCode}): {await stderr}{await stdout}");
            return null;
        }
        return await stdout;
    }

    [GeneratedRegex(@"Requests/sec:\s*([0-9.]+)")]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*(50|99)(?:\.000)?%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s*(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();

    /// <summary>Reads wrk's summary: Requests/sec, the 50% and 99% latency lines (of --latency), errors.</summary>
    private static WrkResult? ParseWrk(string output)
    {
        var rps = RequestsPerSecondLine().Match(output);
        if (!rps.Success) return null;
        double? p50 = null, p99 = null;
        foreach (Match m in PercentileLine().Matches(output))
        {
            var value = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * m.Groups[3].Value switch { "us" => 0.001, "ms" => 1, _ => 1000 };
            if (m.Groups[1].Value == "50") p50 = value;
            else p99 = value;
        }
        var requests = RequestsLine().Match(output) is { Success: true } r ? long.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        long errors = Non2xxLine().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrorsLine().Match(output) is { Success: true } e)
        {
            for (var g = 1; g <= 4; g++) errors += long.Parse(e.Groups[g].Value, CultureInfo.InvariantCulture);
        }
        return new WrkResult(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), p50, p99, requests, errors);
    }

    /// <summary>Nearest-rank percentile of sorted values (NaN when empty).</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>
    /// The Api's build output (the Benchmarks project references the Api project, so building one builds the other):
    /// with --artifacts-path, ARTIFACTS/bin/Api/CONFIG/; otherwise Api/bin/CONFIG/net10.0/ in the repository.
    /// </summary>
    internal static string? FindApiDll()
    {
        const string dll = "Ecom.Aspire.Api.dll";
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        // ARTIFACTS/bin/Benchmarks/release → ARTIFACTS/bin/Api/release
        if (own.Parent is { Name: "Benchmarks" } artifactsProject && artifactsProject.Parent is { } artifactsBin)
        {
            candidates.Add(Path.Combine(artifactsBin.FullName, "Api", own.Name, dll));
        }
        // REPO/tests/Benchmarks/bin/Release/net10.0 → REPO/Api/bin/Release/net10.0
        if (own.Parent?.Parent is { Name: "bin" } bin && bin.Parent?.Parent?.Parent is { } repo)
        {
            candidates.Add(Path.Combine(repo.FullName, "Api", "bin", own.Parent.Name, own.Name, dll));
        }
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
