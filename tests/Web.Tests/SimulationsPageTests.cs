using System.Net;
using Ecom.Aspire.Web.Components.Pages;
using Ecom.Aspire.Web.Tests.Browse;

namespace Ecom.Aspire.Web.Tests;

public sealed class SimulationsPageTests
{
    private static string Run(int done, bool withChunks = false) => $$"""
        {"id":7,"kind":"history","status":"{{(done == 4 ? "completed" : "running")}}","seed":42,"parameters":{"customers":50000},
          "from":"2024-01-01","to":"2025-12-31","chunksTotal":4,"chunksDone":{{done}},"progress":{{done / 4.0}},"rowsWritten":{{done * 1000}},
          "createdAt":"2026-11-22T12:00:00Z","startedAt":"2026-11-22T12:00:01Z","finishedAt":null,"error":null,
          "chunks":{{(withChunks ? """[{"chunkNo":0,"status":"completed","from":null,"to":null,"rows":10,"attempts":1,"worker":"w1","startedAt":null,"finishedAt":null,"error":null},{"chunkNo":1,"status":"running","from":"2024-01-01","to":"2024-01-31","rows":0,"attempts":1,"worker":"w1","startedAt":null,"finishedAt":null,"error":null}]""" : "null")}}}
        """;

    [Fact]
    public async Task Runs_show_their_progress_and_refresh_while_running()
    {
        var calls = 0;
        var api = new StubApi(_ => BrowseClients.Json($"[{Run(Math.Min(4, Interlocked.Increment(ref calls)))}]"));
        await using var ctx = api.CreateContextWithClients();

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
        await using var ctx = StubApi.Routes(("api/simulations", "[]")).CreateContextWithClients();

        var page = ctx.Render<Simulations>();

        page.WaitForAssertion(() => Assert.Contains("No simulation has run yet", page.Find("[data-testid=empty]").TextContent));
    }

    [Fact]
    public async Task Starting_sends_the_parameters_with_the_admin_key_and_follows_the_run_chunk_by_chunk()
    {
        string? key = null, body = null;
        var polls = 0;
        var api = new StubApi(request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                key = request.Headers.GetValues("X-Api-Key").Single();
                body = request.Content!.ReadAsStringAsync().Result;
                return BrowseClients.Json(Run(0), HttpStatusCode.Accepted);
            }
            if (request.RequestUri!.AbsolutePath == "/api/simulations/7")
            {
                return BrowseClients.Json(Run(Math.Min(4, Interlocked.Increment(ref polls)), withChunks: true));
            }
            return BrowseClients.Json("[]");
        });
        await using var ctx = api.CreateContextWithClients(adminKey: "secret-key");
        var page = ctx.Render<Simulations>(p => p.Add(s => s.Interval, TimeSpan.FromMilliseconds(50)));
        page.WaitForAssertion(() => page.Find("[data-testid=empty]"));

        page.Find("[data-testid=sim-from] input").Change("2024-01-01");
        page.Find("[data-testid=sim-years] input").Change("2");
        page.Find("[data-testid=sim-customers] input").Change("5000");
        page.Find("[data-testid=sim-seed] input").Change("9");
        page.Find("[data-testid=sim-start]").Click();

        page.WaitForAssertion(() => Assert.Contains("Run #7", page.Find("[data-testid=watched]").TextContent));
        Assert.Equal("secret-key", key);
        Assert.Equal("""{"from":"2024-01-01","to":null,"years":2,"customers":5000,"seed":9}""", body);
        page.WaitForAssertion(() => Assert.Contains("completed", page.Find("[data-testid=watched]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("01/2024", page.Find("[data-testid=chunks]").TextContent);
        Assert.DoesNotContain("secret-key", page.Markup);
    }

    [Fact]
    public async Task A_refused_start_shows_the_Apis_reason_on_its_field()
    {
        var api = new StubApi(request => request.Method == HttpMethod.Post
            ? BrowseClients.Json("""{"title":"Invalid simulation parameters","status":400,"errors":{"years":["years must be between 1 and 20."]}}""", HttpStatusCode.BadRequest)
            : BrowseClients.Json("[]"));
        await using var ctx = api.CreateContextWithClients(adminKey: "k");
        var page = ctx.Render<Simulations>();
        page.WaitForAssertion(() => page.Find("[data-testid=empty]"));

        page.Find("[data-testid=sim-start]").Click();

        page.WaitForAssertion(() => Assert.Contains("years must be between 1 and 20.", page.Find("[data-testid=start-form]").TextContent));
    }

    [Fact]
    public async Task Without_an_admin_key_the_page_shows_runs_but_cannot_start()
    {
        await using var ctx = StubApi.Routes(("api/simulations", "[]")).CreateContextWithClients();

        var page = ctx.Render<Simulations>();

        page.WaitForAssertion(() => Assert.Contains("no admin key", page.Find("[data-testid=sim-no-key]").TextContent));
        Assert.True(page.Find("[data-testid=sim-start]").HasAttribute("disabled"));
    }
}
