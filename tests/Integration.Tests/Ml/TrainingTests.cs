using System.Diagnostics;
using System.Globalization;
using Dapper;
using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Ml.Anomalies;
using Ecom.Aspire.Core.Ml.Forecasting;
using Npgsql;
using Xunit.Abstractions;

namespace Ecom.Aspire.Integration.Tests.Ml;

/// <summary>Training on the simulated marketplace of <see cref="MlShop"/>: forecast quality, anomaly quality, determinism.</summary>
[Collection(ServersCollection.Name)]
public sealed class TrainingTests(ServersFixture servers, ITestOutputHelper output)
{
    [Fact]
    public async Task Forecast_beats_the_seasonal_naive_baseline_on_the_backtest()
    {
        var (_, trained) = await MlShop.GetAsync(servers);
        foreach (var f in trained.Forecasts)
        {
            output.WriteLine(string.Join("  ", f.Backtest.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Model}={b.Mape:0.00}"))) + $"  {f.Scope} chosen={f.ChosenModel} weeks={f.History.Count}");
        }
        var total = trained.Total!;
        Assert.Equal(143, total.History.Count);
        var mape = total.Backtest.ToDictionary(b => b.Model, b => b.Mape!.Value);
        Assert.Equal(3, mape.Count);
        Assert.True(mape[RegressionForecaster.ModelName] < mape[SeasonalNaiveForecaster.ModelName],
            $"ML {mape[RegressionForecaster.ModelName]:0.00} % vs seasonal naive {mape[SeasonalNaiveForecaster.ModelName]:0.00} %");
        Assert.Equal(mape.MinBy(m => m.Value).Key, total.ChosenModel);
        Assert.Equal(ForecastTrainer.Horizon, total.Forecast.Count);
        Assert.All(total.Forecast, p => Assert.True(p.Lower <= p.Forecast && p.Forecast <= p.Upper && p.Lower >= 0));
        Assert.Equal(total.History.Weeks[^1].AddDays(7), total.Forecast[0].WeekStart);
    }

    [Fact]
    public async Task Anomaly_detection_reaches_the_measured_minimums()
    {
        var (_, trained) = await MlShop.GetAsync(servers);
        var report = trained.Anomalies!;
        output.WriteLine($"threshold={report.PcaThreshold} percentile={report.PcaThresholdPercentile} orders={report.Orders}");
        foreach (var s in report.Slices) output.WriteLine($"{s.Name} {s.From:yyyy-MM-dd}..{s.To:yyyy-MM-dd} orders={s.Orders} labelled={s.Labelled}");
        foreach (var m in report.Evaluation.Append(report.RulesOnly).Append(report.PcaOnly))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Category,-18} flagged={m.Flagged} labelled={m.Labelled} tp={m.TruePositives} P={m.Precision:0.000} R={m.Recall:0.000} F1={m.F1:0.000}"));
        // Minimums set from what was measured on this dataset (seed 11, training seed 42, 2025-11-26): overall precision 1.000 and
        // recall 1.000 on 104 labelled orders of the evaluation slice; the weakest categories were account_takeover (recall
        // 0.750: takeovers under R$ 500 read as unusual geography) and unusual_geography (precision 0.833, the same orders).
        var overall = report.OverallEvaluation;
        Assert.True(overall.Labelled >= 80, $"{overall.Labelled} labelled orders in the evaluation slice");
        Assert.True(overall.Precision >= 0.95, $"overall precision {overall.Precision}");
        Assert.True(overall.Recall >= 0.95, $"overall recall {overall.Recall}");
        foreach (var m in report.Evaluation.Where(m => Core.Model.FraudKinds.All.Contains(m.Category)))
        {
            Assert.True(m.Labelled >= 5, $"{m.Category}: {m.Labelled} labelled");
            Assert.True(m.Precision >= 0.75, $"{m.Category} precision {m.Precision}");
            Assert.True(m.Recall >= 0.7, $"{m.Category} recall {m.Recall}");
        }
        // The threshold came from the validation slice: the evaluation slice is later and apart.
        Assert.Equal(["train", "validation", "evaluation"], report.Slices.Select(s => s.Name));
        Assert.True(report.Slices[1].To <= report.Slices[2].From);
        Assert.All(trained.Anomalies!.Flagged, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
    }

    [Fact]
    public async Task Training_twice_with_the_same_seed_gives_the_same_metrics_and_stores_both_runs()
    {
        var (db, first) = await MlShop.GetAsync(servers);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var clock = Stopwatch.StartNew();
        var second = await MlShop.Training(dataSource).RunAsync(new TrainOptions(MlShop.Seed, TopCategories: 1), null, CancellationToken.None);
        output.WriteLine($"second training (top 1 category) took {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var f in second.Forecasts)
        {
            var before = first.Forecasts.Single(x => x.Scope == f.Scope);
            Assert.Equal(MlJson.Serialize(ScopeSummary.Of(before)), MlJson.Serialize(ScopeSummary.Of(f)));
            Assert.Equal(before.Forecast, f.Forecast);
        }
        Assert.Equal(MlJson.Serialize(first.Anomalies), MlJson.Serialize(second.Anomalies));
        Assert.Equal(first.Anomalies!.Flagged, second.Anomalies!.Flagged);

        await using var connection = new NpgsqlConnection(db);
        var runs = (await connection.QueryAsync<(string Kind, string Metrics)>("SELECT kind, metrics::text FROM ml.model_runs ORDER BY id")).ToList();
        Assert.True(runs.Count(r => r.Kind == "forecast") >= 2 && runs.Count(r => r.Kind == "anomalies") >= 2);
        var stored = await connection.QuerySingleAsync<long>("SELECT count(*) FROM ml.anomalies WHERE run_id = @id", new { id = second.AnomalyRunId });
        Assert.Equal(second.Anomalies.Flagged.Count, stored);
        Assert.Equal(second.ToString().Replace("train: ", "", StringComparison.Ordinal), first.ToString().Replace("train: ", "", StringComparison.Ordinal));
    }
}
