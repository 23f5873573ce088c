using System.Diagnostics;
using System.Globalization;
using Dapper;
using Ecom.Aspire.Core.Ml.Anomalies;
using Ecom.Aspire.Core.Ml.Forecasting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecom.Aspire.Core.Ml;

/// <summary>Options of a training: the seed (the same seed and data give the same models and metrics) and how many top categories get a forecast.</summary>
public sealed record TrainOptions(int Seed = TrainOptions.DefaultSeed, int TopCategories = WeeklyRevenueReader.TopCategories)
{
    public const int DefaultSeed = 42;
}

/// <summary>What a training produced and stored.</summary>
public sealed record TrainResult(
    int? ForecastRunId, IReadOnlyList<ScopeForecast> Forecasts, IReadOnlyList<string> Skipped,
    int? AnomalyRunId, AnomalyReport? Anomalies, double Seconds)
{
    public ScopeForecast? Total => Forecasts.FirstOrDefault(f => f.Scope == ForecastScope.Total.ToString());

    /// <summary>The closing line of the train command and the job's result.</summary>
    public override string ToString()
    {
        var overall = Anomalies?.OverallEvaluation;
        return string.Create(CultureInfo.InvariantCulture,
            $"train: forecast_model={Total?.ChosenModel ?? "none"} mape={Fmt(Total?.Mape, "0.00")} anomalies_precision={Fmt(overall?.Precision, "0.000")} anomalies_recall={Fmt(overall?.Recall, "0.000")}");
    }

    private static string Fmt(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "none";
}

/// <summary>
/// Trains the forecasts (every scope: total, regions, top categories) from the warehouse and the anomaly detector
/// from the shop, evaluates them, and stores both runs in schema ml. Trainings never overlap (advisory lock).
/// </summary>
public sealed class ModelTraining(NpgsqlDataSource dataSource, ILogger<ModelTraining> logger)
{
    /// <summary>Advisory lock key held for the length of a training ("ml train").</summary>
    public const long LockKey = 0x6D_6C_5F_74_72_61_69_6E;

    public async Task<TrainResult> RunAsync(TrainOptions options, Action<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var lockConnection = await dataSource.OpenConnectionAsync(ct);
        await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = LockKey }, cancellationToken: ct));
        try
        {
            var (forecastRun, forecasts, skipped) = await ForecastAsync(options, progress, ct);
            var (anomalyRun, report) = await AnomaliesAsync(options, progress, ct);
            var result = new TrainResult(forecastRun, forecasts, skipped, anomalyRun, report, clock.Elapsed.TotalSeconds);
            logger.LogInformation("{Summary} seconds={Seconds:F1}", result.ToString(), result.Seconds);
            return result;
        }
        finally
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<(int?, IReadOnlyList<ScopeForecast>, IReadOnlyList<string>)> ForecastAsync(TrainOptions options, Action<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (await WeeklyRevenueReader.DaysAsync(dataSource, ct) is not var (first, last))
            return (null, [], ["the warehouse holds no sales: run the ETL first"]);
        var trainer = new ForecastTrainer(options.Seed);
        var forecasts = new List<ScopeForecast>();
        var skipped = new List<string>();
        foreach (var scope in await WeeklyRevenueReader.ScopesAsync(dataSource, last, options.TopCategories, ct))
        {
            ct.ThrowIfCancellationRequested();
            progress?.Invoke($"forecast {scope}");
            var series = await WeeklyRevenueReader.ReadAsync(dataSource, scope, first, last, ct);
            try
            {
                forecasts.Add(trainer.Train(series));
            }
            catch (InsufficientHistoryException e)
            {
                skipped.Add(e.Message);
            }
        }
        if (forecasts.Count == 0) return (null, forecasts, skipped);
        var metrics = new ForecastRunMetrics(ForecastTrainer.Horizon, ForecastTrainer.BacktestWeeks, [.. forecasts.Select(ScopeSummary.Of)], skipped);
        var model = forecasts.FirstOrDefault(f => f.Scope == ForecastScope.Total.ToString())?.ChosenModel ?? forecasts[0].ChosenModel;
        var id = await MlStore.SaveForecastAsync(dataSource,
            new MlStore.RunInfo(MlStore.ForecastKind, model, DateTimeOffset.UtcNow, options.Seed, first, last, clock.Elapsed.TotalSeconds), metrics, forecasts, ct);
        return (id, forecasts, skipped);
    }

    private async Task<(int?, AnomalyReport?)> AnomaliesAsync(TrainOptions options, Action<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        progress?.Invoke("anomalies: reading orders");
        var orders = await OrderProfiles.ReadAsync(dataSource, ct);
        if (orders.Count < 100) return (null, null);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var labels = (await connection.QueryAsync<(long OrderId, string Kind)>(new CommandDefinition(
            "SELECT order_id, kind FROM sim.labels", cancellationToken: ct))).ToDictionary(l => l.OrderId, l => l.Kind);
        progress?.Invoke("anomalies: training");
        var report = new AnomalyTrainer(options.Seed).Train(orders, labels);
        var run = new MlStore.RunInfo(MlStore.AnomaliesKind, "randomized_pca+rules", DateTimeOffset.UtcNow, options.Seed,
            Day(orders[0].PurchasedAt), Day(orders[^1].PurchasedAt), clock.Elapsed.TotalSeconds);
        return (await MlStore.SaveAnomaliesAsync(dataSource, run, report, ct), report);
    }

    private static DateOnly Day(DateTimeOffset t) => Simulation.SaoPauloTime.DateOf(t);
}
