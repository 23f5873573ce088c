using System.Reflection;
using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Storage;

[Collection(ServersCollection.Name)]
public sealed class ChunkCopyWriterTests(ServersFixture servers)
{
    [Fact]
    public async Task A_world_chunk_and_an_order_chunk_read_back_field_by_field()
    {
        var connectionString = await servers.NewMigratedDatabaseAsync("copy_roundtrip");
        var runId = await NewRunAsync(connectionString);
        var world = CopySamples.World(runId);
        var orders = CopySamples.Orders(runId);

        TableCounts worldCounts, orderCounts;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            worldCounts = await ChunkCopyWriter.WriteAsync(connection, world, CancellationToken.None);
            orderCounts = await ChunkCopyWriter.WriteAsync(connection, orders, CancellationToken.None);
            await tx.CommitAsync();
        }

        Assert.Equal(new TableCounts(2, 1, 2, 1, 0, 0, 0, 0, 0, 0), worldCounts);
        Assert.Equal(new TableCounts(0, 0, 0, 0, 3, 4, 4, 2, 1, 1), orderCounts);
        Assert.Equal(TableCounts.Of(world) + TableCounts.Of(orders), worldCounts + orderCounts);
        Assert.Equal(4, orderCounts[ChunkTables.OrderItems]);

        await using var db = ServersFixture.CreateDbContext(connectionString);
        AssertRows(world.Customers, await db.Customers.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(world.Sellers, await db.Sellers.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(world.Products, await db.Products.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(world.MarketEvents, await db.MarketEvents.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(orders.Orders, await db.Orders.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(
            orders.Orders.SelectMany(o => o.Items).ToList(),
            await db.OrderItems.AsNoTracking().OrderBy(x => x.OrderId).ThenBy(x => x.ItemNo).ToListAsync(),
            x => (x.OrderId, x.ItemNo));
        AssertRows(
            orders.Orders.SelectMany(o => o.Payments).ToList(),
            await db.Payments.AsNoTracking().OrderBy(x => x.OrderId).ThenBy(x => x.Seq).ToListAsync(),
            x => (x.OrderId, x.Seq));
        AssertRows(
            orders.Orders.Where(o => o.Delivery is not null).Select(o => o.Delivery!).ToList(),
            await db.Set<Delivery>().AsNoTracking().OrderBy(x => x.OrderId).ToListAsync(),
            x => x.OrderId);
        AssertRows(orders.Orders.SelectMany(o => o.Reviews).ToList(), await db.Reviews.AsNoTracking().OrderBy(x => x.Id).ToListAsync(), x => x.Id);
        AssertRows(orders.Labels, await db.Labels.AsNoTracking().OrderBy(x => x.OrderId).ToListAsync(), x => x.OrderId);

        // The database side, without the ORM: UTC instants to the microsecond, cents, padded-free char(n), real NULLs.
        await using var check = new NpgsqlConnection(connectionString);
        var row = await check.QuerySingleAsync<(string Signup, string State, string Zip, string Total, bool NoApproval)>("""
            SELECT to_char(c.signup_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), c.state, c.zip_prefix, o.total::text, o.approved_at IS NULL
            FROM shop.customers c JOIN shop.orders o ON o.customer_id = c.id
            WHERE o.status = 'canceled'
            """);
        Assert.Equal(("2024-01-02T10:00:00.123456", "SP", "13010", "19.99", true), row);
        Assert.Equal("2024-01-05T10:30:00+00:00", (await db.Customers.AsNoTracking().SingleAsync(c => c.Cpf == null)).SignupAt.ToString("yyyy-MM-ddTHH:mm:sszzz"));
    }

    [Fact]
    public async Task The_writer_runs_inside_the_callers_transaction()
    {
        var connectionString = await servers.NewMigratedDatabaseAsync("copy_rollback");
        var runId = await NewRunAsync(connectionString);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await ChunkCopyWriter.WriteAsync(connection, CopySamples.World(runId), CancellationToken.None);
            await ChunkCopyWriter.WriteAsync(connection, CopySamples.Orders(runId), CancellationToken.None);
            Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders", transaction: tx));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT count(*) FROM shop.customers) + (SELECT count(*) FROM shop.orders) + (SELECT count(*) FROM sim.labels)"));
    }

    [Fact]
    public async Task A_row_the_schema_rejects_fails_the_chunk_and_leaves_the_connection_usable()
    {
        var connectionString = await servers.NewMigratedDatabaseAsync("copy_reject");
        var runId = await NewRunAsync(connectionString);
        var orders = CopySamples.Orders(runId);
        orders.Orders[0].Total += 1m; // breaks ck_orders_total

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await ChunkCopyWriter.WriteAsync(connection, CopySamples.World(runId), CancellationToken.None);
            var error = await Assert.ThrowsAsync<PostgresException>(() => ChunkCopyWriter.WriteAsync(connection, orders, CancellationToken.None));
            Assert.Equal("ck_orders_total", error.ConstraintName);
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.customers"));
    }

    private static async Task<int> NewRunAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO sim.runs (kind, status, seed, parameters, chunks_total, chunks_done, rows_written)
            VALUES ('history', 'running', 42, '{}', 2, 0, 0) RETURNING id
            """);
    }

    /// <summary>Every scalar property (numbers, text, instants, and their nullable forms) equal, row by row, by key.</summary>
    private static void AssertRows<T, TKey>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, TKey> key)
    {
        Assert.Equal(expected.Select(key), actual.Select(key));
        var scalars = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => IsScalar(p.PropertyType)).ToList();
        Assert.NotEmpty(scalars);
        for (var i = 0; i < expected.Count; i++)
        {
            foreach (var property in scalars)
            {
                var want = property.GetValue(expected[i]);
                var got = property.GetValue(actual[i]);
                Assert.True(Equals(want, got), $"{typeof(T).Name} {key(expected[i])}.{property.Name}: expected <{want ?? "null"}>, read back <{got ?? "null"}>");
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset);
    }
}
