using System.Diagnostics;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Xunit.Abstractions;

namespace Ecom.Aspire.Core.Tests.Simulation;

public sealed class PixAndThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Pix_appears_from_november_2020_and_takes_share_from_boleto()
    {
        var p = new SimulationParameters { From = new DateOnly(2020, 6, 1), To = new DateOnly(2023, 5, 31), Customers = 3_000, Seed = 5 }
            .Resolve(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sim = new MarketplaceSimulator(p, 1);
        var orders = sim.Chunks.Skip(1).SelectMany(c => sim.Generate(c).Orders).ToList();
        var launch = new DateTimeOffset(2020, 11, 16, 3, 0, 0, TimeSpan.Zero);
        Assert.DoesNotContain(orders, o => o.PurchasedAt < launch.AddDays(-16) && o.Payments.Any(x => x.Type == PaymentTypes.Pix));
        var late = orders.Where(o => o.PurchasedAt.Year == 2023).SelectMany(o => o.Payments).ToList();
        var early = orders.Where(o => o.PurchasedAt < launch.AddDays(-16)).SelectMany(o => o.Payments).ToList();
        double Share(List<Payment> ps, string type) => ps.Count(x => x.Type == type) / (double)ps.Count;
        output.WriteLine($"2023: pix {Share(late, PaymentTypes.Pix):P1}, boleto {Share(late, PaymentTypes.Boleto):P1}; 2020 before Pix: boleto {Share(early, PaymentTypes.Boleto):P1}");
        Assert.InRange(Share(late, PaymentTypes.Pix), 0.08, 0.2);
        Assert.True(Share(late, PaymentTypes.Boleto) < Share(early, PaymentTypes.Boleto) / 2);
        Assert.InRange(Share(late, PaymentTypes.CreditCard), 0.70, 0.78);
    }

    [Fact]
    public void Throughput_is_printed_not_asserted()
    {
        var p = new SimulationParameters { From = new DateOnly(2023, 1, 1), To = new DateOnly(2023, 12, 31), Customers = 15_000, Seed = 3 }
            .Resolve(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sim = new MarketplaceSimulator(p, 1);
        var sw = Stopwatch.StartNew();
        var world = sim.Generate(0);
        output.WriteLine($"world: {world.Customers.Count:N0} customers, {world.Products.Count:N0} products in {sw.ElapsedMilliseconds} ms");
        sim.Generate(1); // warm-up
        for (var round = 0; round < 2; round++)
        {
            sw.Restart();
            long orders = 0, rows = 0;
            foreach (var c in sim.Chunks.Skip(1))
            {
                var d = sim.Generate(c);
                orders += d.Orders.Count;
                foreach (var o in d.Orders) rows += 1 + o.Items.Count + o.Payments.Count + 1 + o.Reviews.Count;
                rows += d.Labels.Count;
            }
            var s = sw.Elapsed.TotalSeconds;
            output.WriteLine($"round {round + 1}: {orders:N0} orders, {rows:N0} rows in {s:0.000} s = {orders / s:N0} orders/s, {rows / s:N0} rows/s (one thread, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        }
    }
}
