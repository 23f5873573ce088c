using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Xunit.Abstractions;

namespace Ecom.Aspire.Core.Tests.Simulation;

/// <summary>
/// The generated marketplace against the figures it is calibrated on (Olist 2016–2018 unless said otherwise), with
/// the tolerance written next to each. Measured on the shared 12,000-customer dataset.
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class CalibrationTests(SimulatedDataset data, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    private static DateOnly LocalDay(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, SaoPaulo).DateTime);

    private void Within(string what, double actual, double expected, double tolerance)
    {
        output.WriteLine($"{what}: {actual:0.###} (expected {expected} ± {tolerance})");
        Assert.InRange(actual, expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Run_size_is_in_the_intended_range()
    {
        var orders = data.Orders.Count;
        output.WriteLine($"{orders} orders for {data.World.Customers.Count} customers, estimated {data.Simulator.EstimatedOrders}");
        // 50,000 customers over two years give about 150,000–250,000 orders.
        Within("orders per customer", orders / (double)data.World.Customers.Count, 3.6, 1.1);
        Within("estimate / actual", data.Simulator.EstimatedOrders / (double)orders, 1.0, 0.1);
        var byYear = data.Orders.GroupBy(o => LocalDay(o.PurchasedAt).Year).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"2017: {byYear[2017]}, 2018: {byYear[2018]}");
        Assert.True(byYear[2018] > byYear[2017], "a growing marketplace");
    }

    [Fact]
    public void Geography_matches_brazilian_ecommerce()
    {
        var n = (double)data.Orders.Count;
        Within("SP share of orders (%)", 100 * data.Orders.Count(o => o.ShipState == "SP") / n, 42, 4);
        // Olist's shares give SP + RJ + MG + ES = 68.6 %.
        Within("Southeast share of orders (%)", 100 * data.Orders.Count(o => o.ShipState is "SP" or "RJ" or "MG" or "ES") / n, 68.6, 5);
        Within("SP share of sellers (%)", 100 * data.World.Sellers.Count(s => s.State == "SP") / (double)data.World.Sellers.Count, 60, 5);
        Within("South + Southeast share of sellers (%)",
            100 * data.World.Sellers.Count(s => s.State is "SP" or "RJ" or "MG" or "ES" or "PR" or "SC" or "RS") / (double)data.World.Sellers.Count, 95, 4);
    }

    [Fact]
    public void Baskets_prices_and_freight()
    {
        var items = data.Orders.SelectMany(o => o.Items).ToList();
        Within("items per order", data.Orders.Average(o => o.ItemCount), 1.14, 0.06);
        Within("share of one-item orders (%)", 100 * data.Orders.Count(o => o.ItemCount == 1) / (double)data.Orders.Count, 90, 3);
        Within("mean item price (R$)", items.Average(i => (double)i.Price), 120, 15);
        Within("mean freight per item (R$)", items.Average(i => (double)i.Freight), 20, 4);
        var prices = items.Select(i => (double)i.Price).Order().ToList();
        var median = prices[prices.Count / 2];
        output.WriteLine($"median item price {median:0.00}, 99th percentile {prices[(int)(prices.Count * 0.99)]:0.00}");
        Assert.True(median < items.Average(i => (double)i.Price), "a long right tail: median below mean");
        var margins = data.World.Products.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.Average(p => 1 - (double)(p.Cost!.Value / p.Price)));
        output.WriteLine(string.Join(", ", margins.OrderBy(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value:P0}")));
        Assert.True(margins["fashion_bags_accessories"] > margins["electronics"] + 0.15, "margins differ by category");
        // Heavier, farther: freight grows with weight and distance.
        var products = data.World.Products.ToDictionary(p => p.Id);
        var ordinaryLines = data.Orders.Where(o => !data.Labels.Any(l => l.OrderId == o.Id)).SelectMany(o => o.Items.Take(1).Select(i => (o, i))).ToList();
        var heavy = ordinaryLines.Where(x => products[x.i.ProductId].WeightGrams > 5000).Average(x => (double)x.i.Freight);
        var light = ordinaryLines.Where(x => products[x.i.ProductId].WeightGrams < 1000).Average(x => (double)x.i.Freight);
        var far = ordinaryLines.Where(x => x.o.Delivery!.DistanceKm > 2000).Average(x => (double)x.i.Freight);
        var near = ordinaryLines.Where(x => x.o.Delivery!.DistanceKm < 500).Average(x => (double)x.i.Freight);
        output.WriteLine($"freight heavy {heavy:0.00} light {light:0.00} far {far:0.00} near {near:0.00}");
        Assert.True(heavy > light * 1.2 && far > near * 1.2);
    }

    [Fact]
    public void Payments_mix_and_installments()
    {
        var payments = data.Orders.SelectMany(o => o.Payments).ToList();
        double Share(string type) => 100 * payments.Count(p => p.Type == type) / (double)payments.Count;
        Within("credit card share of payment rows (%)", Share(PaymentTypes.CreditCard), 74, 4);
        Within("boleto share (%)", Share(PaymentTypes.Boleto), 19, 4);
        Within("voucher share (%)", Share(PaymentTypes.Voucher), 5.6, 2);
        Within("debit share (%)", Share(PaymentTypes.DebitCard), 1.5, 1);
        var card = payments.Where(p => p.Type == PaymentTypes.CreditCard).ToList();
        Within("mean installments of card payments", card.Average(p => p.Installments), 3.5, 0.5);
        var mostCommon = card.GroupBy(p => p.Installments).OrderByDescending(g => g.Count()).First().Key;
        Assert.Equal(1, mostCommon);
        Assert.Contains(data.Orders, o => o.Payments.Count == 2 && o.Payments[1].Type == PaymentTypes.Voucher);
    }

    [Fact]
    public void Deliveries_take_about_twelve_days_and_eight_percent_are_late()
    {
        var delivered = data.Orders.Where(o => o.Delivery!.DeliveredAt is not null).ToList();
        var days = delivered.Select(o => (o.Delivery!.DeliveredAt!.Value - o.PurchasedAt).TotalDays).Order().ToList();
        Within("mean days purchase to delivery", days.Average(), 12, 2);
        output.WriteLine($"median {days[days.Count / 2]:0.0} days, 95th percentile {days[(int)(days.Count * 0.95)]:0.0}");
        Assert.True(days[(int)(days.Count * 0.95)] > 2 * days[days.Count / 2], "a long right tail");
        Within("late share of delivered orders (%)", 100 * delivered.Count(o => o.Delivery!.DeliveredAt > o.Delivery.PromisedAt) / (double)delivered.Count, 8, 3);
        var sp = delivered.Where(o => o.ShipState == "SP").Average(o => (o.Delivery!.DeliveredAt!.Value - o.PurchasedAt).TotalDays);
        var north = delivered.Where(o => o.ShipState is "AM" or "PA" or "RR" or "AP" or "AC" or "RO" or "TO").Average(o => (o.Delivery!.DeliveredAt!.Value - o.PurchasedAt).TotalDays);
        output.WriteLine($"SP {sp:0.0} days, North {north:0.0} days");
        Assert.True(north > sp * 1.5, "farther takes longer");
        Assert.True(data.Orders.Select(o => o.Delivery!.Carrier).Distinct().Count() >= 5);
    }

    [Fact]
    public void Logistics_crises_slow_deliveries_down()
    {
        var crises = data.World.MarketEvents.Where(e => e.Kind == MarketEventKinds.LogisticsCrisis).ToList();
        Assert.NotEmpty(crises);
        var shipped = data.Orders.Where(o => o.Delivery!.DeliveredAt is not null).ToList();
        bool Hit(Order o) => crises.Any(e => o.Delivery!.ShippedAt >= e.StartsAt && o.Delivery.ShippedAt < e.EndsAt && (e.State is null || e.State == o.ShipState));
        var during = shipped.Where(Hit).ToList();
        var others = shipped.Where(o => !Hit(o)).ToList();
        double Late(List<Order> os) => os.Count(o => o.Delivery!.DeliveredAt > o.Delivery.PromisedAt) / (double)os.Count;
        output.WriteLine($"late during crises {Late(during):P1} ({during.Count} orders), otherwise {Late(others):P1}");
        Assert.True(Late(during) > 2 * Late(others));
    }

    [Fact]
    public void Statuses_and_reviews()
    {
        var n = (double)data.Orders.Count;
        Within("canceled (%)", 100 * data.Orders.Count(o => o.Status == OrderStatuses.Canceled) / n, 0.6, 0.5);
        Within("unavailable (%)", 100 * data.Orders.Count(o => o.Status == OrderStatuses.Unavailable) / n, 0.6, 0.3);
        Within("returned (%)", 100 * data.Orders.Count(o => o.Status == OrderStatuses.Returned) / n, 0.5, 0.3);
        var delivered = data.Orders.Where(o => o.Delivery!.DeliveredAt is not null).ToList();
        Within("reviewed share of delivered orders (%)", 100 * delivered.Count(o => o.Reviews.Count > 0) / (double)delivered.Count, 90, 3);
        var reviews = data.Orders.SelectMany(o => o.Reviews).ToList();
        Within("mean review score", reviews.Average(r => r.Score), 4.1, 0.2);
        var late = delivered.Where(o => o.Delivery!.DeliveredAt > o.Delivery.PromisedAt).SelectMany(o => o.Reviews).Average(r => r.Score);
        var onTime = delivered.Where(o => o.Delivery!.DeliveredAt <= o.Delivery.PromisedAt).SelectMany(o => o.Reviews).Average(r => r.Score);
        Within("mean score when late", late, 2.6, 0.4);
        Assert.True(onTime > late + 1, $"reviews fall when late: on time {onTime:0.00}, late {late:0.00}");
        Assert.Contains(reviews, r => r.Comment is not null);
    }

    [Fact]
    public void Black_friday_is_several_times_an_ordinary_day()
    {
        foreach (var year in new[] { 2017, 2018 })
        {
            var bf = RetailCalendar.BlackFriday(year);
            var perDay = data.Orders.Select(o => LocalDay(o.PurchasedAt)).Where(d => d.Year == year && d.Month == 11).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
            var others = perDay.Where(kv => kv.Key != bf).Select(kv => kv.Value).Order().ToList();
            var median = others[others.Count / 2];
            output.WriteLine($"Black Friday {bf}: {perDay[bf]} orders, median November day {median}");
            Assert.True(perDay[bf] >= 4 * median, $"Black Friday {bf} had {perDay[bf]} orders, the median November day {median}");
        }
    }

    [Fact]
    public void Weekly_daily_and_yearly_rhythm()
    {
        var local = data.Orders.Select(o => TimeZoneInfo.ConvertTime(o.PurchasedAt, SaoPaulo).DateTime).ToList();
        var byHour = local.GroupBy(t => t.Hour).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(string.Join(" ", Enumerable.Range(0, 24).Select(h => $"{h}h:{byHour.GetValueOrDefault(h)}")));
        Assert.True(byHour[4] * 10 < byHour[20], "few orders at 4 am, many at 8 pm");
        var byWeekday = local.GroupBy(t => t.DayOfWeek).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(byWeekday[DayOfWeek.Monday] > byWeekday[DayOfWeek.Saturday] * 1.2);
        // Late December below early December; the Christmas ramp peaks before the 21st.
        var dec = local.Where(t => t.Year == 2018 && t.Month == 12).GroupBy(t => t.Day).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(Enumerable.Range(14, 7).Sum(d => dec[d]) > 1.5 * Enumerable.Range(24, 7).Sum(d => dec.GetValueOrDefault(d)));
    }

    [Fact]
    public void A_site_outage_collapses_the_orders_of_its_hours()
    {
        var outages = data.World.MarketEvents.Where(e => e.Kind == MarketEventKinds.SiteOutage).ToList();
        Assert.NotEmpty(outages);
        int Count(DateTimeOffset from, DateTimeOffset to) => data.Orders.Count(o => o.PurchasedAt >= from && o.PurchasedAt < to);
        var during = outages.Sum(e => Count(e.StartsAt, e.EndsAt));
        var weekBefore = outages.Sum(e => Count(e.StartsAt.AddDays(-7), e.EndsAt.AddDays(-7)));
        var weekAfter = outages.Sum(e => Count(e.StartsAt.AddDays(7), e.EndsAt.AddDays(7)));
        output.WriteLine($"{outages.Count} outages: {during} orders during, {weekBefore} the same hours a week before, {weekAfter} a week after");
        Assert.True(during * 4 < Math.Min(weekBefore, weekAfter));
    }

    [Fact]
    public void A_viral_product_spikes()
    {
        var viral = data.World.MarketEvents.Where(e => e.Kind == MarketEventKinds.ViralProduct).ToList();
        Assert.NotEmpty(viral);
        foreach (var e in viral)
        {
            var during = data.Orders.Where(o => o.PurchasedAt >= e.StartsAt && o.PurchasedAt < e.EndsAt).ToList();
            var before = data.Orders.Where(o => o.PurchasedAt >= e.StartsAt.AddDays(-30) && o.PurchasedAt < e.StartsAt).ToList();
            double Share(List<Order> os) => os.Count(o => o.Items.Any(i => i.ProductId == e.ProductId)) / (double)Math.Max(1, os.Count);
            output.WriteLine($"product {e.ProductId}: {Share(during):P2} of orders during, {Share(before):P2} in the 30 days before");
            Assert.True(Share(during) > 3 * Share(before) && Share(during) > 0.01);
        }
    }

    [Fact]
    public void A_card_payment_outage_lowers_the_card_share()
    {
        var outages = data.World.MarketEvents.Where(e => e.Kind == MarketEventKinds.PaymentOutage).ToList();
        Assert.NotEmpty(outages);
        var during = data.Orders.Where(o => outages.Any(e => o.PurchasedAt >= e.StartsAt && o.PurchasedAt < e.EndsAt)).ToList();
        var card = during.Count(o => o.Payments[0].Type == PaymentTypes.CreditCard) / (double)during.Count;
        output.WriteLine($"card share during payment outages {card:P1} over {during.Count} orders");
        Assert.True(card < 0.6);
    }

    [Fact]
    public void Every_fraud_kind_appears_in_every_month_and_says_what_was_injected()
    {
        foreach (var month in data.Months.Where(m => m.Orders.Count > 0))
        {
            var kinds = month.Labels.Select(l => l.Kind).ToHashSet();
            Assert.True(FraudKinds.All.All(kinds.Contains), $"month {month.Chunk.From:yyyy-MM} lacks {string.Join(", ", FraudKinds.All.Except(kinds))}");
        }
        Assert.All(data.Labels, l => Assert.False(string.IsNullOrWhiteSpace(l.Detail)));
        var share = data.Labels.Count / (double)data.Orders.Count;
        output.WriteLine($"labelled {share:P2} of orders: " + string.Join(", ", data.Labels.GroupBy(l => l.Kind).Select(g => $"{g.Key} {g.Count()}")));
        Assert.InRange(share, 0.004, 0.015);

        var orders = data.Orders.ToDictionary(o => o.Id);
        var products = data.World.Products.ToDictionary(p => p.Id);
        foreach (var l in data.Labels)
        {
            var o = orders[l.OrderId];
            var customer = data.CustomersById[o.CustomerId];
            switch (l.Kind)
            {
                case FraudKinds.BulkOrder:
                    Assert.True(o.ItemCount >= 10 && o.Items.Select(i => i.ProductId).Distinct().Count() == 1);
                    break;
                case FraudKinds.PriceError:
                    var ratio = (double)(o.Items[0].Price / products[o.Items[0].ProductId].Price);
                    Assert.True(ratio is < 0.25 or > 4, $"price error ratio {ratio}");
                    break;
                case FraudKinds.FreightError:
                    Assert.True(o.Items[0].Freight >= 3 * o.Items[0].Price || o.Items[0].Freight >= 150);
                    break;
                case FraudKinds.CardTesting:
                    Assert.Equal(PaymentTypes.CreditCard, o.Payments[0].Type);
                    Assert.True(o.PurchasedAt - customer.SignupAt < TimeSpan.FromHours(2), "a new account");
                    break;
                case FraudKinds.AccountTakeover:
                    Assert.NotEqual(customer.State, o.ShipState);
                    Assert.True(o.PurchasedAt - customer.SignupAt > TimeSpan.FromDays(1), "an established account");
                    break;
                case FraudKinds.UnusualGeography:
                    Assert.True(BrazilGeography.DistanceKm(customer.State, o.ShipState) >= 1000);
                    break;
            }
        }
        // Card testing comes in bursts: several orders of one account within an hour.
        var bursts = data.Labels.Where(l => l.Kind == FraudKinds.CardTesting).GroupBy(l => orders[l.OrderId].CustomerId).ToList();
        Assert.All(bursts, b =>
        {
            var times = b.Select(l => orders[l.OrderId].PurchasedAt).ToList();
            Assert.True(times.Count >= 2 || times.Max() >= SimulatedDataset.Now.AddHours(-1));
            Assert.True(times.Max() - times.Min() < TimeSpan.FromHours(1));
        });
        // Account takeovers are of high value.
        var ato = data.Labels.Where(l => l.Kind == FraudKinds.AccountTakeover).Average(l => (double)orders[l.OrderId].Total);
        Assert.True(ato > 2 * data.Orders.Average(o => (double)o.Total), $"account takeovers average R$ {ato:0}");
    }

    [Fact]
    public void Product_lifecycles_move_demand()
    {
        var products = data.World.Products.ToDictionary(p => p.Id);
        var months = data.Months.Where(m => m.Orders.Count > 0).ToList();
        double ShareOf(ChunkData m, string lifecycle) =>
            m.Orders.SelectMany(o => o.Items).Count(i => products[i.ProductId].Lifecycle == lifecycle) / (double)m.Orders.Sum(o => o.Items.Count);
        var obsoleteFirst = months.Take(3).Average(m => ShareOf(m, Lifecycles.Obsolete));
        var obsoleteLast = months.TakeLast(3).Average(m => ShareOf(m, Lifecycles.Obsolete));
        var launchFirst = months.Take(3).Average(m => ShareOf(m, Lifecycles.Launch));
        var launchLast = months.TakeLast(3).Average(m => ShareOf(m, Lifecycles.Launch));
        output.WriteLine($"obsolete {obsoleteFirst:P1} -> {obsoleteLast:P1}, launch {launchFirst:P1} -> {launchLast:P1}");
        Assert.True(obsoleteLast < obsoleteFirst / 3);
        Assert.True(launchLast > launchFirst + 0.05);
    }
}
