using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

public sealed class CalendarAndReferenceTests
{
    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2017, "2017-04-16")]
    [InlineData(2018, "2018-04-01")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_by_the_gregorian_computus(int year, string easter) =>
        Assert.Equal(DateOnly.Parse(easter), RetailCalendar.Easter(year));

    [Theory]
    [InlineData(2017, "2017-11-24", "2017-02-28")]
    [InlineData(2018, "2018-11-23", "2018-02-13")]
    [InlineData(2024, "2024-11-29", "2024-02-13")]
    [InlineData(2025, "2025-11-28", "2025-03-04")]
    public void Black_friday_and_carnaval(int year, string blackFriday, string carnavalTuesday)
    {
        Assert.Equal(DateOnly.Parse(blackFriday), RetailCalendar.BlackFriday(year));
        Assert.Equal(DateOnly.Parse(blackFriday).AddDays(3), RetailCalendar.CyberMonday(year));
        Assert.Equal(DateOnly.Parse(carnavalTuesday), RetailCalendar.CarnavalTuesday(year));
    }

    [Fact]
    public void Gift_dates_and_their_demand()
    {
        Assert.Equal(new DateOnly(2024, 5, 12), RetailCalendar.MothersDay(2024));
        Assert.Equal(new DateOnly(2024, 8, 11), RetailCalendar.FathersDay(2024));
        var c = new CalendarParameters();
        Assert.Equal(c.BlackFriday, RetailCalendar.DayFactor(new DateOnly(2024, 11, 29), c));
        Assert.Equal(c.CyberMonday, RetailCalendar.DayFactor(new DateOnly(2024, 12, 2), c));
        Assert.Equal(c.DiaDoConsumidor, RetailCalendar.DayFactor(new DateOnly(2024, 3, 15), c));
        Assert.Equal(c.Carnaval, RetailCalendar.DayFactor(new DateOnly(2024, 2, 12), c));
        Assert.Equal(c.DiaDasMaesWeek, RetailCalendar.DayFactor(new DateOnly(2024, 5, 8), c, out var season));
        Assert.Equal(GiftSeason.MothersDay, season);
        Assert.Contains("perfumery", RetailCalendar.GiftCategories(season));
        Assert.Equal(c.DiaDasCriancasWeek, RetailCalendar.DayFactor(new DateOnly(2024, 10, 10), c));
        Assert.Equal(c.ChristmasDay, RetailCalendar.DayFactor(new DateOnly(2024, 12, 25), c));
        Assert.Equal(c.JanuaryLull, RetailCalendar.DayFactor(new DateOnly(2025, 1, 14), c));
        Assert.Equal(1.0, RetailCalendar.DayFactor(new DateOnly(2024, 9, 10), c));
    }

    [Fact]
    public void Carnaval_dips_in_a_run_without_market_events()
    {
        var p = new SimulationParameters
        {
            From = new DateOnly(2017, 1, 1), To = new DateOnly(2019, 3, 31), Customers = 10_000, Seed = 8,
            Events = new EventParameters { Kinds = [] },
        }.Resolve(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sim = new MarketplaceSimulator(p, 1);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        var perDay = sim.Chunks.Skip(1).Where(c => c.From.Month is 2 or 3).SelectMany(c => sim.Generate(c).Orders)
            .GroupBy(o => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(o.PurchasedAt, zone).DateTime)).ToDictionary(g => g.Key, g => g.Count());
        int Pair(DateOnly tuesday) => perDay[tuesday.AddDays(-1)] + perDay[tuesday];
        var carnaval = 0.0;
        var around = 0.0;
        foreach (var year in new[] { 2017, 2018, 2019 })
        {
            var tuesday = RetailCalendar.CarnavalTuesday(year);
            carnaval += Pair(tuesday);
            around += (Pair(tuesday.AddDays(-7)) + Pair(tuesday.AddDays(7))) / 2.0;
        }
        Assert.InRange(carnaval / around, 0.45, 0.85);
    }

    [Fact]
    public void Cpf_check_digits()
    {
        Assert.True(Cpf.IsValid("529.982.247-25"));
        Assert.True(Cpf.IsValid("52998224725"));
        Assert.Equal("12345678909", Cpf.FromBase(123_456_789));
        Assert.False(Cpf.IsValid("12345678900"));
        Assert.False(Cpf.IsValid("11111111111"));
        Assert.False(Cpf.IsValid("5299822472"));
        Assert.False(Cpf.IsValid(null));
        var random = new Random(1);
        for (var i = 0; i < 2000; i++) Assert.True(Cpf.IsValid(Cpf.Generate(random)));
    }

    [Fact]
    public void Reference_geography()
    {
        Assert.Equal(27, BrazilGeography.States.Count);
        Assert.True(BrazilGeography.Cities.Count >= 400);
        Assert.All(BrazilGeography.Cities, c => Assert.Contains(BrazilGeography.States, s => s.Uf == c.Uf));
        Assert.All(BrazilGeography.States, s => Assert.Single(BrazilGeography.CitiesOf(s.Uf), c => c.IsCapital));
        Assert.All(BrazilGeography.States, s => Assert.Equal(s.Capital, BrazilGeography.CitiesOf(s.Uf)[0].Name));
        Assert.Equal("SP", BrazilGeography.StateOfZipPrefix("01310"));
        Assert.Equal("RJ", BrazilGeography.StateOfZipPrefix("22041"));
        Assert.Equal("RS", BrazilGeography.StateOfZipPrefix("90010"));
        Assert.Equal("GO", BrazilGeography.StateOfZipPrefix("74000"));
        Assert.Null(BrazilGeography.StateOfZipPrefix("1234"));
        Assert.InRange(BrazilGeography.DistanceKm("SP", "RJ"), 400, 600);
        Assert.InRange(BrazilGeography.DistanceKm("SP", "AM"), 3000, 4500);
        Assert.True(BrazilGeography.IsCityOf("Campinas", "SP"));
        Assert.False(BrazilGeography.IsCityOf("Campinas", "RJ"));
    }
}
