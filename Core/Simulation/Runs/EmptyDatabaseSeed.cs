using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>
/// A new installation shows data by itself: on a database without orders and without any run, a default history
/// simulation (two years up to now) is created. Several Workers starting together create it once.
/// </summary>
public static class EmptyDatabaseSeed
{
    private const long LockKey = 0x45636F6D_53656564; // "EcomSeed"

    /// <summary>The id of the run it created, or null when the database already had data or a run.</summary>
    public static async Task<int?> CreateDefaultRunIfEmptyAsync(NpgsqlDataSource dataSource, TimeProvider clock, int? customers, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, tx, cancellationToken: ct));
        var empty = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT NOT EXISTS (SELECT 1 FROM sim.runs) AND NOT EXISTS (SELECT 1 FROM shop.orders)", transaction: tx, cancellationToken: ct));
        if (!empty) return null;

        var now = clock.GetUtcNow();
        // Two years up to this very moment (not just yesterday): today already has its morning when live mode takes over.
        var today = SaoPauloTime.DateOf(now);
        var defaults = SimulationParameters.Default(today);
        var parameters = (defaults with { To = today, Customers = customers ?? defaults.Customers }).Resolve(now);
        // Created under the lock, in a transaction of its own: a second Worker waiting on the lock then sees the run.
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, ct);
        await tx.CommitAsync(ct);
        return runId;
    }
}
