using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>When a live order is approved, invoiced, shipped and delivered, or canceled; drawn from its id alone.</summary>
public sealed record LiveOrderFate(
    DateTimeOffset PurchasedAt, DateTimeOffset ApprovedAt, DateTimeOffset? CanceledAt,
    DateTimeOffset InvoicedAt, DateTimeOffset ShippedAt, DateTimeOffset DeliveredAt);

/// <summary>What an order looks like at an instant: nothing later than that instant is set.</summary>
public sealed record LiveOrderState(string Status, DateTimeOffset? ApprovedAt, DateTimeOffset? CanceledAt, DateTimeOffset? ShippedAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// The deterministic life of a live order after its purchase. Its random stream derives from the order id only, so
/// the generator (the state at the end of its window) and the status updates (the state at a later "now") agree, and a
/// retried update writes the same values. Only dates that are not after "now" are ever stored. A share of orders
/// (<see cref="StatusParameters.CanceledRate"/>) is canceled within six hours of purchase, half of them before
/// approval; the others are approved after minutes (log-normal, median 10 min), invoiced within hours, shipped after
/// the handling time (<see cref="DeliveryParameters.HandlingMedianDays"/>) and delivered after a transit of about
/// 70 % of the time left until the promised date (log-normal with <see cref="DeliveryParameters.TransitSigma"/>, so
/// some are late). Unavailable and returned orders are history-only.
/// </summary>
public static class LiveOrderTimeline
{
    private const long Minute = 60, Hour = 3600, Day = 86_400;

    public static LiveOrderFate FateOf(long orderId, DateTimeOffset purchasedAt, DateTimeOffset promisedAt, SimulationParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var rng = SimRandom.Create(orderId, 0x4C495645, 0x53544154);
        var t = purchasedAt.ToUnixTimeSeconds();
        var approved = t + (long)Math.Clamp(rng.LogNormalMedian(10 * Minute, 1.0), 30, 6 * Hour);
        long? canceled = null;
        if (rng.Chance(p.Statuses.CanceledRate))
        {
            canceled = rng.Chance(0.5)
                ? t + (long)rng.Uniform(5 * Minute, Math.Max(5 * Minute + 1, approved - t))   // before approval
                : approved + (long)rng.Uniform(10 * Minute, 6 * Hour - (approved - t));      // after approval, within 6 h of purchase
        }
        var invoiced = approved + (long)rng.Uniform(1 * Hour, 12 * Hour);
        var handling = (long)(Math.Clamp(rng.LogNormalMedian(p.Delivery.HandlingMedianDays, p.Delivery.HandlingSigma), 0.1, 20) * Day);
        var shipped = Math.Max(approved + handling, invoiced + Hour);
        var left = Math.Max(0.5, (promisedAt.ToUnixTimeSeconds() - shipped) / (double)Day);
        var transit = (long)(Math.Clamp(rng.LogNormalMedian(0.7 * left, p.Delivery.TransitSigma), 0.3, 60) * Day);
        return new LiveOrderFate(purchasedAt, World.At(approved), canceled is { } c ? World.At(c) : null,
            World.At(invoiced), World.At(shipped), World.At(shipped + transit));
    }

    /// <summary>The order as of <paramref name="now"/>.</summary>
    public static LiveOrderState StateAt(LiveOrderFate fate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fate);
        DateTimeOffset? approved = fate.ApprovedAt <= now ? fate.ApprovedAt : null;
        if (fate.CanceledAt is { } canceled)
        {
            if (canceled <= now)
                return new LiveOrderState(OrderStatuses.Canceled, fate.ApprovedAt <= canceled ? fate.ApprovedAt : null, canceled, null, null);
            return new LiveOrderState(fate.InvoicedAt <= now ? OrderStatuses.Invoiced : OrderStatuses.Processing, approved, null, null, null);
        }
        if (approved is null || fate.InvoicedAt > now) return new LiveOrderState(OrderStatuses.Processing, approved, null, null, null);
        if (fate.ShippedAt > now) return new LiveOrderState(OrderStatuses.Invoiced, approved, null, null, null);
        if (fate.DeliveredAt > now) return new LiveOrderState(OrderStatuses.Shipped, approved, null, fate.ShippedAt, null);
        return new LiveOrderState(OrderStatuses.Delivered, approved, null, fate.ShippedAt, fate.DeliveredAt);
    }

    /// <summary>The first instant after <paramref name="now"/> at which the state changes; null once it is final.</summary>
    public static DateTimeOffset? NextChangeAfter(LiveOrderFate fate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fate);
        DateTimeOffset[] moments = fate.CanceledAt is { } c
            ? [fate.ApprovedAt, fate.InvoicedAt, c]
            : [fate.ApprovedAt, fate.InvoicedAt, fate.ShippedAt, fate.DeliveredAt];
        var end = fate.CanceledAt ?? fate.DeliveredAt;
        DateTimeOffset? next = null;
        foreach (var m in moments)
            if (m > now && m <= end && (next is null || m < next)) next = m;
        return next;
    }

    /// <summary>Applies the state at <paramref name="now"/> to an order and its delivery.</summary>
    public static void Apply(Order order, LiveOrderState state)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(state);
        order.Status = state.Status;
        order.ApprovedAt = state.ApprovedAt;
        order.CanceledAt = state.CanceledAt;
        if (order.Delivery is { } d)
        {
            d.ShippedAt = state.ShippedAt;
            d.DeliveredAt = state.DeliveredAt;
        }
    }
}
