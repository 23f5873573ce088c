using CsvHelper;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Output;
using Ecom.Aspire.Core.Storage.Copy;
using Parquet;
using Parquet.Schema;

namespace Ecom.Aspire.Core.Tests.Output;

public sealed class ChunkFileWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ecom-output-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static readonly CsvReaderOptions ReadOptions = new() { Separator = ',' };

    private static ChunkData[] ThreeChunks() => [OutputSamples.World(), OutputSamples.Orders(1, 3), OutputSamples.Orders(2, 2)];

    private static readonly Dictionary<string, long> ExpectedRows = new()
    {
        [ChunkTables.Customers] = 2, [ChunkTables.Sellers] = 1, [ChunkTables.Products] = 2, [ChunkTables.MarketEvents] = 1,
        [ChunkTables.Orders] = 5, [ChunkTables.OrderItems] = 7, [ChunkTables.Payments] = 7, [ChunkTables.Deliveries] = 2,
        [ChunkTables.Reviews] = 2, [ChunkTables.Labels] = 2,
    };

    private async Task<ChunkFileWriter> WriteAsync(OutputFormat format, params ChunkData[] chunks)
    {
        var writer = ChunkFileWriter.Create(_directory, format);
        await using (writer)
        {
            foreach (var chunk in chunks) await writer.WriteAsync(chunk, CancellationToken.None);
        }
        return writer;
    }

    [Fact]
    public async Task Csv_has_one_file_per_table_with_the_header_once_and_every_row_appended()
    {
        var writer = await WriteAsync(OutputFormat.Csv, ThreeChunks());

        Assert.Equal(ExpectedRows, writer.RowsPerTable);
        foreach (var table in ChunkTables.InWriteOrder)
        {
            var path = Path.Combine(_directory, ChunkTables.ShortName(table) + ".csv");
            Assert.Equal(path, writer.Files[table]);
            var header = string.Join(',', ChunkTables.ColumnsOf(table));
            var lines = (await File.ReadAllTextAsync(path)).Split('\n');
            Assert.Equal(header, lines[0]);
            Assert.Single(lines, l => l == header);

            await using var csv = CsvReader.FromFile(path, ReadOptions);
            Assert.Equal(ChunkTables.ColumnsOf(table), csv.Headers);
            var records = 0;
            while (await csv.ReadAsync()) records++;
            Assert.Equal(ExpectedRows[table], records);
        }
    }

    [Fact]
    public async Task Csv_values_round_trip_in_invariant_culture_with_utc_timestamps()
    {
        await WriteAsync(OutputFormat.Csv, ThreeChunks());

        var customers = await ReadCsvAsync("customers.csv");
        Assert.Equal(IdSpace.Id(OutputSamples.RunId, 0, 0).ToString(), customers[0]["id"]);
        Assert.Equal("3", customers[0]["run_id"]);
        Assert.Equal("52998224725", customers[0]["cpf"]);
        Assert.Equal("+55 (19) 99876-5432", customers[0]["phone"]);
        Assert.Equal("2024-01-02T10:00:00.123456Z", customers[0]["signup_at"]);
        Assert.Equal("José D'Ávila, \"Zé\"", customers[1]["name"]);
        Assert.Equal("", customers[1]["run_id"]);
        Assert.Equal("", customers[1]["cpf"]);
        Assert.Equal("2024-01-05T10:30:00Z", customers[1]["signup_at"]);
        Assert.Equal(OutputSamples.World().Customers[1].SignupAt, DateTimeOffset.Parse(customers[1]["signup_at"], System.Globalization.CultureInfo.InvariantCulture));

        var products = await ReadCsvAsync("products.csv");
        Assert.Equal("59.90", products[0]["price"]);
        Assert.Equal("31.15", products[0]["cost"]);
        Assert.Equal("Relógio\ndigital", products[1]["name"]);
        Assert.Equal("", products[1]["cost"]);
        Assert.Equal("", products[1]["launched_at"]);

        var events = await ReadCsvAsync("market_events.csv");
        Assert.Equal(0.1 + 0.2, double.Parse(events[0]["intensity"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2024-01-24T23:59:59.999999Z", events[0]["ends_at"]);
        Assert.Equal("", events[0]["category"]);

        var orders = await ReadCsvAsync("orders.csv");
        Assert.Equal(5, orders.Count);
        Assert.Equal(
            [IdSpace.Id(3, 1, 0), IdSpace.Id(3, 1, 1), IdSpace.Id(3, 1, 2), IdSpace.Id(3, 2, 0), IdSpace.Id(3, 2, 1)],
            orders.Select(o => long.Parse(o["id"])));
        Assert.Equal("2024-01-01T12:00:05.25Z", orders[0]["purchased_at"]);
        Assert.Equal("2095.39", orders[0]["total"]);
        Assert.Equal("35.50", orders[0]["freight_total"]);
        Assert.Equal("2", orders[0]["item_count"]);
        Assert.Equal("", orders[1]["approved_at"]);
        Assert.Equal("", orders[1]["ship_zip_prefix"]);

        var deliveries = await ReadCsvAsync("deliveries.csv");
        Assert.Equal(["", ""], deliveries.Select(d => d["delivered_at"]));
        var reviews = await ReadCsvAsync("reviews.csv");
        Assert.Equal("Bom, mas \"demorou\"", reviews[0]["comment"]);
    }

    [Fact]
    public async Task Parquet_has_one_row_group_per_chunk_and_values_round_trip()
    {
        var writer = await WriteAsync(OutputFormat.Parquet, ThreeChunks());
        Assert.Equal(ExpectedRows, writer.RowsPerTable);

        foreach (var table in ChunkTables.InWriteOrder)
        {
            await using var reader = await ParquetReader.CreateAsync(writer.Files[table]);
            Assert.Equal(ChunkTables.ColumnsOf(table), reader.Schema.DataFields.Select(f => f.Name));
            var chunksWithRows = table is ChunkTables.Customers or ChunkTables.Sellers or ChunkTables.Products or ChunkTables.MarketEvents ? 1 : 2;
            Assert.Equal(chunksWithRows, reader.RowGroupCount);
            Assert.Equal(ExpectedRows[table], reader.RowGroups.Sum(g => g.RowCount));
        }

        await using (var orders = await ParquetReader.CreateAsync(writer.Files[ChunkTables.Orders]))
        {
            var fields = orders.Schema.DataFields.ToDictionary(f => f.Name);
            var first = orders.OpenRowGroupReader(0);
            Assert.Equal(3, first.RowCount);
            var ids = new long[3];
            await first.ReadAsync(fields["id"], ids.AsMemory());
            Assert.Equal([IdSpace.Id(3, 1, 0), IdSpace.Id(3, 1, 1), IdSpace.Id(3, 1, 2)], ids);
            var totals = new decimal[3];
            await first.ReadAsync(fields["total"], totals.AsMemory());
            Assert.Equal([2095.39m, 69.90m, 69.90m], totals);
            var purchased = new DateTime[3];
            await first.ReadAsync(fields["purchased_at"], purchased.AsMemory());
            Assert.Equal(OutputSamples.Utc(1, 1, 12, 0, 5, 250000).UtcDateTime, purchased[0]);
            var approved = new DateTime?[3];
            await first.ReadAsync(fields["approved_at"], approved.AsMemory());
            Assert.Equal(OutputSamples.Utc(1, 1, 12, 10, 5, 250000).UtcDateTime, approved[0]);
            Assert.Null(approved[1]);
            var zips = new string?[3];
            await first.ReadAsync(fields["ship_zip_prefix"], zips.AsMemory());
            Assert.Equal(new string?[] { "13010", null, null }, zips.AsEnumerable());
            var itemCounts = new short[3];
            await first.ReadAsync(fields["item_count"], itemCounts.AsMemory());
            Assert.Equal([(short)2, (short)1, (short)1], itemCounts);

            var second = orders.OpenRowGroupReader(1);
            var secondIds = new long[2];
            await second.ReadAsync(fields["id"], secondIds.AsMemory());
            Assert.Equal([IdSpace.Id(3, 2, 0), IdSpace.Id(3, 2, 1)], secondIds);
        }

        await using (var customers = await ParquetReader.CreateAsync(writer.Files[ChunkTables.Customers]))
        {
            var fields = customers.Schema.DataFields.ToDictionary(f => f.Name);
            var group = customers.OpenRowGroupReader(0);
            var runIds = new int?[2];
            await group.ReadAsync(fields["run_id"], runIds.AsMemory());
            Assert.Equal([3, null], runIds);
            var names = new string?[2];
            await group.ReadAsync(fields["name"], names.AsMemory());
            Assert.Equal(new string?[] { "Ana Souza", "José D'Ávila, \"Zé\"" }, names.AsEnumerable());
            var signups = new DateTime[2];
            await group.ReadAsync(fields["signup_at"], signups.AsMemory());
            Assert.Equal([OutputSamples.Utc(1, 2, 10, 0, 0, 123456).UtcDateTime, new DateTime(2024, 1, 5, 10, 30, 0)], signups);
        }

        await using (var events = await ParquetReader.CreateAsync(writer.Files[ChunkTables.MarketEvents]))
        {
            var fields = events.Schema.DataFields.ToDictionary(f => f.Name);
            var intensity = new double[1];
            await events.OpenRowGroupReader(0).ReadAsync(fields["intensity"], intensity.AsMemory());
            Assert.Equal(0.1 + 0.2, intensity[0]);
            Assert.IsType<DecimalDataField>(
                (await ParquetReader.ReadSchemaAsync(writer.Files[ChunkTables.Products])).DataFields.Single(f => f.Name == "price"));
        }
    }

    [Fact]
    public async Task Tables_a_run_never_filled_still_get_a_valid_empty_file()
    {
        await WriteAsync(OutputFormat.Parquet, OutputSamples.World());
        await using (var orders = await ParquetReader.CreateAsync(Path.Combine(_directory, "orders.parquet")))
        {
            Assert.Equal(0, orders.RowGroupCount);
            Assert.Equal(ChunkTables.OrderColumns, orders.Schema.DataFields.Select(f => f.Name));
        }

        Directory.Delete(_directory, recursive: true);
        await WriteAsync(OutputFormat.Csv, OutputSamples.World());
        Assert.Equal(string.Join(',', ChunkTables.LabelColumns) + "\n", await File.ReadAllTextAsync(Path.Combine(_directory, "labels.csv")));
    }

    private async Task<List<Dictionary<string, string>>> ReadCsvAsync(string file)
    {
        await using var csv = CsvReader.FromFile(Path.Combine(_directory, file), ReadOptions);
        var rows = new List<Dictionary<string, string>>();
        while (await csv.ReadAsync())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < csv.Headers.Count; i++) row[csv.Headers[i]] = csv.GetString(i);
            rows.Add(row);
        }
        return rows;
    }
}
