namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>A forecast week: the forecast and its prediction interval.</summary>
public sealed record ForecastPoint(DateOnly WeekStart, double Forecast, double Lower, double Upper);

/// <summary>What the training found for one scope.</summary>
/// <param name="Scope">total, region:…, category:….</param>
/// <param name="ChosenModel">The forecaster with the lowest backtest MAPE, used for <see cref="Forecast"/>.</param>
/// <param name="Mape">Its backtest MAPE in percent.</param>
/// <param name="Backtest">Every candidate's backtest, best first.</param>
/// <param name="History">The weekly series.</param>
/// <param name="Forecast">The next <see cref="ForecastTrainer.Horizon"/> weeks.</param>
/// <param name="IntervalLevel">Coverage the interval aims at (0.8: from the 10th to the 90th percentile).</param>
public sealed record ScopeForecast(
    string Scope, string ChosenModel, double? Mape, IReadOnlyList<BacktestResult> Backtest,
    WeeklySeries History, IReadOnlyList<ForecastPoint> Forecast, double IntervalLevel);

/// <summary>
/// Trains the forecast of one weekly series: backtests each candidate (seasonal naive, polynomial trend, the ML.NET
/// regression) over the last <see cref="BacktestWeeks"/> weeks, keeps the one with the lowest MAPE, forecasts the
/// next <see cref="Horizon"/> weeks with it from all the data, and puts around each forecast the interval of its own
/// backtest errors at that horizon.
/// <para>
/// Prediction interval (80 %): for horizon h, the 10th and 90th percentiles q10, q90 of the chosen model's backtest
/// log errors ln((actual + 1) / (forecast + 1)) at h (all horizons pooled when h has fewer than 5); lower =
/// (forecast + 1)·e^q10 − 1 and upper = (forecast + 1)·e^q90 − 1, at least 0, with q10 at most 0 and q90 at least 0 so
/// that the interval holds the forecast.
/// </para>
/// </summary>
public sealed class ForecastTrainer(int seed)
{
    public const int Horizon = 8;
    public const int BacktestWeeks = 26;
    public const double IntervalLevel = 0.8;

    /// <summary>Fewest complete weeks for a forecast: the backtest plus what the simplest baseline needs.</summary>
    public const int MinWeeks = BacktestWeeks + SeasonalNaiveForecaster.Season;

    public IReadOnlyList<IWeeklyForecaster> Candidates { get; } =
        [new SeasonalNaiveForecaster(), new PolynomialTrendForecaster(), new RegressionForecaster(seed)];

    public ScopeForecast Train(WeeklySeries series)
    {
        if (series.Count < MinWeeks)
            throw new InsufficientHistoryException($"{series.Scope}: {series.Count} complete weeks of sales, at least {MinWeeks} are needed (a year for the seasonal baseline and {BacktestWeeks} weeks of backtest)");
        var results = new List<(IWeeklyForecaster Model, BacktestResult Result)>();
        foreach (var model in Candidates)
        {
            if (model.MinKnownWeeks > series.Count - BacktestWeeks) continue;
            results.Add((model, Backtest.Run(model, series, BacktestWeeks, Horizon)));
        }
        // Lowest MAPE wins; ties go to the simpler model (the candidates' order).
        var ranked = results.Select((r, i) => (r.Model, r.Result, Order: i))
            .OrderBy(r => r.Result.Mape ?? double.MaxValue).ThenBy(r => r.Order).ToList();
        var (chosen, backtest, _) = ranked[0];
        var forecast = chosen.Forecast(series, series.Count, Horizon);
        var pooled = backtest.LogResiduals.SelectMany(r => r).ToList();
        var points = new List<ForecastPoint>(Horizon);
        var last = series.Weeks[^1];
        for (var h = 0; h < Horizon; h++)
        {
            var residuals = backtest.LogResiduals[h].Count >= 5 ? backtest.LogResiduals[h] : pooled;
            var (q10, q90) = residuals.Count == 0 ? (0.0, 0.0) : (ForecastMath.Quantile(residuals, 0.1), ForecastMath.Quantile(residuals, 0.9));
            var f = forecast[h];
            points.Add(new ForecastPoint(last.AddDays(7 * (h + 1)), f,
                Math.Max(0, (f + 1) * Math.Exp(Math.Min(q10, 0)) - 1), Math.Max(0, (f + 1) * Math.Exp(Math.Max(q90, 0)) - 1)));
        }
        return new ScopeForecast(series.Scope, chosen.Name, backtest.Mape, [.. ranked.Select(r => r.Result)], series, points, IntervalLevel);
    }
}

/// <summary>Not enough complete weeks of sales to forecast and backtest.</summary>
public sealed class InsufficientHistoryException(string message) : Exception(message);
