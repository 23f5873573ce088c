using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Model;
using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>
/// sim.runs and sim.run_chunks for history simulations: a run is created with its resolved parameters (so that every
/// chunk, on any worker, regenerates exactly the same rows) and one pending row per chunk.
/// </summary>
public static class SimulationRunStore
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the run and its chunks. The parameters must be valid and resolved (<see cref="SimulationParameters.Resolve"/>).</summary>
    public static async Task<int> CreateAsync(NpgsqlDataSource dataSource, SimulationParameters parameters, CancellationToken ct)
    {
        if (parameters.Now is null) throw new ArgumentException("resolve the parameters first (Now is not set)", nameof(parameters));
        var problems = parameters.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(parameters));

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var runId = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO sim.runs (kind, status, seed, parameters, from_date, to_date, chunks_total, chunks_done, rows_written)
            VALUES (@Kind, @Status, @Seed, @Parameters::jsonb, @From, @To, 0, 0, 0)
            RETURNING id
            """,
            new
            {
                Kind = RunKinds.History, Status = RunStatuses.Pending, parameters.Seed,
                Parameters = JsonSerializer.Serialize(parameters, Json), parameters.From, parameters.To,
            }, tx, cancellationToken: ct));

        var chunks = new MarketplaceSimulator(parameters, runId).Chunks;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sim.run_chunks (run_id, chunk_no, status, from_date, to_date, rows, attempts)
            VALUES (@RunId, @No, @Status, @From, @To, 0, 0)
            """,
            chunks.Select(c => new { RunId = runId, c.No, Status = RunStatuses.Pending, c.From, c.To }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sim.runs SET chunks_total = @Total WHERE id = @RunId", new { Total = chunks.Count, RunId = runId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return runId;
    }

    /// <summary>The stored parameters of a history run, or null when there is no such run.</summary>
    public static async Task<SimulationParameters?> LoadParametersAsync(NpgsqlDataSource dataSource, int runId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT parameters::text FROM sim.runs WHERE id = @runId AND kind = @kind", new { runId, kind = RunKinds.History }, cancellationToken: ct));
        return json is null ? null : JsonSerializer.Deserialize<SimulationParameters>(json, Json);
    }

    /// <summary>Chunk numbers of the run that are not completed yet, in order.</summary>
    public static async Task<IReadOnlyList<int>> UnfinishedChunksAsync(NpgsqlDataSource dataSource, int runId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var chunks = await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT chunk_no FROM sim.run_chunks WHERE run_id = @runId AND status <> @completed ORDER BY chunk_no",
            new { runId, completed = RunStatuses.Completed }, cancellationToken: ct));
        return [.. chunks];
    }

    /// <summary>Marks the run failed with a reason (chunks keep their own status; completed ones stay).</summary>
    public static async Task MarkFailedAsync(NpgsqlDataSource dataSource, int runId, string error, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sim.runs SET status = @failed, error = @error, finished_at = now() WHERE id = @runId AND status <> @completed",
            new { runId, error, failed = RunStatuses.Failed, completed = RunStatuses.Completed }, cancellationToken: ct));
    }
}
