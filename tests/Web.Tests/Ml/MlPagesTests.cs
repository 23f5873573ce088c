using Ecom.Aspire.Web.Components.Pages;
using Ecom.Aspire.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests.Ml;

/// <summary>The Forecast and Anomalies pages against canned Api answers.</summary>
public sealed class MlPagesTests
{
    private const string ForecastJson = """
        {"runId":3,"trainedAt":"2025-10-02T03:30:00Z","scope":"total","chosenModel":"polynomial_trend","mape":14.29,"intervalLevel":0.8,
         "backtest":[
           {"model":"polynomial_trend","description":"trend","mape":14.29,"mapeByHorizon":[12.5,13,13.5,14,14.5,15,15.5,16],"forecasts":180},
           {"model":"ml_sdca","description":"ML.NET","mape":18.77,"mapeByHorizon":[17,18,18,19,19,19,20,20],"forecasts":180},
           {"model":"seasonal_naive","description":"last year","mape":25.98,"mapeByHorizon":[26,26,26,26,26,26,26,26],"forecasts":180}],
         "history":[{"weekStart":"2025-09-15","actual":10000.5,"forecast":null,"lower":null,"upper":null},
                    {"weekStart":"2025-09-22","actual":12000,"forecast":null,"lower":null,"upper":null}],
         "forecast":[{"weekStart":"2025-09-29","actual":null,"forecast":12345.67,"lower":10000,"upper":15000},
                     {"weekStart":"2025-10-06","actual":null,"forecast":12500,"lower":9900,"upper":15500}],
         "scopes":["total","region:Sudeste","category:health_beauty"]}
        """;

    private const string MetricsJson = """
        {"runId":4,"trainedAt":"2025-10-02T03:31:00Z","seed":42,"report":{
          "slices":[{"name":"train","from":"2023-01-01T03:00:00Z","to":"2024-11-06T00:00:00Z","orders":9142,"labelled":438},
                    {"name":"validation","from":"2024-11-06T00:00:00Z","to":"2025-04-22T00:00:00Z","orders":3048,"labelled":118},
                    {"name":"evaluation","from":"2025-04-23T00:00:00Z","to":"2025-10-01T00:00:00Z","orders":3048,"labelled":104}],
          "pcaThreshold":null,"pcaThresholdPercentile":null,"orders":15238,
          "evaluation":[{"category":"account_takeover","flagged":9,"labelled":12,"truePositives":9,"precision":1,"recall":0.75,"f1":0.857},
                        {"category":"overall","flagged":104,"labelled":104,"truePositives":104,"precision":1,"recall":1,"f1":1}],
          "rulesOnly":{"category":"rules_only","flagged":104,"labelled":104,"truePositives":104,"precision":1,"recall":1,"f1":1},
          "pcaOnly":{"category":"pca_only","flagged":104,"labelled":104,"truePositives":13,"precision":0.125,"recall":0.125,"f1":0.125}}}
        """;

    private const string AnomaliesJson = """
        {"runId":4,"trainedAt":"2025-10-02T03:31:00Z","page":1,"pageSize":25,"total":60,
         "items":[{"orderId":9001,"purchasedAt":"2025-09-30T15:00:00Z","category":"card_testing","source":"rule","score":0.91,"total":23.5,
                   "reason":"5 orders within an hour from account 77, created 12 minutes before this one (R$ 23,50, credit card)"}],
         "categories":{"bulk_order":10,"card_testing":50,"unusual_order":0}}
        """;

    private static BunitContext Context(StubApi stub)
    {
        var context = stub.CreateContext();
        context.Services.AddSingleton(new MlApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api") }));
        return context;
    }

    [Fact]
    public async Task Forecast_page_shows_the_chosen_model_the_forecast_weeks_and_the_backtest_table()
    {
        var stub = StubApi.Routes(("api/forecast", ForecastJson));
        await using var context = Context(stub);
        var page = context.Render<Forecast>();
        page.WaitForAssertion(() => Assert.Contains("polynomial_trend", page.Find("[data-testid=chosen-model]").TextContent));
        Assert.Contains("14,3 %", page.Find("[data-testid=chosen-mape]").TextContent);
        var forecast = page.Find("[data-testid=forecast-table]").TextContent;
        Assert.Contains("29/09/2025", forecast);
        Assert.Contains("R$ 12.345,67", forecast);
        Assert.Contains("R$ 15.000,00", forecast);
        var rows = page.FindAll("[data-testid=backtest-row]");
        Assert.Equal(3, rows.Count);
        Assert.Contains("26,0 %", rows[2].TextContent); // seasonal naive, 25.98 to one decimal
        Assert.Contains("✓", rows[0].TextContent);
        Assert.Contains("api/forecast", stub.Paths.Single(p => p.Contains("forecast", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_page_says_when_nothing_was_trained_or_the_api_is_down()
    {
        await using (var context = Context(StubApi.Routes()))
        {
            var page = context.Render<Forecast>();
            page.WaitForAssertion(() => Assert.Contains("train", page.Find("[data-testid=not-trained]").TextContent));
        }
        await using (var context = Context(StubApi.Unreachable()))
        {
            var page = context.Render<Forecast>();
            page.WaitForAssertion(() => Assert.Contains("Connection refused", page.Find("[data-testid=api-error]").TextContent));
        }
    }

    [Fact]
    public async Task Anomalies_page_shows_metrics_categories_and_flagged_orders_with_reasons()
    {
        var stub = StubApi.Routes(("api/anomalies/metrics", MetricsJson), ("api/anomalies", AnomaliesJson));
        await using var context = Context(stub);
        var page = context.Render<Anomalies>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=anomaly-row]")));
        var metrics = page.FindAll("[data-testid=metrics-row]");
        Assert.Equal(4, metrics.Count);
        Assert.Contains("0,750", metrics[0].TextContent);
        Assert.Contains("pca_only", metrics[3].TextContent);
        Assert.Contains("0,125", metrics[3].TextContent);
        Assert.Contains("3.048 orders", page.Find("[data-testid=evaluation-slice]").TextContent);
        Assert.Contains("card_testing · 50", page.Find("[data-testid=categories]").TextContent);
        var row = page.Find("[data-testid=anomaly-row]").TextContent;
        Assert.Contains("5 orders within an hour", row);
        Assert.Contains("R$ 23,50", row);
    }

    [Fact]
    public async Task Anomalies_page_says_when_nothing_was_trained()
    {
        await using var context = Context(StubApi.Routes());
        var page = context.Render<Anomalies>();
        page.WaitForAssertion(() => Assert.Contains("No anomaly detector", page.Find("[data-testid=not-trained]").TextContent));
    }
}
