using Dapper;
using Ecom.Aspire.Core.Import;
using Npgsql;
using static Ecom.Aspire.Integration.Tests.Import.OlistSmall;

namespace Ecom.Aspire.Integration.Tests.Import;

/// <summary>
/// Bad Olist files are refused as a whole, with one line naming the file, the line and the reason (exit code 2), and
/// the database keeps what it had: here an earlier import, which even <c>--replace</c> does not touch when the new
/// files are refused.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class OlistRejectionTests(ServersFixture servers)
{
    [Theory]
    // Malformed records: field count, quoting.
    [InlineData(OlistFiles.OrderItems, 4, $"\"{F02}\",1,\"{B02}\",\"{A02}\",2018-01-19 09:30:00,55.00",
        "olist_order_items_dataset.csv line 4: 6 fields where the header has 7")]
    [InlineData(OlistFiles.Customers, 3, $"\"{C02}\",\"d0000000000000000000000000000002\",\"20040\"x,rio de janeiro,RJ",
        "olist_customers_dataset.csv line 3: malformed CSV: text after the closing quote of a quoted field")]
    [InlineData(OlistFiles.Reviews, 6, $"\"{E01}\",\"{F05}\",2,cancelado,\"pedido cancelado sem aviso,2018-03-20 00:00:00,2018-03-21 10:00:00",
        "olist_order_reviews_dataset.csv line 6: malformed CSV: a quoted field that is never closed")]
    // Values that do not parse or are out of range.
    [InlineData(OlistFiles.OrderItems, 5, $"\"{F03}\",1,\"{B03}\",\"{A03}\",2018-08-05 12:00:00,\"100,00\",20.00",
        "olist_order_items_dataset.csv line 5: price '100,00' is not a number")]
    [InlineData(OlistFiles.OrderItems, 6, $"\"f0000000000000000000000000000004\",1,\"{B04}\",\"{A03}\",2018-08-06 08:20:00,-1500.00,35.90",
        "olist_order_items_dataset.csv line 6: price '-1500.00' is negative")]
    [InlineData(OlistFiles.Orders, 3, $"{F02},\"{C02}\",shipped,2018-01-15T09:00:00,2018-01-15 09:30:00,2018-01-17 14:00:00,,2018-02-05 00:00:00",
        "olist_orders_dataset.csv line 3: order_purchase_timestamp '2018-01-15T09:00:00' is not a date and time (yyyy-MM-dd HH:mm:ss)")]
    [InlineData(OlistFiles.Orders, 5, $"f0000000000000000000000000000004,\"c0000000000000000000000000000004\",approved,,2018-08-02 08:20:00,,,2018-08-25 00:00:00",
        "olist_orders_dataset.csv line 5: order_purchase_timestamp is empty")]
    [InlineData(OlistFiles.Orders, 4, $"{F03},\"{C03}\",lost,2018-08-01 12:00:00,,,,2018-08-20 00:00:00",
        "olist_orders_dataset.csv line 4: order_status 'lost' is not an Olist order status (delivered, shipped, canceled, unavailable, invoiced, processing, created, approved)")]
    [InlineData(OlistFiles.Payments, 3, $"{F02},1,cash,1,67.00",
        "olist_order_payments_dataset.csv line 3: payment_type 'cash' is not a payment type (credit_card, boleto, voucher, debit_card, pix, not_defined)")]
    [InlineData(OlistFiles.Reviews, 3, $"\"{E02}\",\"{F02}\",6,,,2018-02-06 00:00:00,2018-02-07 10:00:00",
        "olist_order_reviews_dataset.csv line 3: review_score '6' is not between 1 and 5")]
    [InlineData(OlistFiles.Sellers, 3, $"\"{A02}\",\"04482\",sao paulo,XX",
        "olist_sellers_dataset.csv line 3: seller_state 'XX' is not a Brazilian state (UF)")]
    [InlineData(OlistFiles.Products, 2, "\"xyz\",perfumaria,40,287,1,225,16,10,14",
        "olist_products_dataset.csv line 2: product_id 'xyz' is not a 32-character hexadecimal id")]
    // Header without a column the importer needs.
    [InlineData(OlistFiles.Sellers, 1, "\"seller_id\",\"seller_zip_code_prefix\",\"seller_city\"",
        "olist_sellers_dataset.csv line 1: missing column seller_state")]
    // Duplicate keys.
    [InlineData(OlistFiles.Orders, 3, $"{F01},\"{C02}\",shipped,2018-01-15 09:00:00,2018-01-15 09:30:00,2018-01-17 14:00:00,,2018-02-05 00:00:00",
        $"olist_orders_dataset.csv line 3: order_id '{F01}' is already on line 2")]
    [InlineData(OlistFiles.OrderItems, 8, $"\"{F06}\",1,\"{B01}\",\"{A01}\",2018-05-04 10:15:00,31.99,9.00",
        $"olist_order_items_dataset.csv line 8: order_item_id 1 of order_id '{F06}' is already on line 7")]
    // Broken references.
    [InlineData(OlistFiles.Orders, 9, $"{F08},\"{C99}\",unavailable,2018-02-17 23:30:00,2018-02-18 00:10:00,,,2018-03-15 00:00:00",
        $"olist_orders_dataset.csv line 9: customer_id '{C99}' is not in olist_customers_dataset.csv")]
    [InlineData(OlistFiles.OrderItems, 3, $"\"{F99}\",2,\"{B02}\",\"{A02}\",2017-10-06 11:07:15,45.00,10.50",
        $"olist_order_items_dataset.csv line 3: order_id '{F99}' is not in olist_orders_dataset.csv")]
    [InlineData(OlistFiles.OrderItems, 10, $"\"{F07}\",1,\"{B99}\",\"{A01}\",2018-07-24 14:30:00,60.00,15.00",
        $"olist_order_items_dataset.csv line 10: product_id '{B99}' is not in olist_products_dataset.csv")]
    [InlineData(OlistFiles.OrderItems, 2, $"\"{F01}\",1,\"{B01}\",\"{A99}\",2017-10-06 11:07:15,29.99,8.72",
        $"olist_order_items_dataset.csv line 2: seller_id '{A99}' is not in olist_sellers_dataset.csv")]
    [InlineData(OlistFiles.Payments, 11, $"{F99},1,credit_card,0,80.00",
        $"olist_order_payments_dataset.csv line 11: order_id '{F99}' is not in olist_orders_dataset.csv")]
    // Line 6: the record before it spans lines 4 and 5.
    [InlineData(OlistFiles.Reviews, 6, $"\"{E01}\",\"{F99}\",2,cancelado,pedido cancelado sem aviso,2018-03-20 00:00:00,2018-03-21 10:00:00",
        $"olist_order_reviews_dataset.csv line 6: order_id '{F99}' is not in olist_orders_dataset.csv")]
    public async Task A_bad_file_is_refused_with_file_line_and_reason_and_the_database_keeps_what_it_had(
        string file, int line, string replacement, string expected)
    {
        var db = await ImportedDatabaseAsync("olist_bad");
        var before = await ChecksumsAsync(db);
        var dir = Copy();
        try
        {
            ReplaceLine(dir, file, line, replacement);

            var result = await WorkerProcess.RunAsync(Env(db), "import-olist", dir.FullName, "--replace");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: {expected}", SingleErrorLine(result));
            Assert.Equal("", result.Output);
            Assert.Equal(before, await ChecksumsAsync(db));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_file_is_named_and_nothing_is_written()
    {
        var db = await servers.NewMigratedDatabaseAsync("olist_missing");
        var before = await ChecksumsAsync(db);
        var dir = Copy();
        try
        {
            File.Delete(Path.Combine(dir.FullName, OlistFiles.Reviews));

            var result = await WorkerProcess.RunAsync(Env(db), "import-olist", dir.FullName);

            Assert.Equal(2, result.ExitCode);
            Assert.Equal($"error: missing file olist_order_reviews_dataset.csv in {dir.FullName}", SingleErrorLine(result));
            Assert.Equal(before, await ChecksumsAsync(db));
            await using var connection = new NpgsqlConnection(db);
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sim.runs"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_directory_or_argument_is_one_line_and_exit_code_2()
    {
        var db = await servers.NewMigratedDatabaseAsync("olist_nodir");
        var missing = Path.Combine(Path.GetTempPath(), $"no-olist-here-{Guid.NewGuid():N}");

        var noDirectory = await WorkerProcess.RunAsync(Env(db), "import-olist", missing);
        var noArgument = await WorkerProcess.RunAsync(Env(db), "import-olist");

        Assert.Equal(2, noDirectory.ExitCode);
        Assert.Equal($"error: directory {missing} does not exist", SingleErrorLine(noDirectory));
        Assert.Equal(2, noArgument.ExitCode);
        Assert.StartsWith("error: ", SingleErrorLine(noArgument));
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sim.runs"));
    }

    /// <summary>A database holding the import of the good files (written in-process, as the job does).</summary>
    private async Task<string> ImportedDatabaseAsync(string prefix)
    {
        var db = await servers.NewMigratedDatabaseAsync(prefix);
        await using var dataSource = NpgsqlDataSource.Create(db);
        var result = await OlistImporter.ImportAsync(dataSource, FilesDirectory, replace: false, progress: null, CancellationToken.None);
        Assert.Equal(55, result.Rows.Total);
        return db;
    }
}
