using Ecom.Aspire.BrowserChecks;
using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Web.Tests.Browser;

/// <summary>
/// The whole system for the browser test: PostgreSQL and Redis of the test fixtures (LocalPostgres, LocalRedis), a
/// migrated database with a small simulated history (<see cref="From"/>..<see cref="To"/>, 600 customers) loaded
/// into the warehouse, the forecasts and the anomaly detector trained (as the Worker's daily job does), then the Api and the Web as real processes (<see cref="RunningSystem"/>) and Chromium.
/// </summary>
public sealed class BrowserSystemFixture : IAsyncLifetime
{
    /// <summary>19 months: the forecast needs <see cref="Core.Ml.Forecasting.ForecastTrainer.MinWeeks"/> weeks of history.</summary>
    public static readonly DateOnly From = new(2022, 12, 1);
    public static readonly DateOnly To = new(2024, 6, 30);

    private LocalPostgres? _postgres;
    private LocalRedis? _redis;

    public RunningSystem System { get; private set; } = null!;
    public DashboardWalk Walk { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _postgres = await LocalPostgres.StartAsync();
        _redis = await LocalRedis.StartAsync();
        var database = await _postgres.CreateDatabaseAsync("browser");
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, database);
        await using (var db = new EcomDbContext(options.Options))
        {
            await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
        }
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            var parameters = (SimulationParameters.Default(To.AddDays(1)) with { From = From, To = To, Customers = 600, Seed = 5 })
                .Resolve(DateTimeOffset.UtcNow);
            var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, CancellationToken.None);
            var runner = new ChunkRunner(dataSource, new SimulatorCache(dataSource), NullLogger<ChunkRunner>.Instance);
            await LocalSimulation.RunAsync(dataSource, runner, runId, 2, null, CancellationToken.None);
            await new WarehouseEtl(dataSource, NullLogger<WarehouseEtl>.Instance).RunAsync(CancellationToken.None);
            await new ModelTraining(dataSource, NullLogger<ModelTraining>.Instance).RunAsync(new TrainOptions(), null, CancellationToken.None);
        }
        System = await RunningSystem.StartAsync(database, _redis.ConnectionString);
        Walk = await DashboardWalk.StartAsync(System.WebUrl);
    }

    public async Task DisposeAsync()
    {
        if (Walk is not null) await Walk.DisposeAsync();
        if (System is not null) await System.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
