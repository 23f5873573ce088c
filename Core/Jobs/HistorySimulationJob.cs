using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Hangfire;
using Npgsql;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// On-demand history simulation on Hangfire: the world chunk runs first, then every month chunk is enqueued as a job
/// of its own, so that every Worker replica takes a share. Each chunk job is idempotent (it replaces its rows), so
/// Hangfire's retries and a chunk that runs twice leave the same data as a run without faults.
/// </summary>
public sealed class HistorySimulationJob(ChunkRunner runner, NpgsqlDataSource dataSource, IBackgroundJobClient jobs)
{
    /// <summary>Queues the first job of a run created with <see cref="SimulationRunStore.CreateAsync"/>.</summary>
    public static string Start(IBackgroundJobClient jobs, int runId) =>
        jobs.Enqueue<HistorySimulationJob>(j => j.RunWorldAsync(runId, CancellationToken.None));

    [AutomaticRetry(Attempts = 5)]
    [JobDisplayName("Simulation run {0}: world, then fan out the months")]
    public async Task RunWorldAsync(int runId, CancellationToken ct)
    {
        var unfinished = await SimulationRunStore.UnfinishedChunksAsync(dataSource, runId, ct);
        if (unfinished.Contains(ChunkSpec.WorldChunkNo))
        {
            await runner.RunAsync(runId, ChunkSpec.WorldChunkNo, ct);
        }
        foreach (var chunkNo in unfinished.Where(no => no != ChunkSpec.WorldChunkNo))
        {
            jobs.Enqueue<HistorySimulationJob>(j => j.RunChunkAsync(runId, chunkNo, CancellationToken.None));
        }
    }

    [AutomaticRetry(Attempts = 10)]
    [JobDisplayName("Simulation run {0}: chunk {1}")]
    public Task RunChunkAsync(int runId, int chunkNo, CancellationToken ct) => runner.RunAsync(runId, chunkNo, ct);
}
