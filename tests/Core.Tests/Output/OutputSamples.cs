using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Output;

/// <summary>A world chunk and order chunks with nulls, text that needs quoting, sub-second and non-UTC times.</summary>
internal static class OutputSamples
{
    public const int RunId = 3;

    public static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0, int micros = 0) =>
        new DateTimeOffset(2024, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(micros * 10L);

    public static ChunkData World()
    {
        var world = new ChunkData(new ChunkSpec(ChunkSpec.WorldChunkNo, new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1)));
        world.Customers.Add(new Customer
        {
            Id = IdSpace.Id(RunId, 0, 0), RunId = RunId, Cpf = "52998224725", Name = "Ana Souza", Email = "ana@example.com.br",
            Phone = "+55 (19) 99876-5432", City = "Campinas", State = "SP", ZipPrefix = "13010", Persona = Personas.Vip,
            SignupAt = Utc(1, 2, 10, 0, 0, 123456),
        });
        world.Customers.Add(new Customer
        {
            Id = IdSpace.Id(RunId, 0, 1), RunId = null, Cpf = null, Name = "José D'Ávila, \"Zé\"", City = "São João del-Rei",
            State = "MG", SignupAt = new DateTimeOffset(2024, 1, 5, 7, 30, 0, TimeSpan.FromHours(-3)),
        });
        world.Sellers.Add(new Seller
        {
            Id = IdSpace.Id(RunId, 0, 0), RunId = RunId, Name = "Loja Azul", City = "São Paulo", State = "SP", ZipPrefix = "01310",
            JoinedAt = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero),
        });
        world.Products.Add(new Product
        {
            Id = IdSpace.Id(RunId, 0, 0), RunId = RunId, Name = "Toalha", Category = "bed_bath_table", Price = 59.9m, Cost = 31.15m,
            WeightGrams = 1200, LengthCm = 30, HeightCm = 10, WidthCm = 25, Lifecycle = Lifecycles.Stable, LaunchedAt = Utc(1, 1, 0, 0),
        });
        world.Products.Add(new Product
        {
            Id = IdSpace.Id(RunId, 0, 1), RunId = RunId, Name = "Relógio\ndigital", Category = "watches_gifts", Price = 1999.99m,
        });
        world.MarketEvents.Add(new MarketEvent
        {
            Id = IdSpace.Id(RunId, 0, 0), RunId = RunId, Kind = MarketEventKinds.LogisticsCrisis, StartsAt = Utc(1, 10, 0, 0),
            EndsAt = Utc(1, 24, 23, 59, 59, 999999), Intensity = 0.1 + 0.2, State = "SP", ProductId = IdSpace.Id(RunId, 0, 0),
            Description = "Greve dos Correios",
        });
        return world;
    }

    /// <summary>Orders of month <paramref name="chunkNo"/>: <paramref name="count"/> orders, the first with two items and two payments.</summary>
    public static ChunkData Orders(int chunkNo, int count)
    {
        var chunk = new ChunkData(new ChunkSpec(chunkNo, new DateOnly(2024, chunkNo, 1), new DateOnly(2024, chunkNo + 1, 1)));
        for (var i = 0; i < count; i++)
        {
            var id = IdSpace.Id(RunId, chunkNo, i);
            var purchased = Utc(chunkNo, 1 + i % 28, 12, 0, 5, 250000);
            var order = new Order
            {
                Id = id, RunId = RunId, CustomerId = IdSpace.Id(RunId, 0, i % 2), Status = i == 0 ? OrderStatuses.Delivered : OrderStatuses.Canceled,
                PurchasedAt = purchased, ApprovedAt = i == 0 ? purchased.AddMinutes(10) : null, CanceledAt = i == 0 ? null : purchased.AddHours(1),
                ShipCity = "Campinas", ShipState = "SP", ShipZipPrefix = i == 0 ? "13010" : null, ItemCount = (short)(i == 0 ? 2 : 1),
            };
            order.Items.Add(new OrderItem { OrderId = id, ItemNo = 1, ProductId = IdSpace.Id(RunId, 0, 0), SellerId = IdSpace.Id(RunId, 0, 0), Price = 59.90m, Freight = 10m, Cost = 31.15m });
            if (i == 0)
            {
                order.Items.Add(new OrderItem { OrderId = id, ItemNo = 2, ProductId = IdSpace.Id(RunId, 0, 1), SellerId = IdSpace.Id(RunId, 0, 0), Price = 1999.99m, Freight = 25.5m, Cost = null });
            }
            order.ItemsTotal = order.Items.Sum(x => x.Price);
            order.FreightTotal = order.Items.Sum(x => x.Freight);
            order.Total = order.ItemsTotal + order.FreightTotal;
            order.Payments.Add(new Payment { OrderId = id, Seq = 1, Type = PaymentTypes.CreditCard, Installments = 6, Amount = order.Total - (i == 0 ? 20m : 0m) });
            if (i == 0)
            {
                order.Payments.Add(new Payment { OrderId = id, Seq = 2, Type = PaymentTypes.Voucher, Installments = 1, Amount = 20m });
                order.Delivery = new Delivery { OrderId = id, Carrier = "Correios", ShippedAt = purchased.AddDays(1), PromisedAt = purchased.AddDays(12), DeliveredAt = null, DistanceKm = null };
                order.Reviews.Add(new Review { Id = IdSpace.Id(RunId, chunkNo, 0), OrderId = id, Score = 4, Title = null, Comment = "Bom, mas \"demorou\"", CreatedAt = purchased.AddDays(9) });
            }
            chunk.Orders.Add(order);
        }
        chunk.Labels.Add(new FraudLabel { OrderId = IdSpace.Id(RunId, chunkNo, count - 1), RunId = RunId, Kind = FraudKinds.CardTesting, Detail = null });
        return chunk;
    }
}
