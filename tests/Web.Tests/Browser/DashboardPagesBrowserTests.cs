using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Web.Components.Layout;
using Xunit.Abstractions;

namespace Ecom.Aspire.Web.Tests.Browser;

/// <summary>
/// Every page of the dashboard's menu in headless Chromium against the real Api and Web on a small simulated
/// dataset: each must become interactive and show real figures, with no console error; the pages with the shared
/// period control must show other figures for another period. A screenshot of each is saved
/// (<see cref="DashboardWalk.ScreenshotFolder"/>), and the time to interactive is printed (it is not asserted). Every
/// page also opens from the menu, in the same tab (the circuit renders it, no page load).
/// </summary>
public sealed class DashboardPagesBrowserTests(BrowserSystemFixture system, ITestOutputHelper output) : IClassFixture<BrowserSystemFixture>
{
    /// <summary>A month inside the simulated history, other than the default period (the last 30 days with sales).</summary>
    private const string OtherPeriod = "from=2024-02-01&to=2024-02-29";

    [Fact]
    public async Task Every_page_shows_real_figures_without_console_errors_and_follows_the_period()
    {
        // One warm-up visit (JIT, the first circuit, the browser's caches), not counted.
        await system.Walk.VisitAsync("/", screenshotName: "warm-up");
        var problems = new List<string>();
        foreach (var page in DashboardPages.All)
        {
            var visit = await system.Walk.VisitAsync(page.Href);
            output.WriteLine($"page: {page.Href} interactive_ms={visit.InteractiveMs} state={visit.State} figures={visit.Figures.Count} screenshot={visit.Screenshot}");
            if (visit.State != "ready") problems.Add($"{page.Href}: {visit.State} ({visit.Detail})");
            if (visit.ConsoleErrors.Count > 0) problems.Add($"{page.Href}: console errors: {string.Join(" | ", visit.ConsoleErrors)}");
            if (visit.State != "ready" || !visit.HasFilter) continue;

            var other = await system.Walk.VisitAsync(page.Href, OtherPeriod, screenshotName: Name(page.Href) + "-february");
            output.WriteLine($"page: {page.Href}?{OtherPeriod} interactive_ms={other.InteractiveMs} state={other.State} figures={other.Figures.Count}");
            if (other.State != "ready") problems.Add($"{page.Href}?{OtherPeriod}: {other.State} ({other.Detail})");
            else if (other.Figures.SequenceEqual(visit.Figures)) problems.Add($"{page.Href}: the figures did not change with the period ({string.Join(", ", visit.Figures.Take(8))})");
            if (other.ConsoleErrors.Count > 0) problems.Add($"{page.Href}?{OtherPeriod}: console errors: {string.Join(" | ", other.ConsoleErrors)}");
        }
        output.WriteLine($"screenshots: {system.Walk.ScreenshotsIn}");
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + system.System.Logs());
    }

    [Fact]
    public async Task Every_page_opens_from_the_menu_without_a_page_load()
    {
        var visits = await system.Walk.ClickThroughMenuAsync([.. DashboardPages.All.Select(p => p.Href), DashboardPages.All[0].Href]);
        var problems = new List<string>();
        foreach (var visit in visits.Skip(1))
        {
            output.WriteLine($"page: {visit.Href} in_app_ms={visit.InteractiveMs} state={visit.State} figures={visit.Figures.Count}");
            if (visit.State != "ready") problems.Add($"{visit.Href}: {visit.State} ({visit.Detail})");
            if (visit.ConsoleErrors.Count > 0) problems.Add($"{visit.Href}: console errors: {string.Join(" | ", visit.ConsoleErrors)}");
            if (!visit.Url.EndsWith(visit.Href, StringComparison.Ordinal)) problems.Add($"{visit.Href}: the address is {visit.Url}");
        }
        Assert.Equal(DashboardPages.All.Count, visits.Count - 1);
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + system.System.Logs());
    }

    private static string Name(string href) => href.Trim('/') is { Length: > 0 } path ? path.Replace('/', '-') : "overview";
}
