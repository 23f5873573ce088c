using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>A tiny hand-made marketplace for tests whose expected answers are known.</summary>
public static class SmallShop
{
    /// <summary>Two customers, three orders (one with two items), written with plain SQL.</summary>
    public static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO shop.customers (id, name, city, state, signup_at) VALUES
              (1, 'Ana Souza', 'Campinas', 'SP', '2024-01-02T10:00:00Z'),
              (2, 'Bruno Lima', 'Recife', 'PE', '2024-01-05T10:00:00Z');
            INSERT INTO shop.sellers (id, name, city, state, joined_at) VALUES (1, 'Loja Azul', 'São Paulo', 'SP', '2023-06-01T00:00:00Z');
            INSERT INTO shop.products (id, name, category, price) VALUES (1, 'Toalha', 'bed_bath_table', 59.90), (2, 'Relógio', 'watches_gifts', 199.00);
            INSERT INTO shop.orders (id, customer_id, status, purchased_at, ship_city, ship_state, item_count, items_total, freight_total, total) VALUES
              (1, 1, 'delivered', '2024-01-03T12:00:00Z', 'Campinas', 'SP', 2, 258.90, 20.00, 278.90),
              (2, 2, 'delivered', '2024-02-10T15:30:00Z', 'Recife', 'PE', 1, 199.00, 35.50, 234.50),
              (3, 1, 'canceled',  '2024-03-01T08:00:00Z', 'Campinas', 'SP', 1, 59.90, 12.00, 71.90);
            INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight) VALUES
              (1, 1, 1, 1, 59.90, 10.00), (1, 2, 2, 1, 199.00, 10.00), (2, 1, 2, 1, 199.00, 35.50), (3, 1, 1, 1, 59.90, 12.00);
            """);
    }
}
