using Ecom.Aspire.Core.Warehouse;
using Hangfire;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// Recurring job (every 5 minutes by default, Ecom:Jobs:EtlCron): loads into the warehouse what changed in the shop
/// since the last load. Loads never overlap (here and in <see cref="WarehouseEtl"/>); a failed load changes nothing
/// and the next one catches up, so it is not retried. The job's result, shown by the dashboard, is the load's one-line
/// summary (the <c>etl</c> command's line).
/// </summary>
public sealed class WarehouseEtlJob(WarehouseEtl etl)
{
    public const string Id = "warehouse-etl";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Warehouse load (incremental)")]
    public async Task<string> RunAsync(CancellationToken ct) => (await etl.RunAsync(ct)).ToString();
}
