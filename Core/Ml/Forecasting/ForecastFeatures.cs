namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// Features of the regression forecaster for "week <c>known + h − 1</c> seen from the end of week <c>known − 1</c>"
/// (a direct multi-horizon model: one model for horizons 1..8, the horizon is a feature). Revenue enters as logarithms
/// relative to the recent level, so that the model learns ratios (seasonality, holidays, momentum) and the level
/// carries the scale:
/// <list type="bullet">
/// <item>level = ln(mean revenue of the last 4 known weeks + 1) (recent lags); the target is ln(revenue + 1) − level;</item>
/// <item>horizon h (1..8) and trend (week number / 52, i.e. years since the first week);</item>
/// <item>week of year as sin and cos of its angle in the year;</item>
/// <item>calendar lift of the target week (<see cref="WeekCalendar.Lift"/>, log) and the mean log lift of the 4 level
/// weeks (a level inflated by Black Friday is discounted);</item>
/// <item>last year: the same week 52 weeks earlier relative to the level of a year before the origin (log ratio), and
/// that week's log calendar lift relative to the lift of those level weeks (holidays that moved);</item>
/// <item>momentum: ln(mean of the last 4 weeks + 1) − ln(mean of the 9 weeks before them + 1).</item>
/// </list>
/// </summary>
public static class ForecastFeatures
{
    public const int Count = 9;
    public const int LevelWeeks = 4;
    public const int MomentumWeeks = 9;
    public const int Season = 52;

    /// <summary>Fewest known weeks for features (a year back from the origin, plus the level weeks of a year before).</summary>
    public const int MinKnownWeeks = Season + LevelWeeks;

    public static readonly string[] Names =
    [
        "horizon", "trend", "week_sin", "week_cos", "calendar_lift", "level_calendar_lift",
        "last_year_ratio", "last_year_calendar_lift", "momentum",
    ];

    /// <summary>The level (ln of the mean of the last 4 known weeks + 1).</summary>
    public static double Level(WeeklySeries s, int known) => Math.Log(Mean(s, known - LevelWeeks, known) + 1);

    public static float[] Of(WeeklySeries s, int known, int h)
    {
        if (known < MinKnownWeeks) throw new ArgumentOutOfRangeException(nameof(known), $"features need {MinKnownWeeks} known weeks (got {known})");
        var t = known + h - 1;
        var monday = s.Weeks[0].AddDays(7 * t);
        var level = Level(s, known);
        var levelLift = 0.0;
        for (var i = known - LevelWeeks; i < known; i++) levelLift += Math.Log(WeekCalendar.Lift(s.Weeks[i]));
        levelLift /= LevelWeeks;
        var lastYear = t - Season;
        while (lastYear >= known) lastYear -= Season;
        var yearAgoLevel = Math.Log(Mean(s, known - Season - LevelWeeks, known - Season) + 1);
        var yearAgoLift = 0.0;
        for (var i = known - Season - LevelWeeks; i < known - Season; i++) yearAgoLift += Math.Log(WeekCalendar.Lift(s.Weeks[i]));
        yearAgoLift /= LevelWeeks;
        var momentumFrom = Math.Max(0, known - LevelWeeks - MomentumWeeks);
        var angle = WeekCalendar.YearAngle(monday);
        return
        [
            h,
            t / 52f,
            (float)Math.Sin(angle),
            (float)Math.Cos(angle),
            (float)Math.Log(WeekCalendar.Lift(monday)),
            (float)levelLift,
            (float)(Math.Log(s.Revenue[lastYear] + 1) - yearAgoLevel),
            (float)(Math.Log(WeekCalendar.Lift(s.Weeks[lastYear])) - yearAgoLift),
            (float)(level - Math.Log(Mean(s, momentumFrom, known - LevelWeeks) + 1)),
        ];
    }

    private static double Mean(WeeklySeries s, int from, int to)
    {
        var sum = 0.0;
        for (var i = from; i < to; i++) sum += s.Revenue[i];
        return to > from ? sum / (to - from) : 0;
    }
}
