using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>Reads every order's <see cref="OrderProfile"/> from the shop, oldest first.</summary>
public static class OrderProfiles
{
    /// <summary>Window of a burst: orders of one account within this time of each other.</summary>
    public static readonly TimeSpan BurstWindow = TimeSpan.FromHours(1);

    private const string Sql = """
        WITH units AS (
            SELECT order_id, max(n)::int AS max_units
            FROM (SELECT order_id, count(*) AS n FROM shop.order_items GROUP BY order_id, product_id) u
            GROUP BY order_id
        ), items AS (
            SELECT i.order_id, count(*)::int AS items,
                   coalesce(min(i.price / nullif(p.price, 0)), 1)::float8 AS min_price_ratio,
                   coalesce(max(i.price / nullif(p.price, 0)), 1)::float8 AS max_price_ratio,
                   max(i.freight / greatest(i.price, 1))::float8 AS max_freight_ratio,
                   max(i.freight)::float8 AS max_freight
            FROM shop.order_items i JOIN shop.products p ON p.id = i.product_id
            GROUP BY i.order_id
        )
        SELECT o.id AS OrderId, o.customer_id AS CustomerId, o.purchased_at AS PurchasedAt, o.status AS Status,
               o.ship_state AS ShipState, c.state AS CustomerState, c.signup_at AS SignupAt,
               coalesce(pay.type, '') AS PaymentType, it.items AS Items, un.max_units AS MaxUnits,
               o.items_total::float8 AS ItemsTotal, o.freight_total::float8 AS FreightTotal, o.total::float8 AS Total,
               it.min_price_ratio AS MinPriceRatio, it.max_price_ratio AS MaxPriceRatio,
               it.max_freight_ratio AS MaxFreightRatio, it.max_freight AS MaxFreight
        FROM shop.orders o
        JOIN shop.customers c ON c.id = o.customer_id
        JOIN items it ON it.order_id = o.id
        JOIN units un ON un.order_id = o.id
        LEFT JOIN shop.payments pay ON pay.order_id = o.id AND pay.seq = 1
        ORDER BY o.purchased_at, o.id
        """;

    public static async Task<List<OrderProfile>> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var orders = (await connection.QueryAsync<Row>(new CommandDefinition(Sql, commandTimeout: 600, cancellationToken: ct)))
            .Select(r => new OrderProfile
            {
                OrderId = r.OrderId, CustomerId = r.CustomerId, PurchasedAt = Utc(r.PurchasedAt), Status = r.Status,
                ShipState = r.ShipState.Trim(), CustomerState = r.CustomerState.Trim(), SignupAt = Utc(r.SignupAt),
                PaymentType = r.PaymentType, Items = r.Items, MaxUnits = r.MaxUnits, ItemsTotal = r.ItemsTotal,
                FreightTotal = r.FreightTotal, Total = r.Total, MinPriceRatio = r.MinPriceRatio, MaxPriceRatio = r.MaxPriceRatio,
                MaxFreightRatio = r.MaxFreightRatio, MaxFreight = r.MaxFreight,
            }).ToList();
        AddAccountHistory(orders);
        return orders;
    }

    /// <summary>Fills the account features (prior orders, their mean total, burst size, known ship state) of orders sorted by time.</summary>
    public static void AddAccountHistory(IReadOnlyList<OrderProfile> orders)
    {
        foreach (var account in orders.GroupBy(o => o.CustomerId))
        {
            var list = account.OrderBy(o => o.PurchasedAt).ThenBy(o => o.OrderId).ToList();
            var states = new HashSet<string>();
            var sum = 0.0;
            int lo = 0, hi = 0;
            for (var i = 0; i < list.Count; i++)
            {
                var o = list[i];
                o.PriorOrders = i;
                o.PriorMeanTotal = i == 0 ? 0 : sum / i;
                o.KnownShipState = states.Contains(o.ShipState);
                while (list[lo].PurchasedAt < o.PurchasedAt - BurstWindow) lo++;
                if (hi < i) hi = i;
                while (hi + 1 < list.Count && list[hi + 1].PurchasedAt <= o.PurchasedAt + BurstWindow) hi++;
                o.BurstSize = hi - lo + 1;
                sum += o.Total;
                states.Add(o.ShipState);
            }
        }
    }

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    private sealed record Row(
        long OrderId, long CustomerId, DateTime PurchasedAt, string Status, string ShipState, string CustomerState, DateTime SignupAt,
        string PaymentType, int Items, int MaxUnits, double ItemsTotal, double FreightTotal, double Total,
        double MinPriceRatio, double MaxPriceRatio, double MaxFreightRatio, double MaxFreight);
}
