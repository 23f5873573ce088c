using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Integration.Tests.Storage;

/// <summary>
/// Rows shaped like the generator's (about 1.14 items and 1.05 payments per order, most orders delivered and reviewed,
/// a few labels), made quickly with a seeded Random, to measure writing speed without depending on the generator.
/// </summary>
public static class GeneratedLike
{
    private static readonly string[] States = ["SP", "RJ", "MG", "RS", "PR", "SC", "BA", "PE", "GO", "DF"];
    private static readonly string[] Cities = ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Porto Alegre", "Curitiba", "Florianópolis", "Salvador", "Recife", "Goiânia", "Brasília"];
    private static readonly string[] Categories = ["bed_bath_table", "health_beauty", "sports_leisure", "furniture_decor", "computers_accessories", "housewares", "watches_gifts", "telephony"];
    private static readonly string[] Carriers = ["Correios", "Jadlog", "Loggi", "Total Express"];

    public static (ChunkData World, ChunkData Orders) Chunks(int runId, int orderCount, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 3, 0, 0, TimeSpan.Zero);
        var world = new ChunkData(new ChunkSpec(ChunkSpec.WorldChunkNo, new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)));
        var customerCount = Math.Max(2, orderCount / 3);
        for (var i = 0; i < customerCount; i++)
        {
            var s = random.Next(States.Length);
            world.Customers.Add(new Customer
            {
                Id = IdSpace.Id(runId, 0, i), RunId = runId, Cpf = random.NextInt64(10_000_000_000, 99_999_999_999).ToString(),
                Name = $"Cliente {i} da Silva", Email = $"cliente{i}@example.com.br", Phone = $"(11) 9{random.Next(1000, 9999)}-{random.Next(1000, 9999)}",
                City = Cities[s], State = States[s], ZipPrefix = random.Next(10000, 99999).ToString(), Persona = Personas.All[random.Next(4)],
                SignupAt = start.AddDays(-random.Next(1, 700)).AddSeconds(random.Next(86_400)),
            });
        }
        const int sellerCount = 200, productCount = 2000;
        for (var i = 0; i < sellerCount; i++)
        {
            var s = random.Next(States.Length);
            world.Sellers.Add(new Seller
            {
                Id = IdSpace.Id(runId, 0, i), RunId = runId, Name = $"Loja {i}", City = Cities[s], State = States[s],
                ZipPrefix = random.Next(10000, 99999).ToString(), JoinedAt = start.AddDays(-random.Next(30, 900)),
            });
        }
        for (var i = 0; i < productCount; i++)
        {
            var price = Math.Round(10m + (decimal)(random.NextDouble() * random.NextDouble()) * 500m, 2);
            world.Products.Add(new Product
            {
                Id = IdSpace.Id(runId, 0, i), RunId = runId, Name = $"Produto {i}", Category = Categories[random.Next(Categories.Length)],
                Price = price, Cost = Math.Round(price * 0.6m, 2), WeightGrams = random.Next(100, 20_000), LengthCm = random.Next(10, 80),
                HeightCm = random.Next(2, 50), WidthCm = random.Next(10, 60), Lifecycle = Lifecycles.All[random.Next(5)],
                LaunchedAt = start.AddDays(-random.Next(1, 400)),
            });
        }
        world.MarketEvents.Add(new MarketEvent
        {
            Id = IdSpace.Id(runId, 0, 0), RunId = runId, Kind = MarketEventKinds.MarketingCampaign, StartsAt = start.AddDays(3),
            EndsAt = start.AddDays(10), Intensity = 1.4, Description = "Campanha de verão",
        });

        var orders = new ChunkData(new ChunkSpec(1, new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1)));
        long reviewSeq = 0;
        for (var i = 0; i < orderCount; i++)
        {
            var customer = world.Customers[random.Next(customerCount)];
            var purchased = start.AddSeconds(random.Next(31 * 86_400));
            var itemCount = random.NextDouble() < 0.12 ? 2 : 1;
            var order = new Order
            {
                Id = IdSpace.Id(runId, 1, i), RunId = runId, CustomerId = customer.Id, PurchasedAt = purchased,
                ShipCity = customer.City, ShipState = customer.State, ShipZipPrefix = customer.ZipPrefix, ItemCount = (short)itemCount,
            };
            for (var k = 1; k <= itemCount; k++)
            {
                var product = world.Products[random.Next(productCount)];
                var freight = Math.Round(8m + (decimal)random.NextDouble() * 30m, 2);
                order.Items.Add(new OrderItem
                {
                    OrderId = order.Id, ItemNo = (short)k, ProductId = product.Id, SellerId = world.Sellers[random.Next(sellerCount)].Id,
                    Price = product.Price, Freight = freight, Cost = product.Cost,
                });
                order.ItemsTotal += product.Price;
                order.FreightTotal += freight;
            }
            order.Total = order.ItemsTotal + order.FreightTotal;
            var canceled = random.NextDouble() < 0.03;
            order.Status = canceled ? OrderStatuses.Canceled : OrderStatuses.Delivered;
            order.ApprovedAt = canceled ? null : purchased.AddMinutes(random.Next(1, 600));
            order.CanceledAt = canceled ? purchased.AddHours(2) : null;
            if (random.NextDouble() < 0.05 && order.Total > 10m)
            {
                order.Payments.Add(new Payment { OrderId = order.Id, Seq = 1, Type = PaymentTypes.CreditCard, Installments = (short)random.Next(1, 10), Amount = order.Total - 10m });
                order.Payments.Add(new Payment { OrderId = order.Id, Seq = 2, Type = PaymentTypes.Voucher, Installments = 1, Amount = 10m });
            }
            else
            {
                order.Payments.Add(new Payment { OrderId = order.Id, Seq = 1, Type = random.NextDouble() < 0.75 ? PaymentTypes.CreditCard : PaymentTypes.Boleto, Installments = (short)random.Next(1, 10), Amount = order.Total });
            }
            if (!canceled)
            {
                var shipped = order.ApprovedAt!.Value.AddDays(random.Next(1, 4));
                var delivered = shipped.AddHours(random.Next(24, 24 * 20));
                order.Delivery = new Delivery
                {
                    OrderId = order.Id, Carrier = Carriers[random.Next(Carriers.Length)], ShippedAt = shipped,
                    PromisedAt = purchased.AddDays(15), DeliveredAt = delivered, DistanceKm = random.Next(5, 3000),
                };
                if (random.NextDouble() < 0.75)
                {
                    order.Reviews.Add(new Review
                    {
                        Id = IdSpace.Id(runId, 1, reviewSeq++), OrderId = order.Id, Score = (short)random.Next(1, 6),
                        Title = random.NextDouble() < 0.3 ? "Recomendo" : null, Comment = random.NextDouble() < 0.4 ? "Produto conforme o anúncio, entrega rápida." : null,
                        CreatedAt = delivered.AddDays(1), AnsweredAt = null,
                    });
                }
            }
            if (random.NextDouble() < 0.005)
            {
                orders.Labels.Add(new FraudLabel { OrderId = order.Id, RunId = runId, Kind = FraudKinds.BulkOrder, Detail = "synthetic" });
            }
            orders.Orders.Add(order);
        }
        return (world, orders);
    }
}
