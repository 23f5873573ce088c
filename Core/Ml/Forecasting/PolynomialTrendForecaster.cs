namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// Polynomial-trend baseline, what a spreadsheet user of the old tools did: a least-squares polynomial of degree 2
/// (a "polynomial trendline") through every known week's revenue against the week number, extended ahead. No season,
/// no holidays.
/// </summary>
public sealed class PolynomialTrendForecaster(int degree = 2) : IWeeklyForecaster
{
    public const string ModelName = "polynomial_trend";

    public string Name => ModelName;
    public string Description => $"Least-squares polynomial of degree {degree} in the week number, through all known weeks.";
    public int MinKnownWeeks => degree + 2;

    public double[] Forecast(WeeklySeries series, int known, int horizon)
    {
        var x = new double[known];
        var y = new double[known];
        for (var i = 0; i < known; i++)
        {
            x[i] = i / 52.0; // years, to keep the normal equations well conditioned
            y[i] = series.Revenue[i];
        }
        var c = ForecastMath.PolynomialFit(x, y, degree);
        var result = new double[horizon];
        for (var h = 0; h < horizon; h++) result[h] = Math.Max(0, ForecastMath.Polynomial(c, (known + h) / 52.0));
        return result;
    }
}
