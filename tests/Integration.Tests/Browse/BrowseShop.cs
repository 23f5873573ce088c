using System.Text.Json;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Browse;

/// <summary>
/// A small simulated marketplace (the first half of 2024, 1,000 customers), loaded into the warehouse, and the Api
/// over it: written once for the browse tests and shared by them (they only read).
/// </summary>
public sealed class BrowseShop
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BrowseShop? _shop;

    private BrowseShop(string database, ApiFactory api)
    {
        Database = database;
        Api = api;
        Client = api.CreateClient();
    }

    public string Database { get; }
    public ApiFactory Api { get; }
    public HttpClient Client { get; }

    public static async Task<BrowseShop> GetAsync(ServersFixture servers)
    {
        await Gate.WaitAsync();
        try
        {
            if (_shop is not null) return _shop;
            var database = await servers.NewMigratedDatabaseAsync("browse");
            var parameters = (SimulationParameters.Default(new DateOnly(2024, 7, 1)) with
            {
                From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 6, 30), Customers = 1_000, Seed = 11,
            }).Resolve(DateTimeOffset.UtcNow);
            await SimulatedDatabase.SimulateAsync(database, parameters, workers: 2);
            await using (var dataSource = NpgsqlDataSource.Create(database))
            {
                await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
            }
            return _shop = new BrowseShop(database, new ApiFactory(database, servers.Redis.ConnectionString));
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<T> GetAsync<T>(string url)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }
}
