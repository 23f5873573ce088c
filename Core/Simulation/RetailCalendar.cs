namespace Ecom.Aspire.Core.Simulation;

/// <summary>The dates of the Brazilian retail calendar and how much an ordinary day's demand they multiply.</summary>
public static class RetailCalendar
{
    /// <summary>Easter Sunday (Gregorian computus, the anonymous "Meeus/Jones/Butcher" algorithm).</summary>
    public static DateOnly Easter(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Carnaval Tuesday, 47 days before Easter.</summary>
    public static DateOnly CarnavalTuesday(int year) => Easter(year).AddDays(-47);

    /// <summary>Black Friday: the day after the fourth Thursday of November (US Thanksgiving).</summary>
    public static DateOnly BlackFriday(int year)
    {
        var first = new DateOnly(year, 11, 1);
        var firstThursday = first.AddDays(((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7);
        return firstThursday.AddDays(21 + 1);
    }

    public static DateOnly CyberMonday(int year) => BlackFriday(year).AddDays(3);

    /// <summary>Dia das Mães: second Sunday of May.</summary>
    public static DateOnly MothersDay(int year) => NthSunday(year, 5, 2);

    /// <summary>Dia dos Pais: second Sunday of August.</summary>
    public static DateOnly FathersDay(int year) => NthSunday(year, 8, 2);

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
    }

    /// <summary>Demand of a day relative to an ordinary day of the same weekday (the weekday profile is applied apart).</summary>
    public static double DayFactor(DateOnly day, CalendarParameters c) => DayFactor(day, c, out _);

    /// <summary>As <see cref="DayFactor(DateOnly, CalendarParameters)"/>; also names the gift date whose window this day is in, if any.</summary>
    public static double DayFactor(DateOnly day, CalendarParameters c, out GiftSeason season)
    {
        season = GiftSeason.None;
        var y = day.Year;
        var factor = 1.0;

        var bf = BlackFriday(y);
        var offset = day.DayNumber - bf.DayNumber;
        if (offset == 0) { season = GiftSeason.BlackFriday; return c.BlackFriday; }
        if (offset is >= -4 and <= -1) { season = GiftSeason.BlackFriday; return c.BlackFridayWeek; }
        if (offset is 1 or 2) { season = GiftSeason.BlackFriday; return c.BlackFridayWeekend; }
        if (offset == 3) { season = GiftSeason.BlackFriday; return c.CyberMonday; }

        switch (day.Month)
        {
            case 12:
                season = GiftSeason.Christmas;
                if (day.Day <= 20 && offset > 3) factor = 1 + (c.ChristmasPeak - 1) * day.Day / 20.0;
                else if (day.Day <= 23) factor = c.ChristmasLastDays;
                else if (day.Day == 24) factor = c.ChristmasEve;
                else if (day.Day == 25) factor = c.ChristmasDay;
                else { factor = c.LateDecember; season = GiftSeason.None; }
                return factor;
            case 1:
                return day.Day == 1 ? c.NewYearsDay : c.JanuaryLull;
        }

        var carnaval = CarnavalTuesday(y);
        var fromCarnaval = day.DayNumber - carnaval.DayNumber;
        if (fromCarnaval is -1 or 0) return c.Carnaval;
        if (fromCarnaval is -3 or -2 or 1) return c.CarnavalEdges;

        if (day.Month == 3)
        {
            if (day.Day == 15) return c.DiaDoConsumidor;
            if (day.Day is 14 or 16) return 1 + (c.DiaDoConsumidor - 1) / 2;
        }

        if (InWeekBefore(day, MothersDay(y))) { season = GiftSeason.MothersDay; return c.DiaDasMaesWeek; }
        if (InWeekBefore(day, new DateOnly(y, 6, 12))) { season = GiftSeason.ValentinesDay; return c.DiaDosNamoradosWeek; }
        if (InWeekBefore(day, FathersDay(y))) { season = GiftSeason.FathersDay; return c.DiaDosPaisWeek; }
        if (InWeekBefore(day, new DateOnly(y, 10, 12))) { season = GiftSeason.ChildrensDay; return c.DiaDasCriancasWeek; }
        return factor;
    }

    /// <summary>
    /// Demand at an instant relative to an average hour of an ordinary week: the day's calendar factor × the weekday
    /// weight × the hour-of-day weight (both profiles normalised to a mean of 1), in America/Sao_Paulo. Live mode
    /// multiplies its orders-per-second rate by it. Market events are not included (they are drawn for history runs).
    /// </summary>
    public static double LiveDemandFactor(DateTimeOffset instant, CalendarParameters c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var local = SaoPauloTime.LocalOf(instant);
        var dow = ((int)local.DayOfWeek + 6) % 7; // Monday = 0
        return DayFactor(DateOnly.FromDateTime(local), c)
            * c.WeekdayWeights[dow] * 7 / c.WeekdayWeights.Sum()
            * c.HourWeights[local.Hour] * 24 / c.HourWeights.Sum();
    }

    /// <summary>The 7 days before the date (the shopping window of a gift date; the day itself is ordinary).</summary>
    private static bool InWeekBefore(DateOnly day, DateOnly date) => day.DayNumber >= date.DayNumber - 7 && day.DayNumber < date.DayNumber;

    /// <summary>Categories that sell more in a gift season's window.</summary>
    public static IReadOnlyList<string> GiftCategories(GiftSeason season) => season switch
    {
        GiftSeason.BlackFriday => ["electronics", "telephony", "computers_accessories", "consoles_games", "housewares"],
        GiftSeason.Christmas => ["toys", "consoles_games", "watches_gifts", "perfumery", "electronics", "cool_stuff"],
        GiftSeason.MothersDay => ["health_beauty", "perfumery", "watches_gifts", "fashion_bags_accessories", "housewares"],
        GiftSeason.ValentinesDay => ["perfumery", "watches_gifts", "fashion_bags_accessories", "health_beauty"],
        GiftSeason.FathersDay => ["watches_gifts", "sports_leisure", "electronics", "auto", "perfumery"],
        GiftSeason.ChildrensDay => ["toys", "baby", "consoles_games", "cool_stuff"],
        _ => [],
    };
}

/// <summary>The gift date whose shopping window a day is in.</summary>
public enum GiftSeason
{
    None,
    BlackFriday,
    Christmas,
    MothersDay,
    ValentinesDay,
    FathersDay,
    ChildrensDay,
}
