using Ecom.Aspire.Web.Components.Analytics;
using Ecom.Aspire.Web.Services;

namespace Ecom.Aspire.Web.Tests;

public sealed class BrazilMapTests
{
    [Fact]
    public void Projects_the_27_states_of_the_served_file()
    {
        var map = StubApi.Map;

        Assert.Equal(BrazilStates.Codes, map.States.Select(s => s.Uf));
        Assert.All(map.States, s => Assert.StartsWith("M", s.Path));
        Assert.All(map.States, s => Assert.EndsWith("Z", s.Path));
        // Brazil spans about 39° of longitude (× cos 14°) and 39° of latitude: the map is about as tall as wide.
        Assert.InRange(map.Height, 550, 680);
        // North is up and west is left: Roraima above Rio Grande do Sul, Acre left of Pernambuco.
        Assert.True(map.Find("RR")!.LabelY < map.Find("RS")!.LabelY);
        Assert.True(map.Find("AC")!.LabelX < map.Find("PE")!.LabelX);
        Assert.All(map.States, s => Assert.InRange(s.LabelX, 0, BrazilMap.Width));
    }

    [Fact]
    public async Task Colours_each_state_by_its_value_with_a_legend()
    {
        await using var ctx = StubApi.Json("{}").CreateContext();
        // Ranked classes: round(rank × 4 / (n − 1)); 5 states ranked 0..4 take the 5 classes, BA and PR tie and share one.
        var values = new Dictionary<string, decimal> { ["SP"] = 1000m, ["RJ"] = 500m, ["MG"] = 0m, ["BA"] = 20m, ["PR"] = 20m, ["RS"] = 100m };

        var map = ctx.Render<BrazilChoropleth>(p => p.Add(c => c.Values, values).Add(c => c.Measure, "Revenue"));

        Assert.Equal(27, map.FindAll("path[data-uf]").Count);
        Assert.Equal("#006d2c", map.Find("path[data-uf=SP]").GetAttribute("fill"));
        Assert.Equal("#31a354", map.Find("path[data-uf=RJ]").GetAttribute("fill"));   // rank 4 of 0..5: round(3.2) = 3
        Assert.Equal("#74c476", map.Find("path[data-uf=RS]").GetAttribute("fill"));   // rank 3: round(2.4) = 2
        Assert.Equal("#bae4b3", map.Find("path[data-uf=BA]").GetAttribute("fill"));   // rank 1 (tie with PR): round(0.8) = 1
        Assert.Equal("#bae4b3", map.Find("path[data-uf=PR]").GetAttribute("fill"));
        Assert.Equal("#edf8e9", map.Find("path[data-uf=MG]").GetAttribute("fill"));
        Assert.Equal(ColorScale.NoData, map.Find("path[data-uf=AM]").GetAttribute("fill"));
        Assert.Contains("São Paulo (SP): R$", map.Find("path[data-uf=SP] title").TextContent);
        var legend = map.FindAll("[data-testid=legend-bucket]");
        Assert.Equal(5, legend.Count);
        Assert.Equal("R$ 0,00 – R$ 0,00", legend[0].TextContent.Trim().Replace('\u00a0', ' '));
        Assert.Equal("R$ 20,00 – R$ 20,00", legend[1].TextContent.Trim().Replace('\u00a0', ' '));
        Assert.Equal("R$ 1.000,00 – R$ 1.000,00", legend[4].TextContent.Trim().Replace('\u00a0', ' '));
    }

    [Fact]
    public async Task A_click_on_a_state_reports_it_and_the_selected_state_is_outlined()
    {
        await using var ctx = StubApi.Json("{}").CreateContext();
        string? clicked = null;

        var map = ctx.Render<BrazilChoropleth>(p => p
            .Add(c => c.Values, new Dictionary<string, decimal> { ["BA"] = 1m })
            .Add(c => c.Selected, "SP")
            .Add(c => c.OnStateClick, (string uf) => clicked = uf));
        map.Find("path[data-uf=BA]").Click();

        Assert.Equal("BA", clicked);
        Assert.Equal("#f9a825", map.Find("path[data-uf=SP]").GetAttribute("stroke"));
        Assert.Equal("#ffffff", map.Find("path[data-uf=BA]").GetAttribute("stroke"));
    }
}
