using Ecom.Aspire.Core.Jobs;
using Hangfire;

namespace Ecom.Aspire.Worker.Jobs;

/// <summary>
/// Registers (or updates) the recurring jobs once the Worker has started and migrated the database. Each schedule is
/// a cron expression that configuration can override (Ecom:Jobs:...).
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager jobs, IConfiguration configuration, ILogger<RecurringJobs> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Schedule<ReconcileLiveKpisJob>(ReconcileLiveKpisJob.Id, "Ecom:Jobs:ReconcileCron", Cron.Minutely(), j => j.RunAsync(CancellationToken.None));
        Schedule<WarehouseEtlJob>(WarehouseEtlJob.Id, "Ecom:Jobs:EtlCron", "*/5 * * * *", j => j.RunAsync(CancellationToken.None));
        Schedule<TrainModelsJob>(TrainModelsJob.Id, "Ecom:Jobs:TrainCron", "30 3 * * *", j => j.RunAsync(Core.Ml.TrainOptions.DefaultSeed, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Schedule<TJob>(string id, string cronKey, string defaultCron, System.Linq.Expressions.Expression<Func<TJob, Task>> call)
    {
        var cron = configuration[cronKey] ?? defaultCron;
        jobs.AddOrUpdate(id, call, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        logger.LogInformation("Recurring job {Job} scheduled: {Cron}", id, cron);
    }
}
