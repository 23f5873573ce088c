namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>One model's rolling-origin backtest.</summary>
/// <param name="Model">Forecaster name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Mape">MAPE in percent over every (origin, horizon) pair (see <see cref="ForecastMath.Mape"/>).</param>
/// <param name="MapeByHorizon">MAPE in percent of the forecasts 1, 2, … 8 weeks ahead.</param>
/// <param name="Forecasts">Number of (origin, horizon) pairs.</param>
public sealed record BacktestResult(string Model, string Description, double? Mape, IReadOnlyList<double?> MapeByHorizon, int Forecasts)
{
    /// <summary>Per horizon (index h − 1), ln((actual + 1) / (forecast + 1)) of each pair: what the interval is made of.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IReadOnlyList<double>> LogResiduals { get; init; } = [];
}

/// <summary>
/// Rolling-origin backtest: for each origin, every week of the last <c>weeks</c> weeks in turn (origin = number of
/// weeks known), the model sees only the weeks before the origin and forecasts up to <c>horizon</c> weeks ahead, as
/// far as the data goes; each forecast is compared with what happened. So the last 26 weeks are each forecast 1 to
/// 8 weeks ahead, and no forecast ever uses the week it predicts.
/// </summary>
public static class Backtest
{
    /// <summary>The origins (numbers of known weeks) of a backtest over the last <paramref name="weeks"/> weeks of <paramref name="count"/>.</summary>
    public static IEnumerable<int> Origins(int count, int weeks) => Enumerable.Range(count - weeks, weeks).Where(o => o > 0);

    public static BacktestResult Run(IWeeklyForecaster model, WeeklySeries series, int weeks, int horizon)
    {
        var byHorizon = Enumerable.Range(0, horizon).Select(_ => new List<(double Actual, double Forecast)>()).ToArray();
        foreach (var known in Origins(series.Count, weeks))
        {
            var steps = Math.Min(horizon, series.Count - known);
            var forecast = model.Forecast(series, known, steps);
            for (var h = 0; h < steps; h++) byHorizon[h].Add((series.Revenue[known + h], forecast[h]));
        }
        return new BacktestResult(
            model.Name, model.Description,
            ForecastMath.Mape(byHorizon.SelectMany(p => p)),
            [.. byHorizon.Select(p => ForecastMath.Mape(p))],
            byHorizon.Sum(p => p.Count))
        {
            LogResiduals = [.. byHorizon.Select(p => (IReadOnlyList<double>)[.. p.Select(x => Math.Log((x.Actual + 1) / (x.Forecast + 1)))])],
        };
    }
}
