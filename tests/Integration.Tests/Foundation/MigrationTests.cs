using Dapper;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class MigrationTests(ServersFixture servers)
{
    [Fact]
    public async Task Migrations_create_every_table_of_the_schema_on_an_empty_database()
    {
        var connectionString = await servers.NewEmptyDatabaseAsync("migrate");
        await using var db = ServersFixture.CreateDbContext(connectionString);

        var applied = await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);

        Assert.Equal(db.Database.GetMigrations(), applied);
        await using var connection = new NpgsqlConnection(connectionString);
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('shop','sim')")).ToHashSet();
        foreach (var (schema, table) in DatabaseOverviewQuery.Tables)
        {
            Assert.Contains($"{schema}.{table}", tables);
        }
    }

    [Fact]
    public async Task Applying_migrations_twice_changes_nothing()
    {
        var connectionString = await servers.NewEmptyDatabaseAsync("migrate_twice");
        await using (var first = ServersFixture.CreateDbContext(connectionString))
        {
            await DatabaseMigrator.MigrateAsync(first, NullLogger.Instance, CancellationToken.None);
        }
        var before = await SchemaFingerprintAsync(connectionString);

        await using var second = ServersFixture.CreateDbContext(connectionString);
        var applied = await DatabaseMigrator.MigrateAsync(second, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(applied);
        Assert.Empty(await second.Database.GetPendingMigrationsAsync());
        Assert.Equal(before, await SchemaFingerprintAsync(connectionString));
    }

    [Fact]
    public async Task The_schema_enforces_the_order_status_vocabulary_and_money_precision()
    {
        var connectionString = await servers.NewMigratedDatabaseAsync("constraints");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("""
            INSERT INTO shop.customers (id, name, city, state, signup_at) VALUES (1, 'Ana', 'Campinas', 'SP', now() - interval '1 day');
            """);

        var bad = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("""
            INSERT INTO shop.orders (id, customer_id, status, purchased_at, ship_city, ship_state, item_count, items_total, freight_total, total)
            VALUES (1, 1, 'lost', now(), 'Campinas', 'SP', 1, 10, 2, 12)
            """));
        Assert.Equal("ck_orders_status", bad.ConstraintName);

        var columnType = await connection.ExecuteScalarAsync<string>("""
            SELECT data_type || '(' || numeric_precision || ',' || numeric_scale || ')' FROM information_schema.columns
            WHERE table_schema = 'shop' AND table_name = 'orders' AND column_name = 'total'
            """);
        Assert.Equal("numeric(12,2)", columnType);
    }

    private static async Task<string> SchemaFingerprintAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var columns = await connection.QueryAsync<string>("""
            SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type FROM information_schema.columns
            WHERE table_schema IN ('shop','sim') ORDER BY 1
            """);
        var indexes = await connection.QueryAsync<string>(
            "SELECT schemaname || '.' || indexname FROM pg_indexes WHERE schemaname IN ('shop','sim') ORDER BY 1");
        return string.Join("\n", columns.Concat(indexes));
    }
}
