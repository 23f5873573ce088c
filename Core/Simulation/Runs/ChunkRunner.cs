using System.Diagnostics;
using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>What one chunk wrote.</summary>
public sealed record ChunkResult(int RunId, int ChunkNo, TableCounts Rows, TimeSpan GenerateTime, TimeSpan WriteTime);

/// <summary>
/// Runs one chunk of a history simulation: generates its rows from (seed, chunk) and replaces whatever the chunk
/// wrote before, in one transaction (delete its id range, binary COPY, mark the chunk done). Running a chunk twice, or
/// on two workers at once, leaves exactly one copy of its rows.
/// </summary>
public sealed class ChunkRunner(NpgsqlDataSource dataSource, SimulatorCache simulators, ILogger<ChunkRunner> logger)
{
    private static readonly string WorkerName = $"{Environment.MachineName}:{Environment.ProcessId}";
    private bool _warnedNoBulkMode;

    /// <param name="writeAfter">Generation starts at once, writing waits for it (the world chunk, written meanwhile).</param>
    public async Task<ChunkResult> RunAsync(int runId, int chunkNo, CancellationToken ct, Task? writeAfter = null)
    {
        using var activity = SimulationTelemetry.ActivitySource.StartActivity("simulate chunk");
        activity?.SetTag("ecom.run_id", runId);
        activity?.SetTag("ecom.chunk_no", chunkNo);
        try
        {
            var simulator = await simulators.GetAsync(runId, ct);
            var chunk = simulator.Chunks.FirstOrDefault(c => c.No == chunkNo)
                ?? throw new ArgumentOutOfRangeException(nameof(chunkNo), chunkNo, $"run {runId} has no chunk {chunkNo}");
            await MarkRunningAsync(runId, chunkNo, ct);

            var generate = Stopwatch.StartNew();
            var data = await Task.Run(() => simulator.Generate(chunk), ct);
            generate.Stop();
            SimulationTelemetry.GenerateDuration.Record(generate.Elapsed.TotalSeconds);

            if (writeAfter is not null) await writeAfter.WaitAsync(ct);
            var write = Stopwatch.StartNew();
            var rows = TableCounts.Of(data);
            await ReplaceAsync(runId, data, rows.Total, ct);
            write.Stop();
            SimulationTelemetry.WriteDuration.Record(write.Elapsed.TotalSeconds);
            SimulationTelemetry.RowsWritten.Add(rows.Total);
            SimulationTelemetry.OrdersWritten.Add(rows.Orders);
            logger.LogInformation("Run {RunId} chunk {ChunkNo} ({From}..{To}): {Orders} orders, {Rows} rows, generated in {Generate} ms, written in {Write} ms",
                runId, chunkNo, chunk.From, chunk.To, rows.Orders, rows.Total, generate.ElapsedMilliseconds, write.ElapsedMilliseconds);
            return new ChunkResult(runId, chunkNo, rows, generate.Elapsed, write.Elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SimulationTelemetry.ChunkFailures.Add(1);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogWarning(e, "Run {RunId} chunk {ChunkNo} failed", runId, chunkNo);
            await MarkChunkFailedAsync(runId, chunkNo, e.Message);
            throw;
        }
    }

    private async Task MarkRunningAsync(int runId, int chunkNo, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sim.run_chunks SET status = @running, attempts = attempts + 1, worker = @worker, started_at = now(), error = NULL
            WHERE run_id = @runId AND chunk_no = @chunkNo;
            UPDATE sim.runs SET status = @running, started_at = coalesce(started_at, now()), error = NULL
            WHERE id = @runId AND status IN (@pending, @failed);
            """,
            new { runId, chunkNo, worker = WorkerName, running = RunStatuses.Running, completed = RunStatuses.Completed, pending = RunStatuses.Pending, failed = RunStatuses.Failed },
            cancellationToken: ct));
    }

    /// <summary>Replaces the chunk's rows; <paramref name="rows"/> is what the chunk holds (recorded as its size even when the world is kept).</summary>
    private async Task ReplaceAsync(int runId, ChunkData data, long rows, CancellationToken ct)
    {
        var (from, to) = IdSpace.Range(runId, data.Chunk.No);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Two workers on the same chunk take turns; the second one replaces the first one's rows.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@runId, @chunkNo)", new { runId, chunkNo = data.Chunk.No }, tx, cancellationToken: ct));
        if (data.Chunk.IsWorld)
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM shop.market_events WHERE id >= @from AND id < @to", new { from, to }, tx, cancellationToken: ct));
            // Orders of this run may already reference the world's customers, sellers and products, so they are not
            // deleted: a world chunk that committed once holds exactly the rows its seed regenerates, and is kept.
            var written = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM shop.customers WHERE id >= @from AND id < @to)", new { from, to }, tx, cancellationToken: ct));
            if (written)
            {
                data.Customers.Clear();
                data.Sellers.Clear();
                data.Products.Clear();
            }
        }
        else
        {
            await EnsureWorldWrittenAsync(connection, tx, runId, ct);
            // Explicit, child tables first: in bulk mode the ON DELETE CASCADE triggers do not fire.
            foreach (var table in OrderTables)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM {table} WHERE order_id >= @from AND order_id < @to", new { from, to }, tx, cancellationToken: ct));
            }
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM shop.orders WHERE id >= @from AND id < @to", new { from, to }, tx, cancellationToken: ct));
        }
        await EnterBulkModeAsync(connection, tx, ct);
        await ChunkCopyWriter.WriteAsync(connection, data, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sim.run_chunks SET status = @completed, rows = @rows, finished_at = now(), error = NULL
            WHERE run_id = @runId AND chunk_no = @chunkNo;
            -- Serialises the chunks' final counts. NO KEY UPDATE: outside bulk mode the COPY above holds KEY SHARE on
            -- this row (run_id foreign keys), as do the other chunks' transactions; FOR UPDATE would deadlock with them.
            SELECT 1 FROM sim.runs WHERE id = @runId FOR NO KEY UPDATE;
            UPDATE sim.runs r SET
                chunks_done = c.done,
                rows_written = c.rows,
                status = CASE WHEN c.done = r.chunks_total THEN @completed ELSE @running END,
                finished_at = CASE WHEN c.done = r.chunks_total THEN now() END
            FROM (SELECT count(*) FILTER (WHERE status = @completed) AS done, coalesce(sum(rows), 0) AS rows
                  FROM sim.run_chunks WHERE run_id = @runId) c
            WHERE r.id = @runId;
            """,
            new { runId, chunkNo = data.Chunk.No, rows, completed = RunStatuses.Completed, running = RunStatuses.Running }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>The tables whose rows belong to an order of the chunk, children of shop.orders.</summary>
    private static readonly string[] OrderTables = ["sim.labels", "shop.reviews", "shop.deliveries", "shop.payments", "shop.order_items"];

    /// <summary>
    /// Skips the per-row foreign-key checks (<see cref="BulkLoadMode"/>): the chunk's rows are consistent by
    /// construction (ids from <see cref="IdSpace"/>, every reference into the world chunk, which
    /// <see cref="EnsureWorldWrittenAsync"/> requires to be committed first), and the invariant tests check every
    /// reference in SQL.
    /// </summary>
    private async Task EnterBulkModeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (!await BulkLoadMode.TryEnterAsync(connection, tx, ct) && !_warnedNoBulkMode)
        {
            _warnedNoBulkMode = true;
            logger.LogWarning("The database user may not set session_replication_role: chunks are written with per-row foreign-key checks (slower)");
        }
    }

    /// <summary>A month chunk references the run's customers, sellers and products: they must be committed before it.</summary>
    private static async Task EnsureWorldWrittenAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int runId, CancellationToken ct)
    {
        var world = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM sim.run_chunks WHERE run_id = @runId AND chunk_no = @world", new { runId, world = ChunkSpec.WorldChunkNo }, tx, cancellationToken: ct));
        if (world != RunStatuses.Completed)
        {
            throw new InvalidOperationException($"Run {runId}: the world chunk is {world ?? "missing"}; month chunks are written after it.");
        }
    }

    private async Task MarkChunkFailedAsync(int runId, int chunkNo, string error)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(
                "UPDATE sim.run_chunks SET status = @failed, error = @error, finished_at = now() WHERE run_id = @runId AND chunk_no = @chunkNo AND status <> @completed",
                new { runId, chunkNo, error, failed = RunStatuses.Failed, completed = RunStatuses.Completed });
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning(e, "Could not record the failure of run {RunId} chunk {ChunkNo}", runId, chunkNo);
        }
    }
}
