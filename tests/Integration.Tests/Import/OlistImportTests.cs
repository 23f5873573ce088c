using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Import;
using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Simulation;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Ecom.Aspire.Integration.Tests.Import.OlistSmall;

namespace Ecom.Aspire.Integration.Tests.Import;

/// <summary><c>import-olist DIR</c> and the Olist import job on the hand-made files of <see cref="OlistSmall"/>.</summary>
[Collection(ServersCollection.Name)]
public sealed class OlistImportTests(ServersFixture servers)
{
    private sealed record CustomerRow(long Id, string Name, string City, string State, string? ZipPrefix, DateTimeOffset SignupAt);
    private sealed record SellerRow(long Id, string Name, string City, string State, string? ZipPrefix, DateTimeOffset JoinedAt);
    private sealed record ProductRow(long Id, string Name, string Category, decimal Price, decimal? Cost, int? WeightGrams, int? LengthCm,
        int? HeightCm, int? WidthCm, DateTimeOffset? LaunchedAt);
    private sealed record OrderRow(long Id, long CustomerId, string Status, DateTimeOffset PurchasedAt, DateTimeOffset? ApprovedAt,
        DateTimeOffset? CanceledAt, string ShipCity, string ShipState, string? ShipZipPrefix, short ItemCount, decimal ItemsTotal,
        decimal FreightTotal, decimal Total);
    private sealed record ItemRow(long OrderId, short ItemNo, long ProductId, long SellerId, decimal Price, decimal Freight, decimal? Cost);
    private sealed record PaymentRow(long OrderId, short Seq, string Type, short Installments, decimal Amount);
    private sealed record DeliveryRow(long OrderId, string Carrier, DateTimeOffset? ShippedAt, DateTimeOffset PromisedAt, DateTimeOffset? DeliveredAt, int? DistanceKm);
    private sealed record ReviewRow(long Id, long OrderId, short Score, string? Title, string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

    /// <summary>Ids of run 1: people, sellers and products in chunk 0, orders and reviews in chunk 1, by position in their file.</summary>
    private static long World(int n) => IdSpace.Id(1, 0, n);
    private static long Order(int n) => IdSpace.Id(1, 1, n);

    [Fact]
    public async Task Import_olist_writes_every_table_with_the_documented_rules_and_prints_a_summary()
    {
        var db = await servers.NewEmptyDatabaseAsync("olist_import");

        var result = await WorkerProcess.RunAsync(Env(db), "import-olist", FilesDirectory);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Trim().Split('\n');
        Assert.Matches(@"^import-olist: run=1 orders=8 rows=55 seconds=\d+\.\d$", lines[^1].TrimEnd('\r'));
        Assert.Contains("shop.order_items", result.Output);
        Assert.Contains("not_defined", result.Output);
        Assert.Equal(100_000_000_000L, World(0));
        Assert.Equal(100_010_000_000L, Order(0));

        await using var ef = ServersFixture.CreateDbContext(db);

        // People: d..01 has two customer_ids; its address and signup come from its first order (f..01 of c..01), not from
        // its first row (c..03, campinas). d..08 has no order: signup at the first purchase of the files.
        var firstPurchase = Utc("2017-10-02 13:56:33");
        Assert.Equal(
        [
            new CustomerRow(World(0), D01, "sao paulo", "SP", "01310", firstPurchase),
            new CustomerRow(World(1), Hex('d', 2), "rio de janeiro", "RJ", "20040", Utc("2018-01-15 11:00:00")),
            new CustomerRow(World(2), Hex('d', 3), "belo horizonte", "MG", "30130", Utc("2018-08-02 11:15:00")),
            new CustomerRow(World(3), Hex('d', 4), "curitiba", "PR", "80010", Utc("2018-03-10 13:00:00")),
            new CustomerRow(World(4), Hex('d', 5), "sao paulo", "SP", "01046", Utc("2018-05-02 13:00:00")),
            new CustomerRow(World(5), Hex('d', 6), "salvador", "BA", "40010", Utc("2018-07-20 17:00:00")),
            new CustomerRow(World(6), Hex('d', 7), "manaus", "AM", "69005", Utc("2018-02-18 02:30:00")),
            new CustomerRow(World(7), Hex('d', 8), "florianopolis", "SC", "88010", firstPurchase),
        ], (await ef.Customers.AsNoTracking().OrderBy(c => c.Id).ToListAsync())
            .Select(c => new CustomerRow(c.Id, c.Name, c.City, c.State, c.ZipPrefix, c.SignupAt)));
        Assert.All(await ef.Customers.AsNoTracking().ToListAsync(), c =>
        {
            Assert.Equal(1, c.RunId);
            Assert.Equal((null, null, null, null), (c.Cpf, c.Email, c.Phone, c.Persona));
        });

        Assert.Equal(
        [
            new SellerRow(World(0), A01, "campinas", "SP", "13023", firstPurchase),
            new SellerRow(World(1), A02, "sao paulo", "SP", "04482", firstPurchase),
            new SellerRow(World(2), A03, "florianopolis", "SC", "88015", Utc("2018-08-01 15:00:00")),
            new SellerRow(World(3), Hex('a', 4), "belo horizonte", "MG", "30110", firstPurchase),
        ], (await ef.Sellers.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            .Select(s => new SellerRow(s.Id, s.Name, s.City, s.State, s.ZipPrefix, s.JoinedAt)));

        // Price = median item price: b..01 sold at 29.99, 31.99, 31.99; b..02 at 45.00, 55.00, 50.01, 60.00 → (50.01 + 55.00) / 2
        // = 52.505, rounded half away from zero. b..03 has no category, b..04 an untranslated one, b..05 never sold.
        Assert.Equal(
        [
            new ProductRow(World(0), B01, "perfumery", 31.99m, null, 225, 16, 10, 14, firstPurchase),
            new ProductRow(World(1), B02, "bed_bath_table", 52.51m, null, 1000, 30, 18, 20, firstPurchase),
            new ProductRow(World(2), B03, "unknown", 100.00m, null, null, null, null, null, Utc("2018-08-01 15:00:00")),
            new ProductRow(World(3), B04, "pc_gamer", 1500.00m, null, 2000, 40, 30, 20, Utc("2018-08-02 11:15:00")),
            new ProductRow(World(4), Hex('b', 5), "sports_leisure", 0.00m, null, 500, 20, 10, 10, null),
        ], (await ef.Products.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
            .Select(p => new ProductRow(p.Id, p.Name, p.Category, p.Price, p.Cost, p.WeightGrams, p.LengthCm, p.HeightCm, p.WidthCm, p.LaunchedAt)));
        Assert.All(await ef.Products.AsNoTracking().ToListAsync(), p => Assert.Equal((1, null), (p.RunId, p.Lifecycle)));

        // Brazilian local time to UTC: −03:00, or −02:00 in daylight saving time (2017-10-15 to 2018-02-17); 2018-02-17 23:30
        // happened twice (clocks went back at midnight) and reads as standard time. created/approved become processing.
        // f..07 was approved before its purchase: approved_at left empty. Ship addresses come from each order's customer_id.
        Assert.Equal(
        [
            new OrderRow(Order(0), World(0), "delivered", Utc("2017-10-02 13:56:33"), Utc("2017-10-02 14:07:15"), null, "sao paulo", "SP", "01310", 2, 74.99m, 19.22m, 94.21m),
            new OrderRow(Order(1), World(1), "shipped", Utc("2018-01-15 11:00:00"), Utc("2018-01-15 11:30:00"), null, "rio de janeiro", "RJ", "20040", 1, 55.00m, 12.00m, 67.00m),
            new OrderRow(Order(2), World(0), "processing", Utc("2018-08-01 15:00:00"), null, null, "campinas", "SP", "13083", 1, 100.00m, 20.00m, 120.00m),
            new OrderRow(Order(3), World(2), "processing", Utc("2018-08-02 11:15:00"), Utc("2018-08-02 11:20:00"), null, "belo horizonte", "MG", "30130", 1, 1500.00m, 35.90m, 1535.90m),
            new OrderRow(Order(4), World(3), "canceled", Utc("2018-03-10 13:00:00"), Utc("2018-03-10 13:10:00"), null, "curitiba", "PR", "80010", 0, 0m, 0m, 0m),
            new OrderRow(Order(5), World(4), "delivered", Utc("2018-05-02 13:00:00"), Utc("2018-05-02 13:15:00"), null, "sao paulo", "SP", "01046", 3, 113.99m, 18.00m, 131.99m),
            new OrderRow(Order(6), World(5), "invoiced", Utc("2018-07-20 17:00:00"), null, null, "salvador", "BA", "40010", 1, 60.00m, 15.00m, 75.00m),
            new OrderRow(Order(7), World(6), "unavailable", Utc("2018-02-18 02:30:00"), Utc("2018-02-18 03:10:00"), null, "manaus", "AM", "69005", 0, 0m, 0m, 0m),
        ], (await ef.Orders.AsNoTracking().OrderBy(o => o.Id).ToListAsync())
            .Select(o => new OrderRow(o.Id, o.CustomerId, o.Status, o.PurchasedAt, o.ApprovedAt, o.CanceledAt, o.ShipCity, o.ShipState, o.ShipZipPrefix,
                o.ItemCount, o.ItemsTotal, o.FreightTotal, o.Total)));
        Assert.All(await ef.Orders.AsNoTracking().ToListAsync(), o => Assert.Equal(1, o.RunId));

        Assert.Equal(
        [
            new ItemRow(Order(0), 1, World(0), World(0), 29.99m, 8.72m, null),
            new ItemRow(Order(0), 2, World(1), World(1), 45.00m, 10.50m, null),
            new ItemRow(Order(1), 1, World(1), World(1), 55.00m, 12.00m, null),
            new ItemRow(Order(2), 1, World(2), World(2), 100.00m, 20.00m, null),
            new ItemRow(Order(3), 1, World(3), World(2), 1500.00m, 35.90m, null),
            new ItemRow(Order(5), 1, World(0), World(0), 31.99m, 9.00m, null),
            new ItemRow(Order(5), 2, World(0), World(0), 31.99m, 9.00m, null),
            new ItemRow(Order(5), 3, World(1), World(1), 50.01m, 0.00m, null),
            new ItemRow(Order(6), 1, World(1), World(0), 60.00m, 15.00m, null),
        ], (await ef.OrderItems.AsNoTracking().OrderBy(i => i.OrderId).ThenBy(i => i.ItemNo).ToListAsync())
            .Select(i => new ItemRow(i.OrderId, i.ItemNo, i.ProductId, i.SellerId, i.Price, i.Freight, i.Cost)));

        // Kept as given (they need not add up to the totals: f..08 has no items and 80.00 paid), except the not_defined row of f..05.
        Assert.Equal(
        [
            new PaymentRow(Order(0), 1, "credit_card", 3, 94.21m),
            new PaymentRow(Order(1), 1, "boleto", 1, 67.00m),
            new PaymentRow(Order(2), 1, "credit_card", 1, 120.00m),
            new PaymentRow(Order(3), 1, "credit_card", 10, 1500.00m),
            new PaymentRow(Order(3), 2, "voucher", 1, 35.90m),
            new PaymentRow(Order(5), 1, "voucher", 1, 20.00m),
            new PaymentRow(Order(5), 2, "credit_card", 2, 111.99m),
            new PaymentRow(Order(6), 1, "debit_card", 1, 75.00m),
            new PaymentRow(Order(7), 1, "credit_card", 0, 80.00m),
        ], (await ef.Payments.AsNoTracking().OrderBy(p => p.OrderId).ThenBy(p => p.Seq).ToListAsync())
            .Select(p => new PaymentRow(p.OrderId, p.Seq, p.Type, p.Installments, p.Amount)));

        // f..06 was delivered (2018-05-09 18:00) before its carrier date (2018-05-10 12:00): shipped_at = delivered_at.
        // Distance: the seller of the first item to the ship state; none without items.
        Assert.Equal(
        [
            new DeliveryRow(Order(0), "unknown", Utc("2017-10-04 22:55:00"), Utc("2017-10-18 02:00:00"), Utc("2017-10-11 00:25:13"), BrazilGeography.DistanceKm("SP", "SP")),
            new DeliveryRow(Order(1), "unknown", Utc("2018-01-17 16:00:00"), Utc("2018-02-05 02:00:00"), null, BrazilGeography.DistanceKm("SP", "RJ")),
            new DeliveryRow(Order(2), "unknown", null, Utc("2018-08-20 03:00:00"), null, BrazilGeography.DistanceKm("SC", "SP")),
            new DeliveryRow(Order(3), "unknown", null, Utc("2018-08-25 03:00:00"), null, BrazilGeography.DistanceKm("SC", "MG")),
            new DeliveryRow(Order(4), "unknown", null, Utc("2018-04-01 03:00:00"), null, null),
            new DeliveryRow(Order(5), "unknown", Utc("2018-05-09 21:00:00"), Utc("2018-05-20 03:00:00"), Utc("2018-05-09 21:00:00"), BrazilGeography.DistanceKm("SP", "SP")),
            new DeliveryRow(Order(6), "unknown", null, Utc("2018-08-10 03:00:00"), null, BrazilGeography.DistanceKm("SP", "BA")),
            new DeliveryRow(Order(7), "unknown", null, Utc("2018-03-15 03:00:00"), null, null),
        ], (await ef.Deliveries.AsNoTracking().OrderBy(d => d.OrderId).ToListAsync())
            .Select(d => new DeliveryRow(d.OrderId, d.Carrier, d.ShippedAt, d.PromisedAt, d.DeliveredAt, d.DistanceKm)));

        // One review per row: e..01 is used on two orders (as in Olist). 2017-10-15 00:30 did not exist (clocks jumped to
        // 01:00): read as standard time.
        Assert.Equal(
        [
            new ReviewRow(Order(0), Order(0), 5, "otimo", "Chegou antes do prazo, recomendo.", Utc("2017-10-11 03:00:00"), Utc("2017-10-15 03:30:00")),
            new ReviewRow(Order(1), Order(1), 4, null, null, Utc("2018-02-06 02:00:00"), Utc("2018-02-07 12:00:00")),
            new ReviewRow(Order(2), Order(5), 1, null, "Veio um produto a menos,\nmas o vendedor resolveu.", Utc("2018-05-10 03:00:00"), Utc("2018-05-10 15:00:00")),
            new ReviewRow(Order(3), Order(4), 2, "cancelado", "pedido cancelado sem aviso", Utc("2018-03-20 03:00:00"), Utc("2018-03-21 13:00:00")),
        ], (await ef.Reviews.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => new ReviewRow(r.Id, r.OrderId, r.Score, r.Title, r.Comment?.ReplaceLineEndings("\n"), r.CreatedAt, r.AnsweredAt)));

        await using var connection = new NpgsqlConnection(db);
        var run = await connection.QuerySingleAsync<(int Id, string Kind, string Status, long Seed, DateTime From, DateTime To, int ChunksTotal)>(
            "SELECT id, kind, status, seed, from_date, to_date, chunks_total FROM sim.runs");
        Assert.Equal((1, "olist_import", "completed", 0L, new DateTime(2017, 10, 2), new DateTime(2018, 8, 2), 2), run);
        Assert.Equal((2, 55L), await connection.QuerySingleAsync<(int, long)>("SELECT chunks_done, rows_written FROM sim.runs"));
        Assert.Equal([(0, "completed", 17L), (1, "completed", 38L)],
            await connection.QueryAsync<(int, string, long)>("SELECT chunk_no, status, rows FROM sim.run_chunks ORDER BY chunk_no"));

        using var parameters = JsonDocument.Parse(await connection.ExecuteScalarAsync<string>("SELECT parameters::text FROM sim.runs") ?? "{}");
        Assert.Equal(Path.GetFullPath(FilesDirectory), parameters.RootElement.GetProperty("directory").GetString());
        var files = parameters.RootElement.GetProperty("files");
        Assert.Equal(OlistFiles.All.Order(StringComparer.Ordinal), files.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(OlistFiles.All, f => Assert.Equal(new FileInfo(Path.Combine(FilesDirectory, f)).Length, files.GetProperty(f).GetInt64()));
        var adjustments = parameters.RootElement.GetProperty("adjustments");
        Assert.Equal(1, adjustments.GetProperty("shippedAtSetToDeliveredAt").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("approvedAtCleared").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("notDefinedPaymentsSkipped").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("productsWithoutCategory").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("productsWithUntranslatedCategory").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("productsNeverSold").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("customersWithoutOrders").GetInt32());
        Assert.Equal(1, adjustments.GetProperty("sellersWithoutItems").GetInt32());
    }

    [Fact]
    public async Task Importing_again_is_refused_and_replace_swaps_the_import_in_one_go()
    {
        var db = await servers.NewEmptyDatabaseAsync("olist_twice");
        var first = await WorkerProcess.RunAsync(Env(db), "import-olist", FilesDirectory);
        Assert.True(first.ExitCode == 0, first.Error);
        var before = await ChecksumsAsync(db);

        var again = await WorkerProcess.RunAsync(Env(db), "import-olist", FilesDirectory);

        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"error: the database already holds an Olist import (run 1 from {Path.GetFullPath(FilesDirectory)}); import with --replace to replace it",
            SingleErrorLine(again));
        Assert.Equal(before, await ChecksumsAsync(db));

        var replaced = await WorkerProcess.RunAsync(Env(db), "import-olist", FilesDirectory, "--replace");

        Assert.True(replaced.ExitCode == 0, replaced.Error);
        Assert.Contains("import-olist: replaced Olist import run 1", replaced.Output);
        Assert.Matches(@"^import-olist: run=2 orders=8 rows=55 seconds=[\d.]+$", replaced.Output.Trim().Split('\n')[^1].TrimEnd('\r'));
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal([2], await connection.QueryAsync<int>("SELECT id FROM sim.runs"));
        var (customersFrom, customersTo) = IdSpace.Range(2, 0);
        var (ordersFrom, ordersTo) = IdSpace.Range(2, 1);
        Assert.Equal((8L, customersFrom, customersFrom + 7), await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT count(*), min(id), max(id) FROM shop.customers WHERE run_id = 2"));
        Assert.Equal((8L, ordersFrom, ordersFrom + 7), await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT count(*), min(id), max(id) FROM shop.orders WHERE run_id = 2 AND id < @ordersTo", new { ordersTo }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("""
            SELECT (SELECT count(*) FROM shop.customers WHERE run_id <> 2) + (SELECT count(*) FROM shop.orders WHERE run_id <> 2)
                 + (SELECT count(*) FROM shop.order_items WHERE order_id < @ordersFrom) + (SELECT count(*) FROM shop.reviews WHERE order_id < @ordersFrom)
            """, new { ordersFrom }));
        Assert.Equal((9L, 9L, 8L, 4L, 2_024.10m), await connection.QuerySingleAsync<(long, long, long, long, decimal)>("""
            SELECT (SELECT count(*) FROM shop.order_items), (SELECT count(*) FROM shop.payments), (SELECT count(*) FROM shop.deliveries),
                   (SELECT count(*) FROM shop.reviews), (SELECT sum(total) FROM shop.orders)
            """));
    }

    [Fact]
    public async Task The_hangfire_job_writes_what_the_command_line_writes_and_fails_on_refused_files_without_writing()
    {
        var cli = await servers.NewEmptyDatabaseAsync("olist_job_cli");
        var fromCli = await WorkerProcess.RunAsync(Env(cli), "import-olist", FilesDirectory);
        Assert.True(fromCli.ExitCode == 0, fromCli.Error);

        var db = await servers.NewMigratedDatabaseAsync("olist_job");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString);
        _ = worker.CreateClient();
        var jobs = worker.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = worker.Services.GetRequiredService<JobStorage>();

        var imported = await WaitForJobAsync(storage, OlistImportJob.Start(jobs, FilesDirectory, replace: false));

        Assert.Equal("Succeeded", imported.StateName);
        Assert.Equal(await ChecksumsAsync(cli, shopOnly: true), await ChecksumsAsync(db, shopOnly: true));
        await using (var connection = new NpgsqlConnection(db))
        {
            Assert.Equal(("olist_import", "completed", 55L), await connection.QuerySingleAsync<(string, string, long)>("SELECT kind, status, rows_written FROM sim.runs"));
        }

        var before = await ChecksumsAsync(db);
        var broken = Copy();
        try
        {
            ReplaceLine(broken, OlistFiles.Payments, 4, $"{F99},1,credit_card,1,120.00");
            var refused = await WaitForJobAsync(storage, OlistImportJob.Start(jobs, broken.FullName, replace: true));

            Assert.Equal("Failed", refused.StateName);
            Assert.Equal($"olist_order_payments_dataset.csv line 4: order_id '{F99}' is not in olist_orders_dataset.csv", refused.Data["ExceptionMessage"]);
            Assert.Equal(before, await ChecksumsAsync(db));
        }
        finally
        {
            broken.Delete(recursive: true);
        }
    }

    private static async Task<Hangfire.Storage.Monitoring.StateHistoryDto> WaitForJobAsync(JobStorage storage, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault() is { StateName: "Succeeded" or "Failed" } state) return state;
            await Task.Delay(250);
        }
        throw new TimeoutException($"job {jobId} did not finish in 90 s");
    }
}
