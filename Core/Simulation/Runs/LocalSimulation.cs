using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>
/// Runs a history simulation in this process (the command line, tests, benchmarks): the world chunk and every
/// unfinished month on <c>workers</c> parallel chunk runners, so that generating one chunk overlaps writing another; the
/// months are generated while the world is written and written after it.
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
            // The world is written while the first months are generated; a month is written once the world is.
            var world = pending.Contains(ChunkSpec.WorldChunkNo) ? runner.RunAsync(runId, ChunkSpec.WorldChunkNo, ct) : null;
            await Parallel.ForEachAsync(pending.Where(no => no != ChunkSpec.WorldChunkNo),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
                async (chunkNo, token) =>
                {
                    var result = await runner.RunAsync(runId, chunkNo, token, writeAfter: world);
                    lock (results) results.Add(result);
                    progress?.Invoke(result);
                });
            if (world is not null)
            {
                var written = await world;
                results.Insert(0, written);
                progress?.Invoke(written);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await SimulationRunStore.MarkFailedAsync(dataSource, runId, e.Message, CancellationToken.None);
            throw;
        }
        return results;
    }
}
