using System.CommandLine;
using System.Diagnostics;
using Dapper;
using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.TestSupport;
using Ecom.Aspire.Web.Components.Layout;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// <c>pages [--orders N]</c>: how fast each dashboard page becomes interactive on a large dataset. A history
/// simulation of about N orders (default 1,000,000, the generator benchmark's dataset) is written into a fresh
/// database, loaded into the warehouse by the ETL and the models trained (the Worker's jobs); then the real Api and Web run as processes and headless
/// Chromium opens every page of the menu, with the browser test's code (<see cref="DashboardWalk"/>): from navigation
/// until the Blazor circuit has rendered and the page shows its data. Every page is visited once first (printed, not
/// counted: first visits compile code and read cold tables), then timed: loaded in the open tab (interactive_ms), loaded
/// in a new tab (new_tab_ms), and opened from the menu (in_app_ms). Prints one line per page and visit and a summary line. With <c>--web URL</c>, the pages of a Web already running are timed instead, on its data.
/// </summary>
public static class PagesBenchmark
{
    public static Command Create()
    {
        var orders = new Option<long?>("--orders") { Description = "Orders of the dataset (default 1000000)" };
        var workers = new Option<int>("--workers") { Description = "Simulation workers", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
        var web = new Option<string?>("--web") { Description = "The address of a Web already running (its data as it is): only the pages are timed" };
        var command = new Command("pages", "Time to interactive of every dashboard page on a large dataset") { orders, workers, web };
        command.SetAction((parse, ct) => parse.GetValue(web) is { } url
            ? WalkAsync(url, ct)
            : RunAsync(parse.GetValue(orders) ?? 1_000_000, parse.GetValue(workers), ct));
        return command;
    }

    private static async Task<int> RunAsync(long targetOrders, int workers, CancellationToken ct)
    {
        if (targetOrders < 1) { Console.Error.WriteLine("error: --orders must be at least 1"); return 2; }
        var parameters = GeneratorBenchmark.Parameters(targetOrders);
        await using var servers = await BenchmarkDatabase.StartAsync();
        await using var redis = await LocalRedis.StartAsync();
        var db = await servers.NewMigratedAsync("bench_pages");
        Console.WriteLine($"pages: {parameters.From:yyyy-MM-dd}..{parameters.To:yyyy-MM-dd}, {parameters.Customers:N0} customers, seed {parameters.Seed}, on {servers.Where}");

        var clock = Stopwatch.StartNew();
        var rows = await GeneratorBenchmark.SimulateAsync(db, parameters, workers, ct);
        Console.WriteLine($"pages: simulated {rows.Orders:N0} orders in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            var etl = await new WarehouseEtl(dataSource, NullLogger<WarehouseEtl>.Instance).RunAsync(ct);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await connection.ExecuteAsync("VACUUM ANALYZE");
            Console.WriteLine($"pages: ETL {etl.Mode}, {etl.Days} days, {etl.Rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s (then VACUUM ANALYZE)");
            clock.Restart();
            var trained = await new ModelTraining(dataSource, NullLogger<ModelTraining>.Instance).RunAsync(new TrainOptions(), null, ct);
            Console.WriteLine($"pages: {trained} in {clock.Elapsed.TotalSeconds:F1} s");
        }

        // The dataset and the models were made in this process: their garbage is collected now, not beside the timing.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await using var system = await RunningSystem.StartAsync(db, redis.ConnectionString, ct);
        return await WalkAsync(system.WebUrl, ct);
    }

    private static async Task<int> WalkAsync(string webUrl, CancellationToken ct)
    {
        if (!Uri.TryCreate(webUrl, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            Console.Error.WriteLine($"error: --web must be an http(s) address (got '{webUrl}')");
            return 2;
        }
        await using var walk = await DashboardWalk.StartAsync(webUrl, Path.Combine(DashboardWalk.ScreenshotFolder(), "benchmark"));
        // First visits, printed but not counted: the browser fills its cache, the Api and the Web compile the code of
        // each page's answers and PostgreSQL reads their tables for the first time. The counted pass is the steady
        // state a user meets.
        // The warm-up visit also opens the tab the counted page loads use.
        var warmUp = await walk.VisitAsync("/", screenshotName: "warm-up", timeoutMs: 120_000, inOpenTab: true);
        Console.WriteLine($"pages: warm-up / interactive_ms={warmUp.InteractiveMs} (not counted)");
        foreach (var page in DashboardPages.All)
        {
            var first = await walk.VisitAsync(page.Href, screenshotName: "first-" + Name(page.Href), timeoutMs: 120_000);
            Console.WriteLine($"pages: first visit {page.Href} interactive_ms={first.InteractiveMs} (not counted)");
        }
        // Counted: each page loaded in the tab the walk keeps open, as a user opens a bookmark in their browser (a
        // page load: a new document and a new circuit); then each in a new tab, which adds the browser's start of a
        // renderer process for the tab (Chromium here keeps no spare one: about 0.25 s before the page's first byte
        // is parsed, and its scripts run in a new process). Before each new tab, one second of quiet: closing the
        // previous tab (its circuit, its process) and its screenshot are not counted against the next page.
        var worst = 0L;
        var worstNewTab = 0L;
        var failed = 0;
        foreach (var page in DashboardPages.All)
        {
            var visit = await walk.VisitAsync(page.Href, timeoutMs: 120_000, inOpenTab: true);
            worst = Math.Max(worst, visit.InteractiveMs);
            if (visit.State != "ready") failed++;
            Console.WriteLine($"page: {page.Href} interactive_ms={visit.InteractiveMs}" + Problems(visit));
        }
        foreach (var page in DashboardPages.All)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            var visit = await walk.VisitAsync(page.Href, screenshotName: "new-tab-" + Name(page.Href), timeoutMs: 120_000);
            worstNewTab = Math.Max(worstNewTab, visit.InteractiveMs);
            if (visit.State != "ready") failed++;
            Console.WriteLine($"page: {page.Href} new_tab_ms={visit.InteractiveMs}" + Problems(visit));
        }
        // Then as a user moves once the dashboard is open: from the first page (loaded, not counted), a click on each
        // other page's link in the menu, and back to the first.
        var worstInApp = 0L;
        var menu = await walk.ClickThroughMenuAsync([.. DashboardPages.All.Select(p => p.Href), DashboardPages.All[0].Href]);
        foreach (var visit in menu.Skip(1))
        {
            worstInApp = Math.Max(worstInApp, visit.InteractiveMs);
            if (visit.State != "ready") failed++;
            Console.WriteLine($"page: {visit.Href} in_app_ms={visit.InteractiveMs}" + Problems(visit));
        }
        Console.WriteLine($"pages: count={DashboardPages.All.Count} worst_interactive_ms={worst} worst_new_tab_ms={worstNewTab} worst_in_app_ms={worstInApp}" + (failed == 0 ? "" : $" not_ready={failed}"));
        Console.WriteLine($"pages: screenshots in {walk.ScreenshotsIn}");
        return failed == 0 ? 0 : 1;
    }

    private static string Name(string href) => href.Trim('/') is { Length: > 0 } path ? path.Replace('/', '-') : "overview";

    private static string Problems(PageVisit visit) =>
        (visit.State == "ready" ? "" : $" state={visit.State} ({visit.Detail})") +
        (visit.ConsoleErrors.Count == 0 ? "" : $" console_errors={visit.ConsoleErrors.Count}");
}
