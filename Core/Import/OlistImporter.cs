using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Storage.Copy;
using Npgsql;

namespace Ecom.Aspire.Core.Import;

/// <summary>What an Olist import wrote.</summary>
/// <param name="ReplacedRuns">Earlier Olist import runs whose rows this import replaced (empty unless asked to replace).</param>
public sealed record OlistImportResult(
    int RunId, TableCounts Rows, DateOnly From, DateOnly To, OlistAdjustments Adjustments, IReadOnlyList<int> ReplacedRuns);

/// <summary>
/// Imports the Olist files of a directory into the shop schema: everything is read and validated first
/// (<see cref="OlistReader"/>), then written in ONE transaction with binary COPY (<see cref="ChunkCopyWriter"/>), as a
/// sim.runs row of kind olist_import with its two chunks (0: customers, sellers, products; 1: orders and what hangs
/// off them). Bad files or a failure leave the database as it was: no rows and no run.
/// </summary>
/// <remarks>
/// A database holds one Olist import: importing again is refused (the same people and orders would be there twice,
/// under other ids, and every figure would double), unless <c>replace</c> is asked for. Replacing deletes the earlier
/// import's rows and run and writes the new one, in the same transaction: readers see the old import or the new one,
/// never both or neither. Imports take a transaction-scoped advisory lock, so two of them run one after the other.
/// Simulated runs in the same database are left alone (their ids never collide with an import's).
/// </remarks>
public static class OlistImporter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<OlistImportResult> ImportAsync(
        NpgsqlDataSource dataSource, string directory, bool replace, IProgress<string>? progress, CancellationToken ct)
    {
        var data = await Task.Run(() => OlistReader.Read(directory, progress, ct), ct);
        return await WriteAsync(dataSource, data, replace, progress, ct);
    }

    /// <summary>Writes a dataset read by <see cref="OlistReader.Read"/>; throws <see cref="OlistImportException"/> when the database already holds an import and <paramref name="replace"/> is false.</summary>
    public static async Task<OlistImportResult> WriteAsync(
        NpgsqlDataSource dataSource, OlistDataset data, bool replace, IProgress<string>? progress, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('ecom.olist_import'))", transaction: tx, cancellationToken: ct));

        var previous = (await connection.QueryAsync<(int Id, string? Directory)>(new CommandDefinition(
            "SELECT id, parameters->>'directory' FROM sim.runs WHERE kind = @kind ORDER BY id",
            new { kind = RunKinds.OlistImport }, tx, cancellationToken: ct))).ToList();
        if (previous.Count > 0 && !replace)
        {
            var (id, directory) = previous[^1];
            throw new OlistImportException(
                $"the database already holds an Olist import (run {id} from {directory}); import with --replace to replace it");
        }
        if (previous.Count > 0)
        {
            progress?.Report($"deleting Olist import run {string.Join(", ", previous.Select(p => p.Id))}");
            await DeleteRunsAsync(connection, tx, [.. previous.Select(p => p.Id)], ct);
        }

        var runId = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO sim.runs (kind, status, seed, parameters, from_date, to_date, chunks_total, chunks_done, rows_written, started_at)
            VALUES (@Kind, @Status, 0, @Parameters::jsonb, @From, @To, 2, 0, 0, @StartedAt)
            RETURNING id
            """,
            new
            {
                Kind = RunKinds.OlistImport, Status = RunStatuses.Running, Parameters = ParametersJson(data),
                data.From, data.To, StartedAt = startedAt,
            }, tx, cancellationToken: ct));

        var (world, orders) = data.ForRun(runId);
        progress?.Report($"writing {data.Rows.Customers + data.Rows.Sellers + data.Rows.Products:N0} customers, sellers and products");
        var worldRows = await ChunkCopyWriter.WriteAsync(connection, world, ct);
        progress?.Report($"writing {data.Rows.Orders:N0} orders with their items, payments, deliveries and reviews");
        var orderRows = await ChunkCopyWriter.WriteAsync(connection, orders, ct);
        var rows = worldRows + orderRows;

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sim.run_chunks (run_id, chunk_no, status, from_date, to_date, rows, attempts, worker, started_at, finished_at)
            VALUES (@RunId, @WorldChunk, @Completed, @From, @To, @WorldRows, 1, @Worker, @StartedAt, clock_timestamp()),
                   (@RunId, @OrdersChunk, @Completed, @From, @To, @OrderRows, 1, @Worker, @StartedAt, clock_timestamp());
            UPDATE sim.runs SET status = @Completed, chunks_done = 2, rows_written = @Rows, finished_at = clock_timestamp()
            WHERE id = @RunId;
            """,
            new
            {
                RunId = runId, WorldChunk = OlistReader.WorldChunkNo, OrdersChunk = OlistReader.OrdersChunkNo,
                Completed = RunStatuses.Completed, data.From, data.To, WorldRows = worldRows.Total, OrderRows = orderRows.Total,
                Rows = rows.Total, Worker = $"{Environment.MachineName}:{Environment.ProcessId}", StartedAt = startedAt,
            }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new OlistImportResult(runId, rows, data.From, data.To, data.Adjustments, [.. previous.Select(p => p.Id)]);
    }

    /// <summary>
    /// Deletes the rows of earlier imports (children by id range first: faster than cascading row by row) and their runs.
    /// Rows of other runs that refer to them (live orders of an imported customer) make it fail: nothing is deleted then.
    /// </summary>
    private static async Task DeleteRunsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int[] runIds, CancellationToken ct)
    {
        try
        {
            foreach (var runId in runIds)
            {
                var (from, to) = IdSpace.Range(runId, OlistReader.OrdersChunkNo);
                await connection.ExecuteAsync(new CommandDefinition("""
                    DELETE FROM shop.order_items WHERE order_id >= @from AND order_id < @to;
                    DELETE FROM shop.payments WHERE order_id >= @from AND order_id < @to;
                    DELETE FROM shop.deliveries WHERE order_id >= @from AND order_id < @to;
                    DELETE FROM shop.reviews WHERE order_id >= @from AND order_id < @to;
                    """, new { from, to }, tx, cancellationToken: ct));
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM shop.orders WHERE run_id = ANY(@runIds);
                DELETE FROM shop.products WHERE run_id = ANY(@runIds);
                DELETE FROM shop.sellers WHERE run_id = ANY(@runIds);
                DELETE FROM shop.customers WHERE run_id = ANY(@runIds);
                DELETE FROM sim.runs WHERE id = ANY(@runIds);
                """, new { runIds }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new OlistImportException(
                $"cannot replace Olist import run {string.Join(", ", runIds)}: rows of other runs refer to its rows ({e.TableName}, {e.ConstraintName})");
        }
    }

    private static string ParametersJson(OlistDataset data) => JsonSerializer.Serialize(new
    {
        source = "olist",
        directory = data.Directory,
        files = data.FileSizes,
        adjustments = data.Adjustments,
    }, Json);
}
