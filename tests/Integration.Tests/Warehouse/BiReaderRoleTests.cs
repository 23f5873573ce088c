using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ecom.Aspire.Core.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>
/// bi_reader, as Superset uses it: created NOLOGIN by the migration, allowed to log in once its password is configured,
/// then able to read dw (tables, views, tables added later) and nothing else. The role belongs to the whole test
/// server, so each test leaves it NOLOGIN again.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class BiReaderRoleTests(ServersFixture servers)
{
    /// <summary>Quotes, a backslash, dollar quotes and SQL: the password must arrive exactly as written.</summary>
    private const string Password = "O'Reilly \\ \"bi\" $$ '; DROP ROLE bi_reader; --";

    [Fact]
    public async Task Bi_reader_logs_in_once_its_password_is_set_and_reads_the_warehouse_and_nothing_else()
    {
        var db = await servers.NewMigratedDatabaseAsync("dw_bi");
        await WarehouseShop.SeedAsync(db);
        await using var dataSource = NpgsqlDataSource.Create(db);
        await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        await SetNoLoginAsync(db);
        try
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsBiReaderAsync(db));
            Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, refused.SqlState);
            Assert.False(await BiReaderRole.EnableLoginAsync(dataSource, null, CancellationToken.None));
            Assert.False(await BiReaderRole.EnableLoginAsync(dataSource, "", CancellationToken.None));
            await Assert.ThrowsAsync<PostgresException>(() => OpenAsBiReaderAsync(db));

            Assert.True(await BiReaderRole.EnableLoginAsync(dataSource, Password, CancellationToken.None));
            Assert.True(await StoredPasswordIsAsync(db, Password));

            await using var bi = await OpenAsBiReaderAsync(db);
            Assert.Equal(6, await bi.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.fact_sales"));
            Assert.Equal(6, await bi.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.sales_flat"));
            Assert.Equal(537.90m, await bi.ExecuteScalarAsync<decimal>("SELECT sum(revenue) FROM dw.agg_daily_orders"));
            foreach (var table in new[] { "dim_date", "dim_customer", "dim_product", "dim_seller", "dim_location", "agg_daily_sales", "agg_daily_delivery", "etl_state" })
            {
                Assert.True(await bi.ExecuteScalarAsync<long>($"SELECT count(*) FROM dw.{table}") > 0, $"dw.{table} is readable and loaded");
            }
            Assert.Equal(new DateTime(2024, 2, 29), await bi.ExecuteScalarAsync<DateTime>("SELECT dw.business_day('2024-03-01T01:30:00Z')"));

            string[] forbidden =
            [
                "SELECT count(*) FROM shop.orders",
                "SELECT count(*) FROM shop.customers",
                "SELECT count(*) FROM sim.labels",
                "SELECT count(*) FROM sim.runs",
                "INSERT INTO dw.dim_location (state, ibge_code, name, region, capital, population_2022) VALUES ('XX', 99, 'X', 'X', 'X', 1)",
                "UPDATE dw.fact_sales SET revenue = 0",
                "DELETE FROM dw.dim_customer",
                "TRUNCATE dw.agg_daily_orders",
                "CREATE TABLE dw.mine (x integer)",
            ];
            foreach (var sql in forbidden)
            {
                var denied = await Assert.ThrowsAsync<PostgresException>(() => bi.ExecuteAsync(sql));
                Assert.True(denied.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {denied.SqlState} {denied.MessageText}");
            }

            // A table a later migration adds to dw is readable without a new grant (default privileges).
            await using (var admin = new NpgsqlConnection(db))
            {
                await admin.ExecuteAsync("CREATE TABLE dw.agg_later (x integer); INSERT INTO dw.agg_later VALUES (1), (2);");
            }
            Assert.Equal(2, await bi.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.agg_later"));
        }
        finally
        {
            await SetNoLoginAsync(db);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsBiReaderAsync(string db)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db)
        {
            Username = BiReaderRole.Name, Password = Password, Pooling = false,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task SetNoLoginAsync(string db)
    {
        await using var admin = new NpgsqlConnection(db);
        await admin.ExecuteAsync("ALTER ROLE bi_reader NOLOGIN PASSWORD NULL");
    }

    /// <summary>
    /// The server keeps a SCRAM-SHA-256 verifier (or an md5 hash): recompute it from the expected password with the
    /// stored salt and iterations (RFC 5802/7677) and compare.
    /// </summary>
    private static async Task<bool> StoredPasswordIsAsync(string db, string password)
    {
        await using var admin = new NpgsqlConnection(db);
        var stored = await admin.ExecuteScalarAsync<string>("SELECT rolpassword FROM pg_authid WHERE rolname = 'bi_reader'")
            ?? throw new InvalidOperationException("bi_reader has no password");
        if (stored.StartsWith("md5", StringComparison.Ordinal))
        {
            return stored == "md5" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(password + BiReaderRole.Name)));
        }
        // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
        var parts = stored.Split('$');
        var (iterations, salt) = (int.Parse(parts[1].Split(':')[0]), Convert.FromBase64String(parts[1].Split(':')[1]));
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        return Convert.ToBase64String(storedKey) == parts[2].Split(':')[0];
    }
}
