using Ecom.Aspire.Core.Ml;
using Hangfire;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// Recurring job (daily at 03:30 UTC by default, Ecom:Jobs:TrainCron) and on-demand job (POST /api/models/train):
/// trains the weekly revenue forecasts and the anomaly detector (Core/Ml) and stores them with their metrics in
/// schema ml. Trainings never overlap; a failed one is not retried (the next one catches up). The job's result is the
/// <c>train</c> command's closing line.
/// </summary>
public sealed class TrainModelsJob(ModelTraining training)
{
    public const string Id = "train-models";

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Train forecasts and anomaly detector")]
    public async Task<string> RunAsync(int seed, CancellationToken ct) =>
        (await training.RunAsync(new TrainOptions(seed), null, ct)).ToString();

    /// <summary>Queues a training now (the Api's POST /api/models/train); returns the Hangfire job id.</summary>
    public static string Enqueue(IBackgroundJobClient jobs, int seed) =>
        jobs.Enqueue<TrainModelsJob>(j => j.RunAsync(seed, CancellationToken.None));
}
