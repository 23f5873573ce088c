using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// The retail calendar of a week (DESIGN.md section 4, <see cref="RetailCalendar"/>): Black Friday and its week, Cyber
/// Monday, the Christmas ramp and the late-December drop, the January lull, Carnaval, Dia do Consumidor and the gift
/// weeks before Dia das Mães, Dia dos Namorados, Dia dos Pais and Dia das Crianças.
/// </summary>
public static class WeekCalendar
{
    private static readonly CalendarParameters Lifts = new();

    /// <summary>
    /// Calendar lift of the week starting on <paramref name="monday"/>: the mean over its 7 days of the retail
    /// calendar's day factor (1 = an ordinary week; Black Friday week about 2.2 with the default lifts).
    /// </summary>
    public static double Lift(DateOnly monday)
    {
        var sum = 0.0;
        for (var d = 0; d < 7; d++) sum += RetailCalendar.DayFactor(monday.AddDays(d), Lifts);
        return sum / 7;
    }

    /// <summary>ISO-like week of year as an angle (0..2π), for the sine and cosine season features.</summary>
    public static double YearAngle(DateOnly monday) => 2 * Math.PI * (monday.DayOfYear - 1) / 365.25;
}
