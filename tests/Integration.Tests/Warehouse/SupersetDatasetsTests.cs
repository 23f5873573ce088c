using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>
/// The curated Superset datasets (AppHost/superset/datasets/*.sql, registered by register_ecomdb.py as virtual datasets
/// whose query Superset wraps as a subquery) run as bi_reader on the hand-made warehouse and give its figures.
/// Superset itself cannot run here; this checks what it would run.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class SupersetDatasetsTests(ServersFixture servers)
{
    private static string DatasetsFolder([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "AppHost", "superset", "datasets"));

    [Fact]
    public async Task Every_dataset_query_runs_as_bi_reader_and_reads_the_warehouse()
    {
        var db = await servers.NewMigratedDatabaseAsync("dw_superset");
        await WarehouseShop.SeedAsync(db);
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        }
        var files = Directory.GetFiles(DatasetsFolder(), "*.sql").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "sales_items.sql");

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        // Privileges are checked as bi_reader's (a superuser may take any role without logging in as it).
        await connection.ExecuteAsync("SET ROLE bi_reader");
        var counts = new Dictionary<string, long>();
        foreach (var file in files)
        {
            var sql = await File.ReadAllTextAsync(file);
            counts[Path.GetFileNameWithoutExtension(file)] = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM (\n{sql}\n) AS virtual_table");
        }
        // Revenue-bearing items: 6 fact rows less the canceled one; days × states with sales: 02-29 SP, PE and 03-01 SP, PE;
        // one basket (order 10: bed_bath_table + watches_gifts); Ana and Bruno have revenue-bearing orders.
        Assert.Equal(5, counts["sales_items"]);
        Assert.Equal(4, counts["sales_daily"]);
        Assert.Equal(1, counts["category_pairs_monthly"]);
        Assert.Equal(2, counts["customer_value"]);
        Assert.All(counts, c => Assert.True(c.Value > 0, $"{c.Key} is empty"));

        Assert.Equal(537.90m, await connection.ExecuteScalarAsync<decimal>(
            $"SELECT sum(revenue) FROM (\n{await File.ReadAllTextAsync(Path.Combine(DatasetsFolder(), "sales_daily.sql"))}\n) AS virtual_table"));
        await connection.ExecuteAsync("RESET ROLE");
    }
}
