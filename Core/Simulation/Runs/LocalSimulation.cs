using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>
/// Runs a history simulation in this process (the command line, tests, benchmarks): the world chunk first, then every
/// unfinished month on <c>workers</c> parallel chunk runners, so that generating one chunk overlaps writing another.
/// The result is the same rows whatever the number of workers.
/// </summary>
public static class LocalSimulation
{
    public static async Task<IReadOnlyList<ChunkResult>> RunAsync(
        NpgsqlDataSource dataSource, ChunkRunner runner, int runId, int workers, Action<ChunkResult>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var results = new List<ChunkResult>();
        try
        {
            var pending = await SimulationRunStore.UnfinishedChunksAsync(dataSource, runId, ct);
            if (pending.Contains(ChunkSpec.WorldChunkNo))
            {
                var world = await runner.RunAsync(runId, ChunkSpec.WorldChunkNo, ct);
                results.Add(world);
                progress?.Invoke(world);
            }
            await Parallel.ForEachAsync(pending.Where(no => no != ChunkSpec.WorldChunkNo),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
                async (chunkNo, token) =>
                {
                    var result = await runner.RunAsync(runId, chunkNo, token);
                    lock (results) results.Add(result);
                    progress?.Invoke(result);
                });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SimulationRunStore.MarkFailedAsync(dataSource, runId, e.Message, CancellationToken.None);
            throw;
        }
        return results;
    }
}
