using System.Text.Json;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Runs;

/// <summary>Progress of one chunk of a run.</summary>
public sealed record ChunkView(int ChunkNo, string Status, DateOnly? From, DateOnly? To, long Rows, int Attempts, string? Worker,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>A simulation run (or import) as readers see it: parameters, status and progress.</summary>
public sealed record RunView(
    int Id, string Kind, string Status, long Seed, JsonElement Parameters, DateOnly? From, DateOnly? To,
    int ChunksTotal, int ChunksDone, double Progress, long RowsWritten, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, IReadOnlyList<ChunkView>? Chunks);

/// <summary>Reads runs from sim.runs and sim.run_chunks.</summary>
public static class RunQueries
{
    public static async Task<RunView?> GetAsync(EcomDbContext db, int id, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().Include(r => r.Chunks).SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : ToView(run, withChunks: true);
    }

    /// <summary>The newest runs first.</summary>
    public static async Task<IReadOnlyList<RunView>> ListAsync(EcomDbContext db, int skip, int take, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
        return [.. runs.Select(r => ToView(r, withChunks: false))];
    }

    public static RunView ToView(SimulationRun run, bool withChunks) => new(
        run.Id, run.Kind, run.Status, run.Seed, ParseParameters(run.Parameters), run.FromDate, run.ToDate,
        run.ChunksTotal, run.ChunksDone,
        run.Status == RunStatuses.Completed ? 1 : run.ChunksTotal == 0 ? 0 : Math.Round((double)run.ChunksDone / run.ChunksTotal, 4),
        run.RowsWritten, run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error,
        withChunks
            ? [.. run.Chunks.OrderBy(c => c.ChunkNo).Select(c => new ChunkView(c.ChunkNo, c.Status, c.FromDate, c.ToDate, c.Rows, c.Attempts, c.Worker, c.StartedAt, c.FinishedAt, c.Error))]
            : null);

    private static JsonElement ParseParameters(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}
