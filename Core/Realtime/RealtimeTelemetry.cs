using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>Activities and meters of the live pipeline (exported by ServiceDefaults: "Ecom.Aspire.*").</summary>
public static class RealtimeTelemetry
{
    public const string Name = "Ecom.Aspire.Realtime";

    public static readonly ActivitySource ActivitySource = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> OrdersProduced =
        Meter.CreateCounter<long>("ecom.live.orders_produced", "{order}", "Live orders committed to PostgreSQL");
    public static readonly Histogram<double> BatchLatency =
        Meter.CreateHistogram<double>("ecom.live.batch_latency", "ms", "From the start of a live batch to its visibility in Redis");
    public static readonly Histogram<double> RedisApplyLatency =
        Meter.CreateHistogram<double>("ecom.live.redis_apply_latency", "ms", "Time to apply one batch delta to Redis");
    public static readonly Counter<long> RedisApplyFailures =
        Meter.CreateCounter<long>("ecom.live.redis_apply_failures", "{batch}", "Batches committed but not applied to Redis (the reconcile repairs them)");
    public static readonly Histogram<double> ReconcileDriftRevenue =
        Meter.CreateHistogram<double>("ecom.live.reconcile_drift_revenue", "BRL", "Absolute revenue difference Redis vs PostgreSQL found by a reconcile");
    public static readonly Histogram<long> ReconcileDriftOrders =
        Meter.CreateHistogram<long>("ecom.live.reconcile_drift_orders", "{order}", "Absolute order-count difference Redis vs PostgreSQL found by a reconcile");
}
