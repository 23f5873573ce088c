using Dapper;
using Ecom.Aspire.Core.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>
/// A hand-made shop for the warehouse tests, whose warehouse figures were computed by hand (see the tests).
/// Two business days in two states: 2024-02-29 and 2024-03-01 (America/Sao_Paulo, UTC−3), so that an order placed at
/// 2024-03-01T01:30Z belongs to February 29 and a delivery at 2024-03-09T02:00Z to March 8.
/// <code>
/// order customer  day    status     items (price + freight)          delivery: carrier, promised, delivered (SP days)
/// 10    1 Ana SP  02-29  delivered  59.90+10.00, 199.00+15.00        Correios, 03-09, 03-07 (7 days, 2 early)
/// 11    2 Bruno PE 02-29 delivered  199.00+35.50                     Jadlog, 03-11, 03-14 (14 days, 3 late)
/// 12    1 Ana SP  03-01  canceled   59.90+12.00                      none
/// 13    2 Bruno PE 03-01 shipped    40.00+20.00                      Correios, 03-13, not yet
/// 14    1 Ana SP  03-01  delivered  40.00+8.00                       Correios, 03-08, 03-08 (7 days, on the day)
/// </code>
/// Customer 3 (Carla, SP) has no order yet.
/// </summary>
public static class WarehouseShop
{
    public static async Task SeedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO shop.customers (id, name, city, state, persona, signup_at) VALUES
              (1, 'Ana Souza', 'Campinas', 'SP', 'vip', '2024-01-02T10:00:00Z'),
              (2, 'Bruno Lima', 'Recife', 'PE', 'regular', '2024-01-05T10:00:00Z'),
              (3, 'Carla Dias', 'Santos', 'SP', 'one_time', '2024-02-20T10:00:00Z');
            INSERT INTO shop.sellers (id, name, city, state, joined_at) VALUES
              (1, 'Loja Azul', 'São Paulo', 'SP', '2023-06-01T00:00:00Z'),
              (2, 'Casa Norte', 'Recife', 'PE', '2023-08-01T00:00:00Z');
            INSERT INTO shop.products (id, name, category, price, cost, lifecycle) VALUES
              (1, 'Toalha', 'bed_bath_table', 59.90, 30.00, 'stable'),
              (2, 'Relógio', 'watches_gifts', 199.00, 120.00, 'launch'),
              (3, 'Livro', 'books_general_interest', 40.00, NULL, NULL);
            INSERT INTO shop.orders (id, customer_id, status, purchased_at, approved_at, canceled_at, ship_city, ship_state, item_count, items_total, freight_total, total) VALUES
              (10, 1, 'delivered', '2024-02-29T13:00:00Z', '2024-02-29T13:10:00Z', NULL, 'Campinas', 'SP', 2, 258.90, 25.00, 283.90),
              (11, 2, 'delivered', '2024-03-01T01:30:00Z', '2024-03-01T01:40:00Z', NULL, 'Recife', 'PE', 1, 199.00, 35.50, 234.50),
              (12, 1, 'canceled',  '2024-03-01T14:00:00Z', NULL, '2024-03-01T16:00:00Z', 'Campinas', 'SP', 1, 59.90, 12.00, 71.90),
              (13, 2, 'shipped',   '2024-03-01T18:00:00Z', '2024-03-01T18:10:00Z', NULL, 'Recife', 'PE', 1, 40.00, 20.00, 60.00),
              (14, 1, 'delivered', '2024-03-01T20:00:00Z', '2024-03-01T20:10:00Z', NULL, 'Campinas', 'SP', 1, 40.00, 8.00, 48.00);
            INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight, cost) VALUES
              (10, 1, 1, 1, 59.90, 10.00, 30.00), (10, 2, 2, 1, 199.00, 15.00, 120.00),
              (11, 1, 2, 2, 199.00, 35.50, 120.00),
              (12, 1, 1, 1, 59.90, 12.00, 30.00),
              (13, 1, 3, 2, 40.00, 20.00, NULL),
              (14, 1, 3, 2, 40.00, 8.00, NULL);
            INSERT INTO shop.payments (order_id, seq, type, installments, amount) VALUES
              (10, 1, 'credit_card', 3, 283.90), (11, 1, 'boleto', 1, 200.00), (11, 2, 'voucher', 1, 34.50),
              (12, 1, 'credit_card', 1, 71.90), (13, 1, 'pix', 1, 60.00), (14, 1, 'debit_card', 1, 48.00);
            INSERT INTO shop.deliveries (order_id, carrier, shipped_at, promised_at, delivered_at) VALUES
              (10, 'Correios', '2024-03-01T12:00:00Z', '2024-03-09T23:00:00Z', '2024-03-07T15:00:00Z'),
              (11, 'Jadlog',   '2024-03-04T12:00:00Z', '2024-03-11T12:00:00Z', '2024-03-14T18:00:00Z'),
              (13, 'Correios', '2024-03-04T10:00:00Z', '2024-03-13T12:00:00Z', NULL),
              (14, 'Correios', '2024-03-04T10:00:00Z', '2024-03-08T15:00:00Z', '2024-03-09T02:00:00Z');
            INSERT INTO shop.reviews (id, order_id, score, created_at) VALUES
              (1, 10, 5, '2024-03-08T10:00:00Z'), (2, 11, 1, '2024-03-15T10:00:00Z'), (3, 11, 3, '2024-03-20T10:00:00Z');
            """);
    }

    /// <summary>
    /// What happens next, one change at a time, each of a kind the ETL must notice by itself, with the business day it
    /// affects and the fact rows of that day: order 13 delivered on 03-12 (promised 03-13: one day early, 11 days); a
    /// review of order 14, a final order; order 10 returned, recorded by a live batch for 02-29 as live mode does; a
    /// new order on a new day (Carla, 03-02, processing, 199.00 + 18.00).
    /// </summary>
    public static readonly IReadOnlyList<(string What, string Day, int Rows, string Sql)> Changes =
    [
        ("an open order delivered", "2024-03-01", 3, """
            UPDATE shop.orders SET status = 'delivered' WHERE id = 13;
            UPDATE shop.deliveries SET delivered_at = '2024-03-12T15:00:00Z' WHERE order_id = 13;
            """),
        ("a delivered order reviewed", "2024-03-01", 3, """
            INSERT INTO shop.reviews (id, order_id, score, created_at) VALUES (4, 14, 4, '2024-03-21T10:00:00Z');
            """),
        ("a delivered order returned, with its live batch", "2024-02-29", 3, """
            UPDATE shop.orders SET status = 'returned' WHERE id = 10;
            INSERT INTO sim.live_batches (day, kind, orders) VALUES ('2024-02-29', 'status', 1);
            """),
        ("a new order", "2024-03-02", 1, """
            INSERT INTO shop.orders (id, customer_id, status, purchased_at, ship_city, ship_state, item_count, items_total, freight_total, total)
            VALUES (15, 3, 'processing', '2024-03-02T12:00:00Z', 'Santos', 'SP', 1, 199.00, 18.00, 217.00);
            INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight, cost) VALUES (15, 1, 2, 1, 199.00, 18.00, 120.00);
            INSERT INTO shop.payments (order_id, seq, type, installments, amount) VALUES (15, 1, 'credit_card', 10, 217.00);
            INSERT INTO shop.deliveries (order_id, carrier, promised_at) VALUES (15, 'Correios', '2024-03-12T12:00:00Z');
            """),
    ];

    public static WarehouseEtl Etl(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<WarehouseEtl>.Instance);

    /// <summary>Every warehouse table: row count and an md5 over its rows, so that two warehouses can be compared.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> FingerprintAsync(string connectionString)
    {
        string[] tables =
        [
            "dw.fact_sales", "dw.agg_daily_orders", "dw.agg_daily_sales", "dw.agg_daily_delivery",
            "dw.agg_daily_basket_pairs", "dw.agg_daily_seller", "dw.agg_monthly_product", "dw.product_lifecycle", "dw.agg_customer_value", "dw.agg_daily_charges", "dw.agg_daily_product", "dw.agg_lifecycle_stages",
            "dw.agg_customer_day", "dw.agg_weekly_seller", "dw.customer_months", "dw.agg_cohort_month", "dw.agg_cohort_day",
            "dw.dim_customer", "dw.dim_product", "dw.dim_seller", "dw.dim_date", "dw.dim_location",
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        var sums = new SortedDictionary<string, string>();
        foreach (var table in tables)
        {
            sums[table] = await connection.ExecuteScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t") ?? "";
        }
        return sums;
    }
}
