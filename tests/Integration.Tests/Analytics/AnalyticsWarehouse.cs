using System.Text.Json;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>
/// <see cref="WarehouseShop"/> seeded and loaded by the ETL, and the Api over it. What the warehouse then holds
/// (business days in São Paulo; revenue = item prices of revenue-bearing orders, freight excluded):
/// <code>
/// day    state order status     items: product price (cost)                  freight  first payment   delivery
/// 02-29  SP    10    delivered  Toalha 59.90 (30.00), Relógio 199.00 (120.00)  25.00   credit_card     Correios 7 days, 2 early
/// 02-29  PE    11    delivered  Relógio 199.00 (120.00)                        35.50   boleto          Jadlog 14 days, 3 late
/// 03-01  SP    12    canceled   Toalha 59.90 (30.00)                           12.00   credit_card     none
/// 03-01  PE    13    shipped    Livro 40.00 (unknown)                          20.00   pix             Correios, in transit
/// 03-01  SP    14    delivered  Livro 40.00 (unknown)                           8.00   debit_card      Correios 7 days, on the day
/// </code>
/// Categories: Toalha bed_bath_table, Relógio watches_gifts, Livro books_general_interest.
/// </summary>
public sealed class AnalyticsWarehouse : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private AnalyticsWarehouse(string database, ApiFactory api)
    {
        Database = database;
        Api = api;
        Client = api.CreateClient();
    }

    public string Database { get; }
    public ApiFactory Api { get; }
    public HttpClient Client { get; }

    /// <summary>A migrated database seeded by <paramref name="seed"/> (default: <see cref="WarehouseShop"/>), loaded by the ETL, and the Api over it.</summary>
    public static async Task<AnalyticsWarehouse> StartAsync(ServersFixture servers, string prefix, IReadOnlyDictionary<string, string>? settings = null,
        Func<string, Task>? seed = null)
    {
        var database = await servers.NewMigratedDatabaseAsync(prefix);
        await (seed ?? WarehouseShop.SeedAsync)(database);
        await using (var dataSource = NpgsqlDataSource.Create(database))
        {
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        }
        return new AnalyticsWarehouse(database, new ApiFactory(database, servers.Redis.ConnectionString, settings));
    }

    public async Task<T> GetAsync<T>(string url)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public async Task<string[]> GetCsvAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
