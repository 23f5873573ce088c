using Dapper;
using Ecom.Aspire.Core.Model;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Realtime;

/// <summary>Hand-made live orders for the real-time tests, committed the way a live batch is (rows + batch row, one transaction).</summary>
internal static class LiveOrders
{
    public static async Task SeedCatalogAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO shop.customers (id, name, city, state, signup_at)
            SELECT g, 'Cliente ' || g, 'São Paulo', 'SP', '2024-01-01T00:00:00Z' FROM generate_series(1, 50) g;
            INSERT INTO shop.sellers (id, name, city, state, joined_at) VALUES (1, 'Loja', 'São Paulo', 'SP', '2023-01-01T00:00:00Z');
            INSERT INTO shop.products (id, name, category, price) SELECT g, 'Produto ' || g, 'housewares', 10 + g FROM generate_series(1, 20) g;
            """);
    }

    /// <summary>An order of <paramref name="items"/> items with prices that exercise rounding (x.99, x.01...).</summary>
    public static Order Make(long id, long customerId, DateTimeOffset at, string state, int items, string status = OrderStatuses.Processing)
    {
        var order = new Order
        {
            Id = id, CustomerId = customerId, Status = status, PurchasedAt = at, ShipCity = "Cidade", ShipState = state,
        };
        for (short n = 1; n <= items; n++)
        {
            order.Items.Add(new OrderItem
            {
                OrderId = id, ItemNo = n, ProductId = 1 + (id * 7 + n) % 20, SellerId = 1,
                Price = 19.99m + (id % 13) * 3.01m + n, Freight = 7.5m,
            });
        }
        order.ItemCount = (short)items;
        order.ItemsTotal = order.Items.Sum(i => i.Price);
        order.FreightTotal = order.Items.Sum(i => i.Freight);
        order.Total = order.ItemsTotal + order.FreightTotal;
        return order;
    }

    /// <summary>Writes the orders and a sim.live_batches row in one transaction; returns the batch id.</summary>
    public static async Task<long> CommitAsync(string connectionString, IReadOnlyList<Order> orders, DateOnly day)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var o in orders)
        {
            await connection.ExecuteAsync("""
                INSERT INTO shop.orders (id, customer_id, status, purchased_at, ship_city, ship_state, item_count, items_total, freight_total, total)
                VALUES (@Id, @CustomerId, @Status, @PurchasedAt, @ShipCity, @ShipState, @ItemCount, @ItemsTotal, @FreightTotal, @Total)
                """, o, tx);
            await connection.ExecuteAsync("""
                INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight)
                VALUES (@OrderId, @ItemNo, @ProductId, @SellerId, @Price, @Freight)
                """, o.Items, tx);
        }
        var batchId = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO sim.live_batches (day, kind, orders) VALUES (@day, 'orders', @n) RETURNING id", new { day, n = orders.Count }, tx);
        await tx.CommitAsync();
        return batchId;
    }

    /// <summary>Cancels orders in PostgreSQL and records the status batch; returns the batch id.</summary>
    public static async Task<long> CancelAsync(string connectionString, IReadOnlyList<Order> orders, DateOnly day)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("UPDATE shop.orders SET status = 'canceled', canceled_at = now() WHERE id = ANY(@ids)",
            new { ids = orders.Select(o => o.Id).ToArray() }, tx);
        var batchId = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO sim.live_batches (day, kind, orders) VALUES (@day, 'status', @n) RETURNING id", new { day, n = orders.Count }, tx);
        await tx.CommitAsync();
        return batchId;
    }
}
