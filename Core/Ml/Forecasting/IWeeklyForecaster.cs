namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>A way to forecast weekly revenue: from the first <c>known</c> weeks of a series, the next weeks.</summary>
public interface IWeeklyForecaster
{
    /// <summary>Name shown in the backtest table and the Api (seasonal_naive, polynomial_trend, ml_sdca).</summary>
    string Name { get; }

    /// <summary>Readable description of the method.</summary>
    string Description { get; }

    /// <summary>Fewest known weeks from which it can forecast <see cref="ForecastTrainer.Horizon"/> weeks.</summary>
    int MinKnownWeeks { get; }

    /// <summary>Forecasts of weeks known .. known + horizon − 1 of the series, using only its weeks 0 .. known − 1.</summary>
    double[] Forecast(WeeklySeries series, int known, int horizon);
}
