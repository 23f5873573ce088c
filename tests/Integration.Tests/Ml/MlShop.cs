using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Ml;

/// <summary>
/// One simulated marketplace for the ML tests, made once per test run: 2¾ years (2023-01-01 to 2025-09-30, 143
/// complete weeks: a year for the seasonal baseline, the 26-week backtest and more than a year to train on) with few
/// customers, fraud injected at 4 times the default rates so that each kind has enough labels in the evaluation
/// slice, loaded into the warehouse by the ETL and trained once with the default seed.
/// </summary>
public static class MlShop
{
    public const int Seed = TrainOptions.DefaultSeed;

    public static SimulationParameters Parameters { get; } =
        (SimulationParameters.Default(new DateOnly(2025, 10, 1)) with
        {
            From = new DateOnly(2023, 1, 1), To = new DateOnly(2025, 9, 30), Customers = 4_000, Seed = 11,
            Fraud = new FraudParameters
            {
                BulkOrderRate = 0.006, PriceErrorRate = 0.006, CardTestingBurstRate = 0.0008,
                AccountTakeoverRate = 0.004, UnusualGeographyRate = 0.006, FreightErrorRate = 0.004,
            },
        }).Resolve(DateTimeOffset.UtcNow);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string ConnectionString, TrainResult Trained)? _shop;

    /// <summary>The database (simulated, loaded, trained once) and that first training's result.</summary>
    public static async Task<(string ConnectionString, TrainResult Trained)> GetAsync(ServersFixture servers)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shop is { } shop) return shop;
            var db = await servers.NewMigratedDatabaseAsync("ml_shop");
            await SimulatedDatabase.SimulateAsync(db, Parameters, workers: 2);
            await using var dataSource = NpgsqlDataSource.Create(db);
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
            var trained = await Training(dataSource).RunAsync(new TrainOptions(Seed, TopCategories: 1), null, CancellationToken.None);
            _shop = (db, trained);
            return _shop.Value;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static ModelTraining Training(NpgsqlDataSource dataSource) => new(dataSource, NullLogger<ModelTraining>.Instance);
}
