using System.Text.Json;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Live mode's state lives in its sim.runs row (kind "live"): running or paused, its settings as parameters, the last
/// simulated instant as watermark. Kept in PostgreSQL so that pausing works whether or not Redis is up, and every
/// Worker replica sees it.
/// </summary>
public static class LiveModeControl
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The live run, created (running, default settings) the first time it is asked for.</summary>
    public static async Task<SimulationRun> GetOrCreateRunAsync(EcomDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var run = await db.Runs.OrderBy(r => r.Id).FirstOrDefaultAsync(r => r.Kind == RunKinds.Live, ct);
        if (run is not null) return run;
        var settings = new LiveModeSettings();
        run = new SimulationRun
        {
            Kind = RunKinds.Live, Status = RunStatuses.Running, Seed = settings.Seed,
            Parameters = JsonSerializer.Serialize(settings, Json), CreatedAt = clock.GetUtcNow(), StartedAt = clock.GetUtcNow(),
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }

    public static LiveModeSettings SettingsOf(SimulationRun run) =>
        JsonSerializer.Deserialize<LiveModeSettings>(run.Parameters, Json) ?? new LiveModeSettings();

    public static LiveModeStatus StatusOf(SimulationRun run) =>
        new(run.Id, run.Status == RunStatuses.Paused, SettingsOf(run), run.Watermark, run.RowsWritten);

    public static async Task<LiveModeStatus> GetStatusAsync(EcomDbContext db, TimeProvider clock, CancellationToken ct) =>
        StatusOf(await GetOrCreateRunAsync(db, clock, ct));

    /// <summary>Pauses or resumes; optionally changes the rate. Returns the new status.</summary>
    public static async Task<LiveModeStatus> UpdateAsync(EcomDbContext db, TimeProvider clock, bool? paused, double? ordersPerSecond, CancellationToken ct)
    {
        var run = await GetOrCreateRunAsync(db, clock, ct);
        if (paused is { } p) run.Status = p ? RunStatuses.Paused : RunStatuses.Running;
        if (ordersPerSecond is { } rate) run.Parameters = JsonSerializer.Serialize(SettingsOf(run) with { OrdersPerSecond = rate }, Json);
        await db.SaveChangesAsync(ct);
        return StatusOf(run);
    }
}
