using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// What one batch of orders adds to (or, for cancellations, removes from) the live figures of one business day.
/// Money is held in integer cents so that Redis and SQL agree to the cent.
/// </summary>
public sealed class KpiDelta(DateOnly day)
{
    public DateOnly Day { get; } = day;
    public long RevenueCents { get; private set; }
    public long Orders { get; private set; }
    public long Items { get; private set; }
    /// <summary>Customer id → change in that customer's number of counted orders.</summary>
    public Dictionary<long, long> Customers { get; } = [];
    public Dictionary<string, long> StateCents { get; } = [];
    public Dictionary<long, long> ProductCents { get; } = [];

    /// <summary>Adds (sign +1) or removes (sign −1) one order; orders without a revenue-bearing status are ignored.</summary>
    public void Add(Order order, int sign = 1)
    {
        if (!OrderStatuses.IsRevenueBearing(order.Status)) return;
        long orderCents = 0;
        foreach (var item in order.Items)
        {
            var cents = ToCents(item.Price) * sign;
            orderCents += cents;
            ProductCents[item.ProductId] = ProductCents.GetValueOrDefault(item.ProductId) + cents;
        }
        RevenueCents += orderCents;
        Orders += sign;
        Items += order.Items.Count * sign;
        Customers[order.CustomerId] = Customers.GetValueOrDefault(order.CustomerId) + sign;
        StateCents[order.ShipState] = StateCents.GetValueOrDefault(order.ShipState) + orderCents;
    }

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal FromCents(long cents) => cents / 100m;

    /// <summary>Splits orders by business day of purchase.</summary>
    public static IReadOnlyList<KpiDelta> ByDay(IEnumerable<Order> orders, int sign = 1)
    {
        var days = new Dictionary<DateOnly, KpiDelta>();
        foreach (var order in orders)
        {
            var day = BusinessDay.Of(order.PurchasedAt);
            if (!days.TryGetValue(day, out var delta)) days[day] = delta = new KpiDelta(day);
            delta.Add(order, sign);
        }
        return [.. days.Values.OrderBy(d => d.Day)];
    }
}
