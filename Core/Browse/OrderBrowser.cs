using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Browse;

/// <summary>An order in a list. Total = items + freight (BRL).</summary>
public sealed record OrderRow(
    long Id, DateTimeOffset PurchasedAt, long CustomerId, string CustomerName, string Status, string ShipCity, string ShipState,
    short ItemCount, decimal Total);

public sealed record OrderItemView(short ItemNo, long ProductId, string ProductName, string Category, long SellerId, string SellerName,
    string SellerState, decimal Price, decimal Freight);

public sealed record PaymentView(short Seq, string Type, short Installments, decimal Amount);

/// <summary>The delivery of an order; DelayDays = business days from the promised to the real delivery (negative: early), once delivered.</summary>
public sealed record DeliveryView(string Carrier, DateTimeOffset? ShippedAt, DateTimeOffset PromisedAt, DateTimeOffset? DeliveredAt, int? DistanceKm, int? DelayDays);

public sealed record ReviewView(long Id, short Score, string? Title, string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

/// <summary>An order with its items, payments, delivery and review(s).</summary>
public sealed record OrderDetail(
    long Id, DateTimeOffset PurchasedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? CanceledAt, string Status, bool RevenueBearing,
    long CustomerId, string CustomerName, string ShipCity, string ShipState, string? ShipZipPrefix, short ItemCount,
    decimal ItemsTotal, decimal FreightTotal, decimal Total, int? RunId,
    IReadOnlyList<OrderItemView> Items, IReadOnlyList<PaymentView> Payments, DeliveryView? Delivery, IReadOnlyList<ReviewView> Reviews);

/// <summary>
/// shop.orders for the data browser, newest purchase first. Search (q): digits match the order id or the customer id.
/// Filters: status (one of the order statuses), state (the ship state, UF).
/// </summary>
public static class OrderBrowser
{
    public static async Task<BrowsePage<OrderRow>> ListAsync(EcomDbContext db, BrowseQuery query, string? status, string? state, CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking();
        if (status is not null) orders = orders.Where(o => o.Status == status);
        if (state is not null) orders = orders.Where(o => o.ShipState == state);
        if (query.Search is not null)
        {
            // Orders are found by number only: any other text matches nothing.
            var number = query.SearchNumber ?? -1;
            orders = orders.Where(o => o.Id == number || o.CustomerId == number);
        }
        var total = await orders.LongCountAsync(ct);
        var rows = await Rows(orders.OrderByDescending(o => o.PurchasedAt).ThenByDescending(o => o.Id).Skip(query.Offset).Take(query.PageSize)).ToListAsync(ct);
        return new BrowsePage<OrderRow>(rows, total, query.Page, query.PageSize);
    }

    internal static IQueryable<OrderRow> Rows(IQueryable<Order> orders) =>
        orders.Select(o => new OrderRow(o.Id, o.PurchasedAt, o.CustomerId, o.Customer!.Name, o.Status, o.ShipCity, o.ShipState, o.ItemCount, o.Total));

    public static async Task<OrderDetail?> GetAsync(EcomDbContext db, long id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().AsSplitQuery()
            .Include(o => o.Customer)
            .Include(o => o.Items).ThenInclude(i => i.Product)
            .Include(o => o.Items).ThenInclude(i => i.Seller)
            .Include(o => o.Payments)
            .Include(o => o.Delivery)
            .Include(o => o.Reviews)
            .SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return null;
        var delivery = order.Delivery is { } d
            ? new DeliveryView(d.Carrier, d.ShippedAt, d.PromisedAt, d.DeliveredAt, d.DistanceKm,
                d.DeliveredAt is { } at ? BusinessDays(at) - BusinessDays(d.PromisedAt) : null)
            : null;
        return new OrderDetail(order.Id, order.PurchasedAt, order.ApprovedAt, order.CanceledAt, order.Status,
            OrderStatuses.IsRevenueBearing(order.Status), order.CustomerId, order.Customer?.Name ?? "", order.ShipCity, order.ShipState,
            order.ShipZipPrefix, order.ItemCount, order.ItemsTotal, order.FreightTotal, order.Total, order.RunId,
            [.. order.Items.OrderBy(i => i.ItemNo).Select(i => new OrderItemView(i.ItemNo, i.ProductId, i.Product?.Name ?? "", i.Product?.Category ?? "",
                i.SellerId, i.Seller?.Name ?? "", i.Seller?.State ?? "", i.Price, i.Freight))],
            [.. order.Payments.OrderBy(p => p.Seq).Select(p => new PaymentView(p.Seq, p.Type, p.Installments, p.Amount))],
            delivery,
            [.. order.Reviews.OrderBy(r => r.CreatedAt).Select(r => new ReviewView(r.Id, r.Score, r.Title, r.Comment, r.CreatedAt, r.AnsweredAt))]);
    }

    /// <summary>The business day (America/Sao_Paulo) of an instant, as a day number.</summary>
    private static int BusinessDays(DateTimeOffset at) => Realtime.BusinessDay.Of(at).DayNumber;
}
