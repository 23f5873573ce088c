using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

/// <summary>Live mode's generator: the same window gives the same rows, and the calendar shapes the volume.</summary>
public sealed class LiveGenerationTests
{
    private const int HistoryRunId = 3;
    private const int LiveRunId = 4;

    private static readonly SimulationParameters History = new SimulationParameters
    {
        From = new DateOnly(2018, 1, 1),
        To = new DateOnly(2018, 12, 31),
        Customers = 2_000,
        Seed = 11,
    }.Resolve(new DateTimeOffset(2019, 1, 1, 12, 0, 0, TimeSpan.Zero));

    // Tuesday 2019-03-12, 14:00 to 15:00 in São Paulo (UTC-3): an ordinary afternoon.
    private static readonly DateTimeOffset From = new(2019, 3, 12, 17, 0, 0, TimeSpan.Zero);

    private static string Fingerprint(ChunkData data) => string.Join("\n", data.Orders.Select(o =>
        $"{o.Id}|{o.CustomerId}|{o.PurchasedAt:O}|{o.Status}|{o.ApprovedAt:O}|{o.CanceledAt:O}|{o.ShipState}|{o.ShipCity}|{o.Total}|" +
        string.Join(",", o.Items.Select(i => $"{i.ProductId}:{i.SellerId}:{i.Price}:{i.Freight}")) + "|" +
        string.Join(",", o.Payments.Select(p => $"{p.Type}:{p.Installments}:{p.Amount}")) + "|" +
        $"{o.Delivery!.Carrier}:{o.Delivery.PromisedAt:O}:{o.Delivery.ShippedAt:O}:{o.Delivery.DeliveredAt:O}"))
        + "\n" + string.Join("\n", data.Labels.Select(l => $"{l.OrderId}:{l.Kind}"));

    [Fact]
    public void The_same_window_gives_the_same_rows_on_another_simulator()
    {
        var first = new MarketplaceSimulator(History, HistoryRunId).GenerateLive(From, From.AddMinutes(10), 2, 1234, LiveRunId);
        var second = new MarketplaceSimulator(History, HistoryRunId).GenerateLive(From, From.AddMinutes(10), 2, 1234, LiveRunId);
        var later = new MarketplaceSimulator(History, HistoryRunId).GenerateLive(From.AddMinutes(10), From.AddMinutes(20), 2, 1234, LiveRunId);

        Assert.NotEmpty(first.Orders);
        Assert.Equal(Fingerprint(first), Fingerprint(second));
        Assert.NotEqual(Fingerprint(first), Fingerprint(later));
    }

    [Fact]
    public void Live_orders_are_in_their_window_from_existing_customers_with_ids_of_the_live_run_and_nothing_after_now()
    {
        var simulator = new MarketplaceSimulator(History, HistoryRunId);
        var world = simulator.Generate(0);
        var customers = world.Customers.ToDictionary(c => c.Id);
        var products = world.Products.Select(p => p.Id).ToHashSet();
        var to = From.AddMinutes(30);

        var data = simulator.GenerateLive(From, to, 5, IdSpace.ChunkSpan - 3, LiveRunId);

        Assert.NotEmpty(data.Orders);
        Assert.Equal(LiveIds.OrderId(LiveRunId, IdSpace.ChunkSpan - 3), data.Orders[0].Id);
        // The sequence crosses into the next chunk: its ids continue there.
        Assert.Equal(IdSpace.Id(LiveRunId, 2, 0), data.Orders[3].Id);
        Assert.Equal(data.Orders.Count, data.Orders.Select(o => o.Id).Distinct().Count());
        foreach (var o in data.Orders)
        {
            Assert.Equal(LiveRunId, o.RunId);
            Assert.InRange(o.PurchasedAt, From, to.AddTicks(-1));
            Assert.True(customers[o.CustomerId].SignupAt < o.PurchasedAt);
            Assert.All(o.Items, i => Assert.Contains(i.ProductId, products));
            Assert.Equal(o.Total, o.Payments.Sum(p => p.Amount));
            Assert.Contains(o.Status, new[] { OrderStatuses.Processing, OrderStatuses.Canceled });
            Assert.True(o.ApprovedAt is null || (o.ApprovedAt >= o.PurchasedAt && o.ApprovedAt <= to));
            Assert.True(o.CanceledAt is null || o.CanceledAt <= to);
            Assert.Null(o.Delivery!.ShippedAt);
            Assert.Null(o.Delivery.DeliveredAt);
            Assert.True(o.Delivery.PromisedAt > o.PurchasedAt);
            Assert.Empty(o.Reviews);
        }
        Assert.Contains(data.Orders, o => o.ApprovedAt is not null);
        Assert.Contains(data.Orders, o => o.ApprovedAt is null);
    }

    [Fact]
    public void The_calendar_factor_averages_one_over_an_ordinary_week_and_peaks_on_Black_Friday()
    {
        var c = History.Calendar;
        // September 2019 has no retail date: a week of it averages the ordinary hour.
        var start = new DateTimeOffset(2019, 9, 2, 3, 0, 0, TimeSpan.Zero); // Monday 00:00 in São Paulo
        var week = Enumerable.Range(0, 7 * 24).Select(h => RetailCalendar.LiveDemandFactor(start.AddHours(h), c)).ToList();
        Assert.InRange(week.Average(), 0.999, 1.001);

        var blackFridayEvening = RetailCalendar.LiveDemandFactor(new DateTimeOffset(2019, 11, 29, 23, 0, 0, TimeSpan.Zero), c);
        var tuesdayEvening = RetailCalendar.LiveDemandFactor(new DateTimeOffset(2019, 11, 12, 23, 0, 0, TimeSpan.Zero), c);
        var tuesdayNight = RetailCalendar.LiveDemandFactor(new DateTimeOffset(2019, 11, 12, 7, 0, 0, TimeSpan.Zero), c);
        Assert.Equal(c.BlackFriday, blackFridayEvening / tuesdayEvening * c.WeekdayWeights[1] / c.WeekdayWeights[4], 6);
        Assert.True(tuesdayEvening > 5 * tuesdayNight);
    }

    [Fact]
    public void The_number_of_orders_follows_the_rate_and_the_calendar()
    {
        var simulator = new MarketplaceSimulator(History, HistoryRunId);
        const double rate = 0.5;
        foreach (var from in new[] { From, new DateTimeOffset(2019, 3, 12, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2019, 11, 29, 23, 0, 0, TimeSpan.Zero) })
        {
            var expected = rate * 3600 * RetailCalendar.LiveDemandFactor(from, History.Calendar);
            var n = simulator.GenerateLive(from, from.AddHours(1), rate, 0, LiveRunId).Orders.Count;
            // Poisson: within five standard deviations.
            Assert.InRange(n, expected - 5 * Math.Sqrt(expected), expected + 5 * Math.Sqrt(expected));
        }
    }
}
