using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Simulation.Runs;
using Hangfire;
using Npgsql;

namespace Ecom.Aspire.Worker.Jobs;

/// <summary>
/// After migrations, on an empty database, queues a default two-year history simulation so that a new user sees data
/// within a minute or two. Off with Ecom:Simulation:SeedOnEmptyDatabase=false; its size with Ecom:Simulation:SeedCustomers.
/// </summary>
public sealed class SeedHistoryOnEmptyDatabase(
    NpgsqlDataSource dataSource, IBackgroundJobClient jobs, TimeProvider clock, IConfiguration configuration, ILogger<SeedHistoryOnEmptyDatabase> logger)
    : IHostedService
{
    public const string EnabledKey = "Ecom:Simulation:SeedOnEmptyDatabase";
    /// <summary>Customers of the seeded history (default: the simulation's default).</summary>
    public const string CustomersKey = "Ecom:Simulation:SeedCustomers";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(EnabledKey, true)) return;
        if (await EmptyDatabaseSeed.CreateDefaultRunIfEmptyAsync(dataSource, clock, configuration.GetValue<int?>(CustomersKey), cancellationToken) is { } runId)
        {
            HistorySimulationJob.Start(jobs, runId);
            logger.LogInformation("Empty database: queued a default history simulation, run {RunId}", runId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
