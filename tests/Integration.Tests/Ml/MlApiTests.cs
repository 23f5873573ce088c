using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ecom.Aspire.Core.Ml;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Ml;

/// <summary>The ML endpoints over the trained marketplace of <see cref="MlShop"/>: content, validation, admin key.</summary>
[Collection(ServersCollection.Name)]
public sealed class MlApiTests(ServersFixture servers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Forecast_anomalies_metrics_and_runs_answer_from_the_newest_training()
    {
        var (db, trained) = await MlShop.GetAsync(servers);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var forecast = (await client.GetFromJsonAsync<ForecastAnswer>("/api/forecast", Json))!;
        Assert.Equal("total", forecast.Scope);
        Assert.Equal(trained.Total!.ChosenModel, forecast.ChosenModel);
        Assert.Equal(8, forecast.Forecast.Count);
        Assert.Equal(143, forecast.History.Count);
        Assert.Equal(3, forecast.Backtest.Count);
        Assert.Contains("region:Sudeste", forecast.Scopes);
        Assert.All(forecast.Forecast, w => Assert.True(w.Lower <= w.Forecast && w.Forecast <= w.Upper));
        var region = (await client.GetFromJsonAsync<ForecastAnswer>("/api/forecast?scope=region:Sudeste", Json))!;
        Assert.Equal("region:Sudeste", region.Scope);
        Assert.True(region.History.Sum(w => w.Actual) < forecast.History.Sum(w => w.Actual));

        var page = (await client.GetFromJsonAsync<AnomalyPage>("/api/anomalies?category=card_testing&pageSize=5&from=2025-01-01&to=2025-09-30", Json))!;
        Assert.Equal(5, page.Items.Count);
        Assert.All(page.Items, a => Assert.Equal("card_testing", a.Category));
        Assert.All(page.Items, a => Assert.True(a.PurchasedAt >= new DateTimeOffset(2025, 1, 1, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal(page.Categories["card_testing"], page.Total);
        var all = (await client.GetFromJsonAsync<AnomalyPage>("/api/anomalies?pageSize=200", Json))!;
        Assert.Equal(trained.Anomalies!.Flagged.Count, all.Total);
        Assert.True(all.Items.Zip(all.Items.Skip(1)).All(p => p.First.PurchasedAt >= p.Second.PurchasedAt), "newest first");

        var metrics = (await client.GetFromJsonAsync<AnomalyMetricsAnswer>("/api/anomalies/metrics", Json))!;
        Assert.Equal(trained.Anomalies.OverallEvaluation.Recall, metrics.Report.OverallEvaluation.Recall);
        Assert.Equal(7, metrics.Report.Evaluation.Count - 1);

        var runs = (await client.GetFromJsonAsync<List<JsonElement>>("/api/models?kind=forecast", Json))!;
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal("forecast", r.GetProperty("kind").GetString()));
        Assert.True(runs[0].GetProperty("metrics").GetProperty("scopes").GetArrayLength() >= 6);
    }

    [Theory]
    [InlineData("/api/forecast?scope=planet:Mars", "scope")]
    [InlineData("/api/forecast?scope=region:Atlantis", "scope")]
    [InlineData("/api/anomalies?page=0", "page")]
    [InlineData("/api/anomalies?pageSize=500", "pageSize")]
    [InlineData("/api/anomalies?category=shoplifting", "category")]
    [InlineData("/api/anomalies?from=2025-13-01", "from")]
    [InlineData("/api/anomalies?from=2025-03-01&to=2025-02-01", "to")]
    [InlineData("/api/models?take=0", "take")]
    [InlineData("/api/models?kind=weather", "kind")]
    public async Task Bad_query_values_are_400_naming_the_parameter(string url, string parameter)
    {
        var (db, _) = await MlShop.GetAsync(servers);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var response = await api.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{url}: {problem.RootElement}");
    }

    [Fact]
    public async Task Before_any_training_the_endpoints_say_so_and_training_needs_the_admin_key()
    {
        var db = await servers.NewMigratedDatabaseAsync("ml_empty");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/forecast")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/anomalies")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/anomalies/metrics")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<List<JsonElement>>("/api/models", Json))!);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/models/train", new { seed = 1 })).StatusCode);
        var admin = api.CreateClient().WithAdminKey();
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/models/train", new { seed = -1 })).StatusCode);
        var queued = await admin.PostAsJsonAsync("/api/models/train", new { seed = 7 });
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var body = await queued.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(7, body.GetProperty("seed").GetInt32());
        await using var connection = new NpgsqlConnection(db);
        var job = await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection,
            "SELECT invocationdata FROM hangfire.job WHERE id = @id", new { id = long.Parse(body.GetProperty("jobId").GetString()!, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("TrainModelsJob", job);
    }
}
