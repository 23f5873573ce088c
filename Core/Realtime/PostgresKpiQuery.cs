using Dapper;
using Ecom.Aspire.Core.Model;
using Npgsql;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Recomputes a business day's live figures from PostgreSQL with the same definitions as the Redis updates
/// (revenue-bearing statuses, item prices in cents), in one REPEATABLE READ snapshot so that the figures and the list
/// of live batches they include agree.
/// </summary>
public static class PostgresKpiQuery
{
    private const string DayOrders = """
        CREATE TEMP TABLE kpi_orders ON COMMIT DROP AS
        SELECT o.id, o.customer_id, o.ship_state FROM shop.orders o
        WHERE o.purchased_at >= @start AND o.purchased_at < @end AND o.status = ANY(@statuses);
        CREATE TEMP TABLE kpi_items ON COMMIT DROP AS
        SELECT i.order_id, i.product_id, (i.price * 100)::bigint AS cents
        FROM shop.order_items i JOIN kpi_orders o ON o.id = i.order_id;
        """;

    private const string Totals = """
        SELECT (SELECT count(*) FROM kpi_orders) AS orders, (SELECT count(*) FROM kpi_items) AS items,
               (SELECT coalesce(sum(cents), 0) FROM kpi_items)::bigint AS revenue_cents, (SELECT count(DISTINCT customer_id) FROM kpi_orders) AS customers
        """;

    /// <param name="detail">With detail: every customer and product of the day (for a reconcile); without: counts and the top products only.</param>
    public static async Task<DayFigures> ReadDayAsync(NpgsqlDataSource dataSource, DateOnly day, bool detail, int topProducts, CancellationToken ct)
    {
        var (start, end) = BusinessDay.Bounds(day);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await connection.ExecuteAsync(new CommandDefinition(DayOrders,
            new { start, end, statuses = OrderStatuses.RevenueBearing.ToArray() }, tx, cancellationToken: ct));

        var totals = await connection.QuerySingleAsync<(long Orders, long Items, long RevenueCents, long Customers)>(
            new CommandDefinition(Totals, transaction: tx, cancellationToken: ct));
        var states = (await connection.QueryAsync<(string State, long Cents)>(new CommandDefinition(
            "SELECT o.ship_state, sum(i.cents)::bigint FROM kpi_items i JOIN kpi_orders o ON o.id = i.order_id GROUP BY 1",
            transaction: tx, cancellationToken: ct))).ToDictionary(s => s.State.Trim(), s => s.Cents);
        var products = (await connection.QueryAsync<(long Product, long Cents)>(new CommandDefinition(
            "SELECT product_id, sum(cents)::bigint AS cents FROM kpi_items GROUP BY 1 ORDER BY cents DESC, product_id" +
            (detail ? "" : " LIMIT @topProducts"), new { topProducts }, tx, cancellationToken: ct))).ToDictionary(p => p.Product, p => p.Cents);

        IReadOnlyDictionary<long, long> customers = new Dictionary<long, long>();
        IReadOnlyList<long> batches = [];
        if (detail)
        {
            customers = (await connection.QueryAsync<(long Customer, long Orders)>(new CommandDefinition(
                "SELECT customer_id, count(*) FROM kpi_orders GROUP BY 1", transaction: tx, cancellationToken: ct)))
                .ToDictionary(c => c.Customer, c => c.Orders);
            batches = [.. await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM sim.live_batches WHERE day = @day", new { day }, tx, cancellationToken: ct))];
        }
        await tx.CommitAsync(ct);
        return new DayFigures(day, totals.RevenueCents, totals.Orders, totals.Items, totals.Customers, customers, states, products, batches);
    }
}
