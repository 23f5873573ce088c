using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>What a reconcile found and did for one day.</summary>
public sealed record ReconcileResult(DateOnly Day, bool Repaired, long DriftRevenueCents, long DriftOrders, long DriftItems, long DriftCustomers)
{
    public bool HadDrift => DriftRevenueCents != 0 || DriftOrders != 0 || DriftItems != 0 || DriftCustomers != 0;
}

/// <summary>
/// Recomputes a day from PostgreSQL and overwrites Redis with it, under the day's lock so that no live batch is
/// applied in between: a batch committed before the snapshot is in the snapshot and marked applied; one committed
/// after is applied on top once the lock is released. The drift found is logged and exported as a metric.
/// </summary>
public sealed class KpiReconciler(NpgsqlDataSource dataSource, RedisKpiStore store, ILogger<KpiReconciler> logger)
{
    public async Task<ReconcileResult> ReconcileAsync(DateOnly day, CancellationToken ct)
    {
        using var activity = RealtimeTelemetry.ActivitySource.StartActivity("reconcile live kpis");
        activity?.SetTag("ecom.day", day.ToString("yyyy-MM-dd"));
        var token = await store.TryLockAsync(day);
        if (token is null)
        {
            logger.LogInformation("Reconcile of {Day} skipped: another reconcile holds the day", day);
            return new ReconcileResult(day, false, 0, 0, 0, 0);
        }
        try
        {
            var truth = await PostgresKpiQuery.ReadDayAsync(dataSource, day, detail: true, topProducts: 0, ct);
            var before = await store.ReadFullAsync(day);
            await store.OverwriteAsync(truth);
            var result = new ReconcileResult(day, true,
                Math.Abs(before.RevenueCents - truth.RevenueCents), Math.Abs(before.Orders - truth.Orders),
                Math.Abs(before.Items - truth.Items), Math.Abs(before.ActiveCustomers - truth.ActiveCustomers));
            RealtimeTelemetry.ReconcileDriftRevenue.Record((double)KpiDelta.FromCents(result.DriftRevenueCents));
            RealtimeTelemetry.ReconcileDriftOrders.Record(result.DriftOrders);
            if (result.HadDrift)
            {
                logger.LogWarning("Reconcile of {Day} repaired drift: revenue {DriftRevenue} BRL, orders {DriftOrders}, items {DriftItems}, customers {DriftCustomers}",
                    day, KpiDelta.FromCents(result.DriftRevenueCents), result.DriftOrders, result.DriftItems, result.DriftCustomers);
            }
            else
            {
                logger.LogInformation("Reconcile of {Day}: Redis equals PostgreSQL", day);
            }
            return result;
        }
        finally
        {
            await store.UnlockAsync(day, token);
        }
    }
}
