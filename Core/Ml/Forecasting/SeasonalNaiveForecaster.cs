namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// Seasonal-naive baseline: a week's forecast is the revenue of the same week a year (52 weeks) earlier. It knows the
/// season but neither growth nor holidays that move (Black Friday, Carnaval, Easter shift by a week or more).
/// </summary>
public sealed class SeasonalNaiveForecaster : IWeeklyForecaster
{
    public const string ModelName = "seasonal_naive";
    public const int Season = 52;

    public string Name => ModelName;
    public string Description => "Revenue of the same week 52 weeks earlier.";
    public int MinKnownWeeks => Season;

    public double[] Forecast(WeeklySeries series, int known, int horizon)
    {
        if (known < Season) throw new ArgumentOutOfRangeException(nameof(known), $"the seasonal-naive forecast needs {Season} known weeks (got {known})");
        var result = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            // Week known + h, one season back; beyond one season ahead the forecast repeats its own forecasts.
            var source = known + h - Season;
            while (source >= known) source -= Season;
            result[h] = series.Revenue[source];
        }
        return result;
    }
}
