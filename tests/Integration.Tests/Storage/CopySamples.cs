using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Integration.Tests.Storage;

/// <summary>Hand-made chunks for the COPY tests: every column filled once and null once, odd text, sub-second times.</summary>
public static class CopySamples
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute, int second = 0, int micros = 0) =>
        new DateTimeOffset(2024, month, day, hour, minute, second, TimeSpan.Zero).AddTicks(micros * 10L);

    /// <summary>2 customers, 1 seller, 2 products, 1 market event.</summary>
    public static ChunkData World(int runId)
    {
        var world = new ChunkData(new ChunkSpec(ChunkSpec.WorldChunkNo, new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 1)));
        world.Customers.Add(new Customer
        {
            Id = IdSpace.Id(runId, 0, 0), RunId = runId, Cpf = "52998224725", Name = "Ana Souza", Email = "ana.souza@example.com.br",
            Phone = "(19) 99876-5432", City = "Campinas", State = "SP", ZipPrefix = "13010", Persona = Personas.Vip,
            SignupAt = Utc(1, 2, 10, 0, 0, 123456),
        });
        world.Customers.Add(new Customer
        {
            // Nulls everywhere they are allowed, text that needs quoting, and a timestamp with a non-UTC offset.
            Id = IdSpace.Id(runId, 0, 1), RunId = runId, Cpf = null, Name = "José D'Ávila, \"Zé\"", Email = null, Phone = null,
            City = "São João del-Rei", State = "MG", ZipPrefix = null, Persona = null,
            SignupAt = new DateTimeOffset(2024, 1, 5, 7, 30, 0, TimeSpan.FromHours(-3)),
        });
        world.Sellers.Add(new Seller
        {
            Id = IdSpace.Id(runId, 0, 0), RunId = runId, Name = "Loja Azul", City = "São Paulo", State = "SP", ZipPrefix = "01310",
            JoinedAt = new DateTimeOffset(2023, 6, 1, 0, 0, 0, TimeSpan.Zero),
        });
        world.Products.Add(new Product
        {
            Id = IdSpace.Id(runId, 0, 0), RunId = runId, Name = "Jogo de toalhas 4 peças", Category = "bed_bath_table", Price = 59.90m,
            Cost = 31.15m, WeightGrams = 1200, LengthCm = 30, HeightCm = 10, WidthCm = 25, Lifecycle = Lifecycles.Stable,
            LaunchedAt = Utc(1, 1, 0, 0),
        });
        world.Products.Add(new Product
        {
            Id = IdSpace.Id(runId, 0, 1), RunId = runId, Name = "Relógio\tdigital\nà prova d'água", Category = "watches_gifts",
            Price = 1999.99m, Cost = null, WeightGrams = null, LengthCm = null, HeightCm = null, WidthCm = null, Lifecycle = null,
            LaunchedAt = null,
        });
        world.MarketEvents.Add(new MarketEvent
        {
            Id = IdSpace.Id(runId, 0, 0), RunId = runId, Kind = MarketEventKinds.LogisticsCrisis, StartsAt = Utc(1, 10, 0, 0),
            EndsAt = Utc(1, 24, 23, 59, 59, 999999), Intensity = 1.35, State = "SP", Category = null,
            ProductId = IdSpace.Id(runId, 0, 0), Description = "Greve dos Correios em SP",
        });
        return world;
    }

    /// <summary>3 orders: one with 2 items, 2 payments, a delivery and a review; one with a half-done delivery; one canceled and labelled.</summary>
    public static ChunkData Orders(int runId)
    {
        var chunk = new ChunkData(new ChunkSpec(1, new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)));
        long customer0 = IdSpace.Id(runId, 0, 0), customer1 = IdSpace.Id(runId, 0, 1);
        long product0 = IdSpace.Id(runId, 0, 0), product1 = IdSpace.Id(runId, 0, 1), seller = IdSpace.Id(runId, 0, 0);

        var delivered = new Order
        {
            Id = IdSpace.Id(runId, 1, 0), RunId = runId, CustomerId = customer0, Status = OrderStatuses.Delivered,
            PurchasedAt = Utc(1, 3, 12, 0, 5, 250000), ApprovedAt = Utc(1, 3, 12, 10), CanceledAt = null,
            ShipCity = "Campinas", ShipState = "SP", ShipZipPrefix = "13010", ItemCount = 2,
            ItemsTotal = 2059.89m, FreightTotal = 35.50m, Total = 2095.39m,
        };
        delivered.Items.Add(new OrderItem { OrderId = delivered.Id, ItemNo = 1, ProductId = product0, SellerId = seller, Price = 59.90m, Freight = 10.00m, Cost = 31.15m });
        delivered.Items.Add(new OrderItem { OrderId = delivered.Id, ItemNo = 2, ProductId = product1, SellerId = seller, Price = 1999.99m, Freight = 25.50m, Cost = null });
        delivered.Payments.Add(new Payment { OrderId = delivered.Id, Seq = 1, Type = PaymentTypes.CreditCard, Installments = 6, Amount = 2000.00m });
        delivered.Payments.Add(new Payment { OrderId = delivered.Id, Seq = 2, Type = PaymentTypes.Voucher, Installments = 1, Amount = 95.39m });
        delivered.Delivery = new Delivery
        {
            OrderId = delivered.Id, Carrier = "Correios", ShippedAt = Utc(1, 4, 9, 0), PromisedAt = Utc(1, 15, 23, 59, 59),
            DeliveredAt = Utc(1, 12, 16, 45, 30, 1), DistanceKm = 95,
        };
        delivered.Reviews.Add(new Review
        {
            Id = IdSpace.Id(runId, 1, 0), OrderId = delivered.Id, Score = 5, Title = "Ótimo", Comment = "Chegou antes do prazo; recomendo!",
            CreatedAt = Utc(1, 13, 8, 0), AnsweredAt = null,
        });

        var shipped = new Order
        {
            Id = IdSpace.Id(runId, 1, 1), RunId = runId, CustomerId = customer1, Status = OrderStatuses.Shipped,
            PurchasedAt = Utc(1, 20, 21, 15), ApprovedAt = Utc(1, 20, 21, 16), CanceledAt = null,
            ShipCity = "São João del-Rei", ShipState = "MG", ShipZipPrefix = null, ItemCount = 1,
            ItemsTotal = 59.90m, FreightTotal = 18.07m, Total = 77.97m,
        };
        shipped.Items.Add(new OrderItem { OrderId = shipped.Id, ItemNo = 1, ProductId = product0, SellerId = seller, Price = 59.90m, Freight = 18.07m, Cost = 31.15m });
        shipped.Payments.Add(new Payment { OrderId = shipped.Id, Seq = 1, Type = PaymentTypes.Boleto, Installments = 1, Amount = 77.97m });
        shipped.Delivery = new Delivery
        {
            OrderId = shipped.Id, Carrier = "Jadlog", ShippedAt = Utc(1, 22, 10, 0), PromisedAt = Utc(2, 5, 23, 59, 59),
            DeliveredAt = null, DistanceKm = null,
        };

        var canceled = new Order
        {
            Id = IdSpace.Id(runId, 1, 2), RunId = runId, CustomerId = customer0, Status = OrderStatuses.Canceled,
            PurchasedAt = Utc(1, 30, 3, 0), ApprovedAt = null, CanceledAt = Utc(1, 30, 3, 45),
            ShipCity = "Campinas", ShipState = "SP", ShipZipPrefix = "13010", ItemCount = 1,
            ItemsTotal = 19.99m, FreightTotal = 0.00m, Total = 19.99m,
        };
        canceled.Items.Add(new OrderItem { OrderId = canceled.Id, ItemNo = 1, ProductId = product1, SellerId = seller, Price = 19.99m, Freight = 0.00m, Cost = null });
        canceled.Payments.Add(new Payment { OrderId = canceled.Id, Seq = 1, Type = PaymentTypes.Pix, Installments = 1, Amount = 19.99m });

        chunk.Orders.AddRange([delivered, shipped, canceled]);
        chunk.Labels.Add(new FraudLabel { OrderId = canceled.Id, RunId = runId, Kind = FraudKinds.PriceError, Detail = "listed at 1% of the catalogue price" });
        return chunk;
    }
}
