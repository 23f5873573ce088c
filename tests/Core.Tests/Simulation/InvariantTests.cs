using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

[Collection(SimulationCollection.Name)]
public sealed class InvariantTests(SimulatedDataset data)
{
    private static readonly DateTimeOffset Now = SimulatedDataset.Now;

    [Fact]
    public void Every_row_belongs_to_the_run_and_its_chunk_id_range()
    {
        var run = SimulatedDataset.RunId;
        var (worldFrom, worldTo) = IdSpace.Range(run, 0);
        Assert.All(data.World.Customers, c => { Assert.Equal(run, c.RunId); Assert.InRange(c.Id, worldFrom, worldTo - 1); });
        Assert.All(data.World.Sellers, s => { Assert.Equal(run, s.RunId); Assert.InRange(s.Id, worldFrom, worldTo - 1); });
        Assert.All(data.World.Products, p => { Assert.Equal(run, p.RunId); Assert.InRange(p.Id, worldFrom, worldTo - 1); });
        Assert.All(data.World.MarketEvents, e => { Assert.Equal(run, e.RunId); Assert.InRange(e.Id, worldFrom, worldTo - 1); });
        Assert.Equal(SimulatedDataset.Parameters.Customers, data.World.Customers.Count);
        Assert.Equal(data.World.Customers.Count, data.World.Customers.Select(c => c.Id).Distinct().Count());
        foreach (var month in data.Months)
        {
            var (from, to) = IdSpace.Range(run, month.Chunk.No);
            Assert.All(month.Orders, o =>
            {
                Assert.Equal(run, o.RunId);
                Assert.InRange(o.Id, from, to - 1);
                Assert.All(o.Reviews, r => Assert.InRange(r.Id, from, to - 1));
            });
            Assert.All(month.Labels, l => Assert.Equal(run, l.RunId));
            var (start, end) = (Bounds(month.Chunk.From), Bounds(month.Chunk.To));
            Assert.All(month.Orders, o => Assert.True(o.PurchasedAt >= start && o.PurchasedAt < end, $"order {o.Id} at {o.PurchasedAt:O} outside chunk {month.Chunk}"));
        }
        Assert.Equal(data.Orders.Count, data.Orders.Select(o => o.Id).Distinct().Count());
        Assert.Equal(data.Labels.Count, data.Labels.Select(l => l.OrderId).Distinct().Count());
    }

    private static DateTimeOffset Bounds(DateOnly day)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
        var local = day.ToDateTime(TimeOnly.MinValue);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    [Fact]
    public void Timestamps_are_utc_whole_seconds_and_never_after_now()
    {
        void Check(DateTimeOffset? t, string what)
        {
            if (t is not { } v) return;
            Assert.True(v.Offset == TimeSpan.Zero, $"{what} {v:O} is not UTC");
            Assert.True(v.UtcTicks % TimeSpan.TicksPerSecond == 0, $"{what} {v:O} has sub-second precision");
            Assert.True(v <= Now, $"{what} {v:O} is after now");
        }
        foreach (var c in data.World.Customers) Check(c.SignupAt, "signup");
        foreach (var s in data.World.Sellers) Check(s.JoinedAt, "seller joined");
        foreach (var p in data.World.Products) Check(p.LaunchedAt, "launch");
        foreach (var e in data.World.MarketEvents) { Check(e.StartsAt, "event start"); Check(e.EndsAt, "event end"); Assert.True(e.StartsAt < e.EndsAt); }
        foreach (var o in data.Orders)
        {
            Check(o.PurchasedAt, "purchase"); Check(o.ApprovedAt, "approval"); Check(o.CanceledAt, "cancel");
            Check(o.Delivery!.ShippedAt, "shipping"); Check(o.Delivery.DeliveredAt, "delivery");
            // The promised date is a date promised at purchase: it may lie after now.
            Assert.True(o.Delivery.PromisedAt.Offset == TimeSpan.Zero && o.Delivery.PromisedAt > o.PurchasedAt);
            foreach (var r in o.Reviews) { Check(r.CreatedAt, "review"); Check(r.AnsweredAt, "answer"); }
        }
    }

    [Fact]
    public void Dates_follow_each_other()
    {
        var products = data.World.Products.ToDictionary(p => p.Id);
        var firstOrder = data.Orders.GroupBy(o => o.CustomerId).ToDictionary(g => g.Key, g => g.Min(o => o.PurchasedAt));
        foreach (var (customerId, first) in firstOrder)
            Assert.True(data.CustomersById[customerId].SignupAt <= first, $"customer {customerId} ordered before signing up");
        foreach (var o in data.Orders)
        {
            var d = o.Delivery!;
            if (o.ApprovedAt is { } a) Assert.True(a >= o.PurchasedAt, $"order {o.Id} approved before purchase");
            if (o.CanceledAt is { } c) Assert.True(c >= o.PurchasedAt && (o.ApprovedAt is null || c >= o.ApprovedAt));
            if (d.ShippedAt is { } s) Assert.True(o.ApprovedAt is { } ap && s >= ap, $"order {o.Id} shipped before approval");
            if (d.DeliveredAt is { } dl) Assert.True(d.ShippedAt is { } sh && dl >= sh, $"order {o.Id} delivered before shipping");
            foreach (var r in o.Reviews)
            {
                Assert.True(r.CreatedAt > o.PurchasedAt);
                if (d.DeliveredAt is { } delivered) Assert.True(r.CreatedAt >= delivered, $"review of order {o.Id} before its delivery");
                if (r.AnsweredAt is { } answered) Assert.True(answered >= r.CreatedAt);
                Assert.InRange(r.Score, (short)1, (short)5);
            }
            foreach (var i in o.Items) Assert.True(products[i.ProductId].LaunchedAt <= o.PurchasedAt, $"order {o.Id} bought product {i.ProductId} before its launch");
        }
        var sellers = data.World.Sellers.ToDictionary(s => s.Id);
        foreach (var item in data.Orders.SelectMany(o => o.Items).Take(5000))
            Assert.True(products[item.ProductId].LaunchedAt >= sellers[item.SellerId].JoinedAt, $"product {item.ProductId} launched before its seller joined");
    }

    [Fact]
    public void Statuses_agree_with_dates_and_now()
    {
        foreach (var o in data.Orders)
        {
            var d = o.Delivery!;
            switch (o.Status)
            {
                case OrderStatuses.Delivered or OrderStatuses.Returned:
                    Assert.NotNull(o.ApprovedAt); Assert.NotNull(d.ShippedAt); Assert.NotNull(d.DeliveredAt); Assert.Null(o.CanceledAt);
                    break;
                case OrderStatuses.Shipped:
                    Assert.NotNull(o.ApprovedAt); Assert.NotNull(d.ShippedAt); Assert.Null(d.DeliveredAt); Assert.Null(o.CanceledAt);
                    break;
                case OrderStatuses.Invoiced:
                    Assert.NotNull(o.ApprovedAt); Assert.Null(d.ShippedAt); Assert.Null(d.DeliveredAt); Assert.Null(o.CanceledAt);
                    break;
                case OrderStatuses.Processing:
                    Assert.Null(d.ShippedAt); Assert.Null(d.DeliveredAt); Assert.Null(o.CanceledAt);
                    break;
                case OrderStatuses.Canceled or OrderStatuses.Unavailable:
                    Assert.NotNull(o.CanceledAt); Assert.Null(d.ShippedAt); Assert.Null(d.DeliveredAt);
                    break;
                default:
                    Assert.Fail($"unknown status {o.Status}");
                    break;
            }
        }
        // An order placed within the last hour before now is still being processed.
        var recent = data.Orders.Where(o => o.PurchasedAt > Now.AddHours(-1)).ToList();
        Assert.NotEmpty(recent);
        Assert.All(recent, o => Assert.Contains(o.Status, new[] { OrderStatuses.Processing, OrderStatuses.Invoiced, OrderStatuses.Canceled }));
        Assert.All(data.Orders.Where(o => o.PurchasedAt > Now.AddDays(-1)), o => Assert.NotEqual(OrderStatuses.Delivered, o.Status));
        Assert.Contains(data.Orders, o => o.Status == OrderStatuses.Shipped);
        foreach (var status in OrderStatuses.All) Assert.Contains(data.Orders, o => o.Status == status);
    }

    [Fact]
    public void Money_adds_up()
    {
        foreach (var o in data.Orders)
        {
            Assert.Equal(o.ItemCount, o.Items.Count);
            Assert.Equal(Enumerable.Range(1, o.Items.Count).Select(i => (short)i), o.Items.Select(i => i.ItemNo));
            Assert.Equal(o.ItemsTotal, o.Items.Sum(i => i.Price));
            Assert.Equal(o.FreightTotal, o.Items.Sum(i => i.Freight));
            Assert.Equal(o.Total, o.ItemsTotal + o.FreightTotal);
            Assert.Equal(o.Total, o.Payments.Sum(p => p.Amount));
            Assert.NotEmpty(o.Payments);
            Assert.Equal(Enumerable.Range(1, o.Payments.Count).Select(i => (short)i), o.Payments.Select(p => p.Seq));
            Assert.All(o.Payments, p =>
            {
                Assert.True(p.Amount > 0);
                Assert.Equal(p.Amount, Math.Round(p.Amount, 2));
                Assert.Contains(p.Type, PaymentTypes.All);
                Assert.InRange(p.Installments, (short)1, (short)24);
                if (p.Type != PaymentTypes.CreditCard) Assert.Equal(1, p.Installments);
            });
            Assert.All(o.Items, i => { Assert.True(i.Price > 0 && i.Freight >= 0 && i.Cost > 0); Assert.Equal(i.Price, Math.Round(i.Price, 2)); });
        }
        Assert.All(data.World.Products, p => Assert.True(p.Cost < p.Price && p.Cost > 0 && p.WeightGrams > 0 && p.LengthCm > 0 && p.WidthCm > 0 && p.HeightCm > 0));
        Assert.DoesNotContain(data.Orders, o => o.Payments.Any(p => p.Type == PaymentTypes.Pix)); // 2017–2018: before Pix
    }

    [Fact]
    public void People_have_valid_cpfs_and_state_consistent_addresses()
    {
        var cities = BrazilGeography.Cities.ToLookup(c => c.Uf);
        Assert.All(data.World.Customers, c =>
        {
            Assert.True(Cpf.IsValid(c.Cpf), $"invalid CPF {c.Cpf}");
            Assert.Matches("^[0-9]{11}$", c.Cpf);
            var city = cities[c.State].SingleOrDefault(x => x.Name == c.City);
            Assert.True(city is not null, $"{c.City} is not a city of {c.State}");
            Assert.Equal(c.State, BrazilGeography.StateOfZipPrefix(c.ZipPrefix));
            Assert.StartsWith($"({city.Ddd:00}) 9", c.Phone);
            Assert.Matches(@"^\([0-9]{2}\) 9[0-9]{4}-[0-9]{4}$", c.Phone);
            Assert.Matches(@"^[a-z0-9.]+@[a-z.]+$", c.Email);
            Assert.Contains(c.Persona, Personas.All);
            Assert.Contains(' ', c.Name);
        });
        Assert.InRange(data.World.Customers.Select(c => c.Cpf).Distinct().Count(), data.World.Customers.Count - 2, data.World.Customers.Count);
        Assert.All(data.World.Sellers, s =>
        {
            Assert.Contains(cities[s.State], x => x.Name == s.City);
            Assert.Equal(s.State, BrazilGeography.StateOfZipPrefix(s.ZipPrefix));
        });
        Assert.All(data.Orders, o =>
        {
            Assert.Contains(cities[o.ShipState], x => x.Name == o.ShipCity);
            Assert.Equal(o.ShipState, BrazilGeography.StateOfZipPrefix(o.ShipZipPrefix));
        });
        Assert.All(data.World.Products, p => Assert.Contains(p.Lifecycle, Lifecycles.All));
        Assert.All(data.World.MarketEvents, e => Assert.Contains(e.Kind, MarketEventKinds.All));
        Assert.All(data.Labels, l => Assert.Contains(l.Kind, FraudKinds.All));
    }

    [Fact]
    public void Ordinary_orders_ship_to_the_customer()
    {
        var labelled = data.Labels.Where(l => l.Kind is FraudKinds.AccountTakeover or FraudKinds.UnusualGeography).Select(l => l.OrderId).ToHashSet();
        foreach (var o in data.Orders.Where(o => !labelled.Contains(o.Id)))
        {
            var c = data.CustomersById[o.CustomerId];
            Assert.Equal(c.State, o.ShipState);
            Assert.Equal(c.City, o.ShipCity);
        }
    }
}
