using Ecom.Aspire.Web.Components.Pages;

namespace Ecom.Aspire.Web.Tests;

public sealed class SimulationsPageTests
{
    private static string Runs(int done) => $$"""
        [{"id":7,"kind":"history","status":"{{(done == 4 ? "completed" : "running")}}","seed":42,"parameters":{"customers":50000},
          "from":"2024-01-01","to":"2025-12-31","chunksTotal":4,"chunksDone":{{done}},"progress":{{done / 4.0}},"rowsWritten":{{done * 1000}},
          "createdAt":"2026-11-22T12:00:00Z","startedAt":"2026-11-22T12:00:01Z","finishedAt":null,"error":null,"chunks":null}]
        """;

    [Fact]
    public async Task Runs_show_their_progress_and_refresh_while_running()
    {
        var calls = 0;
        var api = new StubApi(_ =>
        {
            var n = Math.Min(4, Interlocked.Increment(ref calls));
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(Runs(n), System.Text.Encoding.UTF8, "application/json"),
            };
        });
        await using var ctx = api.CreateContext();

        var page = ctx.Render<Simulations>(p => p.Add(s => s.Interval, TimeSpan.FromMilliseconds(50)));

        page.WaitForAssertion(() => Assert.Contains("#7", page.Find("[data-testid=runs]").TextContent), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Contains("completed", page.Find("[data-testid=runs]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Contains("4 / 4 chunks", page.Find("[data-testid=runs]").TextContent);
        Assert.Contains("01/01/2024 – 31/12/2025", page.Find("[data-testid=runs]").TextContent);
        var settled = calls;
        await Task.Delay(300);
        Assert.Equal(settled, calls);
    }

    [Fact]
    public async Task No_run_yet_is_said_plainly()
    {
        await using var ctx = StubApi.Routes(("api/simulations", "[]")).CreateContext();

        var page = ctx.Render<Simulations>();

        page.WaitForAssertion(() => Assert.Contains("No simulation has run yet", page.Find("[data-testid=empty]").TextContent));
    }
}
