using Ecom.Aspire.Core.Realtime;
using Hangfire;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// Recurring job: recomputes today's and yesterday's live figures (São Paulo business days) from PostgreSQL and
/// repairs Redis, logging and exporting the drift it found.
/// </summary>
public sealed class ReconcileLiveKpisJob(KpiReconciler reconciler, TimeProvider clock)
{
    public const string Id = "reconcile-live-kpis";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<IReadOnlyList<ReconcileResult>> RunAsync(CancellationToken ct)
    {
        var today = BusinessDay.Of(clock.GetUtcNow());
        return [await reconciler.ReconcileAsync(today.AddDays(-1), ct), await reconciler.ReconcileAsync(today, ct)];
    }
}
