using Ecom.Aspire.Core.Ml.Forecasting;

namespace Ecom.Aspire.Core.Tests.Ml;

/// <summary>MAPE, quantiles, the two baselines, the backtest's origins and the regression forecaster on hand-made series.</summary>
public sealed class ForecastingTests
{
    private static WeeklySeries Series(Func<int, double> revenue, int weeks) =>
        new("total", [.. Enumerable.Range(0, weeks).Select(i => new DateOnly(2023, 1, 2).AddDays(7 * i))], [.. Enumerable.Range(0, weeks).Select(revenue)]);

    [Fact]
    public void Mape_is_the_mean_absolute_percentage_error_leaving_out_zero_actuals()
    {
        // |100-90|/100 = 10 %, |200-250|/200 = 25 %, actual 0 left out: (10 + 25) / 2 = 17.5 %.
        Assert.Equal(17.5, ForecastMath.Mape([(100, 90), (200, 250), (0, 5)])!.Value, 9);
        Assert.Null(ForecastMath.Mape([(0, 5)]));
    }

    [Fact]
    public void Quantile_interpolates_between_order_statistics()
    {
        // Sorted 1, 2, 3, 4: p = 0.1 → position 0.3 → 1.3; p = 0.9 → position 2.7 → 3.7.
        Assert.Equal(1.3, ForecastMath.Quantile([4, 1, 3, 2], 0.1), 9);
        Assert.Equal(3.7, ForecastMath.Quantile([4, 1, 3, 2], 0.9), 9);
    }

    [Fact]
    public void Polynomial_fit_recovers_an_exact_quadratic()
    {
        double[] x = [0, 1, 2, 3, 4];
        var c = ForecastMath.PolynomialFit(x, [.. x.Select(v => 5 + 2 * v + 0.5 * v * v)], 2);
        Assert.Equal(5, c[0], 6);
        Assert.Equal(2, c[1], 6);
        Assert.Equal(0.5, c[2], 6);
        Assert.Equal(5 + 2 * 10 + 50, ForecastMath.Polynomial(c, 10), 6);
    }

    [Fact]
    public void Seasonal_naive_repeats_the_same_week_a_year_before()
    {
        var s = Series(i => i, 60);
        // Known weeks 0..55: week 56 → week 4, week 63 → week 11.
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], new SeasonalNaiveForecaster().Forecast(s, 56, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeasonalNaiveForecaster().Forecast(s, 51, 1));
    }

    [Fact]
    public void Polynomial_trend_extends_a_quadratic_trend_and_ignores_later_weeks()
    {
        var s = Series(i => i == 40 ? 1e9 : 1000 + 10 * i + 0.5 * i * i, 41);
        var f = new PolynomialTrendForecaster().Forecast(s, 40, 2);
        Assert.Equal(1000 + 400 + 800, f[0], 3);
        Assert.Equal(1000 + 410 + 0.5 * 41 * 41, f[1], 3);
    }

    [Fact]
    public void Backtest_forecasts_each_of_the_last_weeks_from_earlier_origins_only()
    {
        Assert.Equal(Enumerable.Range(74, 26), Backtest.Origins(100, 26));
        var probe = new ProbeForecaster();
        var result = Backtest.Run(probe, Series(i => 100, 100), 26, 8);
        // 19 origins forecast 8 weeks, the last 7 forecast 7, 6, ... 1: 152 + 28 pairs.
        Assert.Equal(180, result.Forecasts);
        Assert.All(probe.Calls, c => Assert.True(c.Known + c.Horizon <= 100));
        Assert.Equal(0, result.Mape);
    }

    [Fact]
    public void On_a_growing_seasonal_series_the_trainer_picks_a_model_better_than_seasonal_naive()
    {
        // Weekly revenue growing 0.4 % a week with a yearly wave and Black Friday / Christmas lifts from the retail calendar.
        var s = Series(i =>
        {
            var monday = new DateOnly(2023, 1, 2).AddDays(7 * i);
            return 10_000 * Math.Pow(1.004, i) * (1 + 0.2 * Math.Sin(2 * Math.PI * i / 52.0)) * WeekCalendar.Lift(monday);
        }, 140);
        var result = new ForecastTrainer(seed: 1).Train(s);
        var mape = result.Backtest.ToDictionary(b => b.Model, b => b.Mape!.Value);
        Assert.True(mape[RegressionForecaster.ModelName] < mape[SeasonalNaiveForecaster.ModelName], string.Join(", ", mape));
        Assert.Equal(mape.MinBy(m => m.Value).Key, result.ChosenModel);
        Assert.Equal(new DateOnly(2023, 1, 2).AddDays(7 * 140), result.Forecast[0].WeekStart);
        Assert.All(result.Forecast, p => Assert.True(p.Lower <= p.Forecast && p.Forecast <= p.Upper));
        // The same seed gives the same model.
        Assert.Equal(result.Forecast, new ForecastTrainer(seed: 1).Train(s).Forecast);
    }

    [Fact]
    public void Too_short_a_history_is_refused_with_the_reason()
    {
        var e = Assert.Throws<InsufficientHistoryException>(() => new ForecastTrainer(1).Train(Series(i => 1, 60)));
        Assert.Contains("78", e.Message);
    }

    [Fact]
    public void Calendar_lift_marks_black_friday_week_and_ordinary_weeks()
    {
        Assert.True(WeekCalendar.Lift(new DateOnly(2024, 11, 25)) > 2); // Black Friday 2024-11-29
        Assert.Equal(1, WeekCalendar.Lift(new DateOnly(2024, 9, 2)), 9); // an ordinary September week
    }

    [Theory]
    [InlineData(null, "total")]
    [InlineData("region:Sudeste", "region:Sudeste")]
    [InlineData("category:bed_bath_table", "category:bed_bath_table")]
    [InlineData("planet:Mars", null)]
    [InlineData("region:", null)]
    public void Scopes_parse(string? text, string? expected) =>
        Assert.Equal(expected, ForecastScope.Parse(text, out _)?.ToString());

    private sealed class ProbeForecaster : IWeeklyForecaster
    {
        public List<(int Known, int Horizon)> Calls { get; } = [];
        public string Name => "probe";
        public string Description => "constant 100";
        public int MinKnownWeeks => 1;

        public double[] Forecast(WeeklySeries series, int known, int horizon)
        {
            Calls.Add((known, horizon));
            return [.. Enumerable.Repeat(100.0, horizon)];
        }
    }
}
