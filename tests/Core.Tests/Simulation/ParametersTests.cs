using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

public sealed class ParametersTests
{
    private static readonly DateTimeOffset RealNow = new(2025, 6, 18, 15, 45, 30, TimeSpan.Zero);

    [Fact]
    public void Defaults_are_two_years_up_to_yesterday()
    {
        var p = SimulationParameters.Default(new DateOnly(2025, 6, 18));
        Assert.Equal(new DateOnly(2023, 6, 1), p.From);
        Assert.Equal(new DateOnly(2025, 6, 17), p.To);
        Assert.Equal(50_000, p.Customers);
        Assert.Equal(42, p.Seed);
        Assert.Null(p.Now);
        Assert.Empty(p.Validate());
    }

    [Fact]
    public void Resolve_fixes_now_to_the_end_of_to_or_the_real_now()
    {
        var past = SimulationParameters.Default(new DateOnly(2025, 6, 18)).Resolve(RealNow);
        // End of 17 June 2025 in São Paulo (UTC-3) = 18 June 03:00 UTC.
        Assert.Equal(new DateTimeOffset(2025, 6, 18, 3, 0, 0, TimeSpan.Zero), past.Now);
        Assert.Equal(past, past.Resolve(RealNow.AddDays(5)));

        var future = (SimulationParameters.Default(new DateOnly(2025, 6, 18)) with { To = new DateOnly(2025, 12, 31) }).Resolve(RealNow.AddTicks(1234));
        Assert.Equal(RealNow, future.Now);
        Assert.Equal(TimeSpan.Zero, future.Now!.Value.Offset);
    }

    [Fact]
    public void A_run_ending_in_the_future_stops_at_now()
    {
        var p = new SimulationParameters { From = new DateOnly(2025, 5, 1), To = new DateOnly(2025, 7, 31), Customers = 1_000 }.Resolve(RealNow);
        var sim = new MarketplaceSimulator(p, 2);
        Assert.Equal(4, sim.Chunks.Count);
        var world = sim.Generate(0);
        Assert.All(world.Customers, c => Assert.True(c.SignupAt <= RealNow));
        var june = sim.Generate(2);
        Assert.NotEmpty(june.Orders);
        Assert.All(june.Orders, o => Assert.True(o.PurchasedAt <= RealNow));
        Assert.Empty(sim.Generate(3).Orders);
    }

    [Fact]
    public void Validate_explains_bad_parameters()
    {
        var good = SimulationParameters.Default(new DateOnly(2025, 6, 18));
        Assert.Contains("--to 2023-01-01 is before --from 2024-01-01",
            (good with { From = new DateOnly(2024, 1, 1), To = new DateOnly(2023, 1, 1) }).Validate());
        Assert.Contains("customers must be between 1 and 10,000,000 (got 0)", (good with { Customers = 0 }).Validate());
        Assert.Contains("customers must be between 1 and 10,000,000 (got 20,000,000)", (good with { Customers = 20_000_000 }).Validate());
        Assert.Contains(good.With(x => x with { Growth = x.Growth with { AnnualGrowth = -2 } }).Validate(), m => m.StartsWith("growth.annualGrowth must be between"));
        Assert.Contains(good.With(x => x with { Calendar = x.Calendar with { HourWeights = [1, 2, 3] } }).Validate(), m => m == "calendar.hourWeights needs 24 weights (got 3)");
        Assert.Contains(good.With(x => x with { Geography = x.Geography with { CustomerStateShares = new Dictionary<string, double> { ["XX"] = 1 } } }).Validate(),
            m => m.Contains("'XX' is not a Brazilian UF"));
        Assert.Contains(good.With(x => x with { CustomerBehaviour = x.CustomerBehaviour with { Personas = [new("gold", 1, 1, 1)] } }).Validate(), m => m.Contains("unknown persona 'gold'"));
        Assert.Contains(good.With(x => x with { Events = x.Events with { Kinds = [new(MarketEventKinds.SiteOutage, 1, 0.5, 0.1, 1, 2)] } }).Validate(), m => m.Contains("intensity range"));
        Assert.Contains((good with { From = new DateOnly(1990, 1, 1), To = new DateOnly(2025, 1, 1) }).Validate(), m => m.Contains("longer than 20 years"));
        Assert.Contains((good with { Now = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }).Validate(), m => m.StartsWith("now ("));
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator(good, 1)); // not resolved
        Assert.Throws<ArgumentException>(() => new MarketplaceSimulator((good with { Customers = 0 }).Resolve(RealNow), 1));
    }
}

internal static class ParameterExtensions
{
    public static SimulationParameters With(this SimulationParameters p, Func<SimulationParameters, SimulationParameters> change) => change(p);
}
