using Ecom.Aspire.Web.Components.Shared;

namespace Ecom.Aspire.Web.Tests;

public sealed class LiveTilesTests
{
    [Fact]
    public async Task Shows_todays_figures_in_reais_and_where_they_come_from()
    {
        await using var ctx = StubApi.Routes(("api/kpis/live", StubApi.LiveJson(revenue: 12345.6m, orders: 42))).CreateContext();

        var tiles = ctx.Render<LiveTiles>();

        tiles.WaitForAssertion(() => Assert.Contains("R$", tiles.Find("[data-testid=live-revenue]").TextContent));
        Assert.Contains("12.345,60", tiles.Find("[data-testid=live-revenue]").TextContent);
        Assert.Contains("42", tiles.Find("[data-testid=live-orders]").TextContent);
        Assert.Contains("293,94", tiles.Find("[data-testid=live-ticket]").TextContent);
        Assert.Contains("from redis", tiles.Find("[data-testid=live-source]").TextContent);
        Assert.Empty(tiles.FindAll("[data-testid=live-degraded]"));
    }

    [Fact]
    public async Task A_degraded_answer_is_shown_as_a_warning()
    {
        await using var ctx = StubApi.Routes(("api/kpis/live", StubApi.LiveJson(revenue: 10, orders: 1, degraded: true))).CreateContext();

        var tiles = ctx.Render<LiveTiles>();

        tiles.WaitForAssertion(() => Assert.Contains("computed from PostgreSQL", tiles.Find("[data-testid=live-degraded]").TextContent));
    }

    [Fact]
    public async Task The_tiles_refresh_by_themselves()
    {
        var answers = 0;
        var api = new StubApi(_ =>
        {
            var n = Interlocked.Increment(ref answers);
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(StubApi.LiveJson(revenue: n * 100, orders: n), System.Text.Encoding.UTF8, "application/json"),
            };
        });
        await using var ctx = api.CreateContext();

        var tiles = ctx.Render<LiveTiles>(p => p.Add(t => t.Interval, TimeSpan.FromMilliseconds(50)));

        tiles.WaitForAssertion(() => Assert.True(answers >= 3), TimeSpan.FromSeconds(5));
        tiles.WaitForAssertion(() => Assert.DoesNotContain("R$ 100,00", tiles.Find("[data-testid=live-revenue]").TextContent), TimeSpan.FromSeconds(5));
    }
}
