using Ecom.Aspire.Web.Components.Analytics;
using Ecom.Aspire.Web.Services;

namespace Ecom.Aspire.Web.Tests;

public sealed class RetentionHeatmapTests
{
    [Fact]
    public async Task Colours_months_after_the_first_on_one_scale_and_leaves_unobserved_months_blank()
    {
        await using var ctx = StubApi.Json("{}").CreateContext();
        CohortRow[] cohorts =
        [
            new(new DateOnly(2024, 1, 1), 100, [1m, 0.10m, 0.05m]),
            new(new DateOnly(2024, 2, 1), 50, [1m, 0.20m]),
            new(new DateOnly(2024, 3, 1), 40, [1m]),
        ];

        var heatmap = ctx.Render<RetentionHeatmap>(p => p.Add(h => h.Cohorts, cohorts));

        // Months 1+ range from 5 % to 20 %: classes of 3 points; 5 % is the lightest, 10 % the second ((10 − 5) / 15 × 5 = 1.67), 20 % the darkest.
        var jan = heatmap.Find("tr[data-cohort='2024-01']");
        Assert.Contains("background:#bae4b3", jan.QuerySelector("td[data-k='1']")!.GetAttribute("style"));
        Assert.Contains("background:#edf8e9", jan.QuerySelector("td[data-k='2']")!.GetAttribute("style"));
        Assert.Equal("10,0 %", jan.QuerySelector("td[data-k='1']")!.TextContent);
        var feb = heatmap.Find("tr[data-cohort='2024-02']");
        Assert.Contains("background:#006d2c", feb.QuerySelector("td[data-k='1']")!.GetAttribute("style"));
        Assert.Single(feb.QuerySelectorAll("td.not-observed"));
        Assert.Equal(2, heatmap.Find("tr[data-cohort='2024-03']").QuerySelectorAll("td.not-observed").Length);
        Assert.All(heatmap.FindAll("td.month-zero"), td => Assert.Equal("100 %", td.TextContent));
        Assert.Equal("jan. 2024", jan.QuerySelector("th")!.TextContent);
        Assert.Equal(5, heatmap.FindAll("[data-testid=heatmap-legend] [data-testid=legend-bucket]").Count);
        Assert.Equal((0.05m, 0.20m), (heatmap.Instance.Scale.Min, heatmap.Instance.Scale.Max));
    }
}
