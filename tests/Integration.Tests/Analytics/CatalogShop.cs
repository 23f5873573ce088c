using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>
/// A hand-made shop for the product analytics (lifecycle and cross-selling), whose figures were computed by hand in
/// <see cref="AnalyticsProductsTests"/>. Every order is placed on the given day at 15:00 UTC (noon in São Paulo) by
/// customer 1, shipped to SP, and is delivered (revenue-bearing) unless said otherwise.
/// <para>Lifecycle products, one single-item order per month with the revenue shown (reference month 2024-06: the
/// latest day is 2024-07-15, so June is the last complete month; recent = Apr–Jun, prior = Jan–Mar):</para>
/// <code>
/// product (category)      2023-12  01   02   03   04   05   06   07
/// 1 Produto A (housewares)          100            100  100  100
/// 2 Produto B (housewares)          100  100  100  100  100  100
/// 3 Produto C (housewares)          300  300  300  100  100  100
/// 4 Produto D (toys)                                     50   50   50
/// 5 Produto E (housewares)           80
/// 6 Produto F (housewares) 1000     100  100  100  100  100  100
/// 7 Produto G (housewares)  100                                100
/// </code>
/// <para>Baskets of July 2024 (products 8 Lençol bed_bath_table 60.00, 9 Pulseira watches_gifts 90.00, 10 Romance
/// books_general_interest 30.00), besides product D's July order: Lençol + Pulseira (07-01, 07-02), Lençol + Pulseira +
/// Romance (07-03), Lençol + Romance (07-04), Lençol (07-05), Pulseira (07-06), Romance (07-07), and Lençol + Pulseira
/// canceled (07-08, not revenue-bearing).</para>
/// </summary>
public static class CatalogShop
{
    private static readonly (int Id, string Name, string Category, decimal Price)[] Products =
    [
        (1, "Produto A", "housewares", 100), (2, "Produto B", "housewares", 100), (3, "Produto C", "housewares", 100),
        (4, "Produto D", "toys", 50), (5, "Produto E", "housewares", 80), (6, "Produto F", "housewares", 100),
        (7, "Produto G", "housewares", 100), (8, "Lençol", "bed_bath_table", 60), (9, "Pulseira", "watches_gifts", 90),
        (10, "Romance", "books_general_interest", 30),
    ];

    /// <summary>Day, status and items (product, price) of every order.</summary>
    private static IEnumerable<(string Day, string Status, (int Product, decimal Price)[] Items)> Orders()
    {
        foreach (var m in new[] { 1, 4, 5, 6 }) yield return (Month(m), "delivered", [(1, 100)]);
        foreach (var m in new[] { 1, 2, 3, 4, 5, 6 }) yield return (Month(m), "delivered", [(2, 100)]);
        foreach (var m in new[] { 1, 2, 3 }) yield return (Month(m), "delivered", [(3, 300)]);
        foreach (var m in new[] { 4, 5, 6 }) yield return (Month(m), "delivered", [(3, 100)]);
        foreach (var m in new[] { 5, 6, 7 }) yield return (Month(m), "delivered", [(4, 50)]);
        yield return (Month(1), "delivered", [(5, 80)]);
        yield return ("2023-12-10", "delivered", [(6, 1000)]);
        foreach (var m in new[] { 1, 2, 3, 4, 5, 6 }) yield return (Month(m), "delivered", [(6, 100)]);
        yield return ("2023-12-10", "delivered", [(7, 100)]);
        yield return (Month(6), "delivered", [(7, 100)]);

        yield return ("2024-07-01", "delivered", [(8, 60), (9, 90)]);
        yield return ("2024-07-02", "delivered", [(8, 60), (9, 90)]);
        yield return ("2024-07-03", "delivered", [(8, 60), (9, 90), (10, 30)]);
        yield return ("2024-07-04", "delivered", [(8, 60), (10, 30)]);
        yield return ("2024-07-05", "delivered", [(8, 60)]);
        yield return ("2024-07-06", "delivered", [(9, 90)]);
        yield return ("2024-07-07", "delivered", [(10, 30)]);
        yield return ("2024-07-08", "canceled", [(8, 60), (9, 90)]);
    }

    private static string Month(int month) => $"2024-{month:00}-10";

    public static async Task SeedAsync(string connectionString)
    {
        var sql = new StringBuilder("""
            INSERT INTO shop.customers (id, name, city, state, persona, signup_at) VALUES (1, 'Ana Souza', 'Campinas', 'SP', 'vip', '2023-01-02T10:00:00Z');
            INSERT INTO shop.sellers (id, name, city, state, joined_at) VALUES (1, 'Loja Azul', 'São Paulo', 'SP', '2023-06-01T00:00:00Z');

            """);
        foreach (var (id, name, category, price) in Products)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO shop.products (id, name, category, price, cost, lifecycle) VALUES ({id}, '{name}', '{category}', {price}, NULL, NULL);\n");
        }
        var orderId = 100;
        foreach (var (day, status, items) in Orders())
        {
            orderId++;
            var total = items.Sum(i => i.Price);
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO shop.orders (id, customer_id, status, purchased_at, ship_city, ship_state, item_count, items_total, freight_total, total)
                VALUES ({orderId}, 1, '{status}', '{day}T15:00:00Z', 'Campinas', 'SP', {items.Length}, {total}, 0, {total});

                """);
            for (var i = 0; i < items.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture,
                    $"INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight, cost) VALUES ({orderId}, {i + 1}, {items[i].Product}, 1, {items[i].Price}, 0, NULL);\n");
            }
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync(sql.ToString());
    }
}
