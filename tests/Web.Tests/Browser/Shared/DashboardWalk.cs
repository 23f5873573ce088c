using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Ecom.Aspire.BrowserChecks;

/// <summary>What one page showed when it was opened.</summary>
/// <param name="State">ready (figures shown), placeholder (a page not built yet), empty (the page says there is nothing yet: no model
/// trained, an empty database), error (the Api refused or could not be reached), or timeout.</param>
/// <param name="InteractiveMs">From the start of the navigation until the Blazor circuit rendered the page and it shows its data: for a
/// page load the browser's own clock (performance.now(), whose origin is the navigation's start; the tab's creation by the test
/// is not counted), for a click in the menu from the click.</param>
/// <param name="Figures">The figures the page shows, in order: amounts in R$ (not zero), counts (with thousands separators, or 1..999 standing
/// alone: not part of a date, a time or an id), percentages and decimals.</param>
/// <param name="HasFilter">Whether the page shows the shared period and filter control.</param>
public sealed record PageVisit(
    string Href, string Url, string State, string? Detail, long InteractiveMs, IReadOnlyList<string> Figures, bool HasFilter,
    IReadOnlyList<string> ConsoleErrors, string Screenshot);

/// <summary>
/// Opens dashboard pages in headless Chromium (Debian's /usr/bin/chromium through Playwright, --no-sandbox) and
/// measures each: the time from navigation until the page is interactive (the Blazor Server circuit has rendered it:
/// the layout's data-interactive attribute) and shows its data (nothing loading, at least one figure shown), the
/// figures, the console errors, and a full-page screenshot. Shared by the browser test and the <c>pages</c> benchmark.
/// Nothing else watches the page while it loads (a listener on the circuit's WebSocket frames had Playwright copy every
/// render batch out of the browser, which slowed the page it timed).
/// </summary>
public sealed class DashboardWalk : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// Where screenshots go: ECOM_SCREENSHOTS, or artifacts/screenshots at the repository's root (found above this
    /// source file or the build output, whichever holds Ecom.Aspire.sln), else under the current directory.
    /// </summary>
    public static string ScreenshotFolder([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        if (Environment.GetEnvironmentVariable("ECOM_SCREENSHOTS") is { Length: > 0 } folder) return Path.GetFullPath(folder);
        foreach (var start in new[] { Path.GetDirectoryName(source), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            var dir = string.IsNullOrEmpty(start) || !Directory.Exists(start) ? null : new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ecom.Aspire.sln"))) dir = dir.Parent;
            if (dir is not null) return Path.Combine(dir.FullName, "artifacts", "screenshots");
        }
        return Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "screenshots");
    }

    // The state of the page's main content: null until the circuit has rendered the page (a prerendered page shows
    // the same figures but does not answer yet), while something is loading or while no figure is shown. "at" is the
    // browser's clock: milliseconds since the navigation started.
    private const string StateScript = """
        () => {
          if (!document.querySelector('[data-interactive=true]')) return null;
          const main = document.querySelector('.mud-main-content') || document.body;
          const hasFilter = !!main.querySelector('[data-testid=filter-bar]');
          if (main.querySelector('[data-testid=not-built]')) return { state: 'placeholder', detail: main.innerText.slice(0, 300), figures: [], hasFilter, at: performance.now() };
          const problem = main.querySelector('[data-testid=api-error], [data-testid=api-refused], [data-testid=browse-problem]');
          if (problem) return { state: 'error', detail: problem.innerText.slice(0, 500), figures: [], hasFilter, at: performance.now() };
          if (main.querySelector('[data-testid=loading], .mud-progress-linear-indeterminate, .mud-table-loading')) return null;
          const nothing = main.querySelector('[data-testid=not-trained], [data-testid=database-empty]');
          if (nothing) return { state: 'empty', detail: nothing.innerText.slice(0, 300), figures: [], hasFilter, at: performance.now() };
          const pattern = /R\$\s?-?[\d.]*[1-9][\d.]*,\d{2}|\b[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?\b|[-−+]?\d+(?:,\d+)?\s?%|\b\d+,\d+\b|(?<![\d\/:.,])[1-9]\d{0,2}(?![\d\/:.,])/g;
          const figures = (main.innerText.replace(/\u00a0/g, ' ').match(pattern) || []);
          return figures.length > 0 ? { state: 'ready', detail: null, figures, hasFilter, at: performance.now() } : null;
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly string _baseUrl;
    private readonly string _screenshots;
    private readonly List<string> _openTabErrors = [];
    private IPage? _openTab;

    private DashboardWalk(IPlaywright playwright, IBrowser browser, IBrowserContext context, string baseUrl, string screenshots)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
        _baseUrl = baseUrl.TrimEnd('/');
        _screenshots = screenshots;
    }

    public static async Task<DashboardWalk> StartAsync(string baseUrl, string? screenshotFolder = null)
    {
        var folder = screenshotFolder ?? ScreenshotFolder();
        Directory.CreateDirectory(folder);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"],
            });
            // One browser profile for every visit, as a user's browser: after the first visit its HTTP cache holds the
            // app's scripts and styles (fingerprinted, cached for good), and each page opens in a tab of its own.
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "pt-BR" });
            return new DashboardWalk(playwright, browser, context, baseUrl, folder);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public string ScreenshotsIn => _screenshots;

    /// <summary>
    /// Opens <paramref name="href"/> (with an optional query) and waits until it is interactive and shows data: in a
    /// new tab, or with <paramref name="inOpenTab"/> in the tab these visits keep open, as a user opens a bookmark or
    /// types an address in the browser they have open (a page load all the same: a new document and a new circuit;
    /// only the browser's start of a new tab, a renderer process of its own, is not part of it).
    /// </summary>
    public async Task<PageVisit> VisitAsync(string href, string? query = null, string? screenshotName = null, int timeoutMs = 30_000, bool inOpenTab = false)
    {
        var url = _baseUrl + href + (query is null ? "" : "?" + query);
        IPage page;
        List<string> errors;
        if (inOpenTab)
        {
            page = _openTab ??= await NewTabAsync(_openTabErrors);
            errors = _openTabErrors;
            lock (errors) errors.Clear();
        }
        else
        {
            errors = [];
            page = await NewTabAsync(errors);
        }

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = timeoutMs });
        string state, detail = "";
        long? interactiveMs = null;
        IReadOnlyList<string> figures = [];
        var hasFilter = false;
        // The state the page first reached (a later panel may start loading again: that does not undo it).
        var result = await WaitForStateAsync(page, StateScript, clock, timeoutMs);
        if (result is { ValueKind: JsonValueKind.Object } r)
        {
            state = r.GetProperty("state").GetString()!;
            detail = r.GetProperty("detail").GetString() ?? "";
            figures = [.. r.GetProperty("figures").EnumerateArray().Select(f => f.GetString()!)];
            hasFilter = r.GetProperty("hasFilter").GetBoolean();
            interactiveMs = (long)Math.Round(r.GetProperty("at").GetDouble());
        }
        else if (!await page.IsVisibleAsync("[data-interactive=true]"))
        {
            (state, detail) = ("timeout", "the Blazor circuit did not render the page");
        }
        else
        {
            var body = await page.InnerTextAsync("body");
            (state, detail) = ("timeout", "the page kept loading or showed no figure: " + body[..Math.Min(300, body.Length)]);
        }
        clock.Stop();
        var name = screenshotName ?? (href.Trim('/') is { Length: > 0 } path ? path.Replace('/', '-') : "overview");
        var file = Path.Combine(_screenshots, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        string[] seen;
        lock (errors) seen = [.. errors];
        if (!inOpenTab) await page.CloseAsync();
        return new PageVisit(href, url, state, detail, interactiveMs ?? clock.ElapsedMilliseconds, figures, hasFilter, seen, file);
    }

    /// <summary>A new tab whose console errors and page errors go to <paramref name="errors"/>.</summary>
    private async Task<IPage> NewTabAsync(List<string> errors)
    {
        var page = await _context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (errors) errors.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        return page;
    }

    /// <summary>
    /// Opens the first of <paramref name="hrefs"/>, then goes to each of the others as a user does, by a click on its
    /// link in the menu: no page load, the circuit renders the new page. Each is timed from the click until the new
    /// page shows its data (the old page's headings are gone, the address is the new one, nothing loading, figures
    /// shown); the first is timed from navigation, as <see cref="VisitAsync"/> does. No screenshots.
    /// </summary>
    public async Task<IReadOnlyList<PageVisit>> ClickThroughMenuAsync(IReadOnlyList<string> hrefs, int timeoutMs = 30_000)
    {
        var errors = new List<string>();
        var page = await NewTabAsync(errors);
        var visits = new List<PageVisit>();
        try
        {
            for (var i = 0; i < hrefs.Count; i++)
            {
                var href = hrefs[i];
                lock (errors) errors.Clear();
                var clock = Stopwatch.StartNew();
                if (i == 0)
                {
                    await page.GotoAsync(_baseUrl + href, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = timeoutMs });
                }
                else
                {
                    await page.EvaluateAsync("() => { window.__walkOld = [...document.querySelectorAll('.mud-main-content h4')]; }");
                    clock.Restart();
                    await page.ClickAsync($"a.mud-nav-link[href='{href}']", new PageClickOptions { Timeout = timeoutMs });
                }
                var script = $$"""
                    () => {
                      if ((window.__walkOld || []).some(e => e.isConnected) || location.pathname !== '{{href}}') return null;
                      return ({{StateScript}})();
                    }
                    """;
                var result = await WaitForStateAsync(page, script, clock, timeoutMs);
                string[] seen;
                lock (errors) seen = [.. errors];
                visits.Add(result is { ValueKind: JsonValueKind.Object } r
                    ? new PageVisit(href, page.Url, r.GetProperty("state").GetString()!, r.GetProperty("detail").GetString(), clock.ElapsedMilliseconds,
                        [.. r.GetProperty("figures").EnumerateArray().Select(f => f.GetString()!)], r.GetProperty("hasFilter").GetBoolean(), seen, "")
                    : new PageVisit(href, page.Url, "timeout", "the page did not show its data after the click", clock.ElapsedMilliseconds, [], false, seen, ""));
            }
        }
        finally
        {
            await page.CloseAsync();
        }
        return visits;
    }

    /// <summary>Waits until <paramref name="script"/> returns a state; the clock stops then. Null on timeout.</summary>
    private static async Task<JsonElement?> WaitForStateAsync(IPage page, string script, Stopwatch clock, int timeoutMs)
    {
        try
        {
            var handle = await page.WaitForFunctionAsync(script, null, new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = timeoutMs });
            clock.Stop();
            return await handle.JsonValueAsync<JsonElement>();
        }
        catch (TimeoutException)
        {
            clock.Stop();
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
