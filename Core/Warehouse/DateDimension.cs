using System.Globalization;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>One row of dw.dim_date.</summary>
public sealed record CalendarDay(
    DateOnly Date,
    short Year,
    short Quarter,
    short Month,
    string MonthName,
    string YearMonth,
    short DayOfMonth,
    short IsoYear,
    short IsoWeek,
    short Weekday,
    string WeekdayName,
    bool IsWeekend,
    string? HolidayName,
    string? RetailEvent,
    bool IsBlackFriday,
    bool IsCyberMonday,
    bool IsCarnaval)
{
    public bool IsHoliday => HolidayName is not null;
}

/// <summary>
/// The calendar of dw.dim_date: ISO weeks (weekday 1 = Monday), Brazil's national holidays and the retail dates the
/// simulation's demand follows (<see cref="RetailCalendar"/>: Black Friday, Cyber Monday, Carnaval, Dia das Mães...).
/// </summary>
public static class DateDimension
{
    public static CalendarDay Of(DateOnly date)
    {
        var at = date.ToDateTime(TimeOnly.MinValue);
        var weekday = (short)(((int)date.DayOfWeek + 6) % 7 + 1);
        var carnaval = RetailCalendar.CarnavalTuesday(date.Year);
        var blackFriday = RetailCalendar.BlackFriday(date.Year);
        return new CalendarDay(
            date,
            (short)date.Year,
            (short)((date.Month - 1) / 3 + 1),
            (short)date.Month,
            CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(date.Month),
            date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            (short)date.Day,
            (short)ISOWeek.GetYear(at),
            (short)ISOWeek.GetWeekOfYear(at),
            weekday,
            CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(date.DayOfWeek),
            weekday >= 6,
            Holiday(date),
            RetailEvent(date),
            date == blackFriday,
            date == RetailCalendar.CyberMonday(date.Year),
            date == carnaval || date == carnaval.AddDays(-1));
    }

    /// <summary>Every day of the whole years from <paramref name="fromYear"/> to <paramref name="toYear"/>.</summary>
    public static IEnumerable<CalendarDay> Years(int fromYear, int toYear)
    {
        for (var day = new DateOnly(fromYear, 1, 1); day.Year <= toYear; day = day.AddDays(1))
        {
            yield return Of(day);
        }
    }

    /// <summary>
    /// National holidays (Lei 662/1949, 6.802/1980, 10.607/2002; Consciência Negra from 2024, Lei 14.759/2023) and Good
    /// Friday. Carnaval is a "ponto facultativo", flagged apart (is_carnaval).
    /// </summary>
    public static string? Holiday(DateOnly date)
    {
        if (date == RetailCalendar.Easter(date.Year).AddDays(-2)) return "Sexta-feira Santa";
        return (date.Month, date.Day) switch
        {
            (1, 1) => "Confraternização Universal",
            (4, 21) => "Tiradentes",
            (5, 1) => "Dia do Trabalho",
            (9, 7) => "Independência do Brasil",
            (10, 12) => "Nossa Senhora Aparecida",
            (11, 2) => "Finados",
            (11, 15) => "Proclamação da República",
            (11, 20) when date.Year >= 2024 => "Dia Nacional de Zumbi e da Consciência Negra",
            (12, 25) => "Natal",
            _ => null,
        };
    }

    /// <summary>The retail date a day is, if any.</summary>
    public static string? RetailEvent(DateOnly date)
    {
        var year = date.Year;
        if (date == RetailCalendar.BlackFriday(year)) return "Black Friday";
        if (date == RetailCalendar.CyberMonday(year)) return "Cyber Monday";
        if (date == RetailCalendar.MothersDay(year)) return "Dia das Mães";
        if (date == RetailCalendar.FathersDay(year)) return "Dia dos Pais";
        return (date.Month, date.Day) switch
        {
            (3, 15) => "Dia do Consumidor",
            (6, 12) => "Dia dos Namorados",
            (10, 12) => "Dia das Crianças",
            (12, 24) => "Véspera de Natal",
            _ => null,
        };
    }
}
