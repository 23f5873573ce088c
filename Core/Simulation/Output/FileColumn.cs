using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace Ecom.Aspire.Core.Simulation.Output;

/// <summary>
/// One column of a table file: its database name, how one row's value goes into a CSV record, and how a chunk's
/// values go into a Parquet column chunk. A table is defined once (<see cref="FileTables"/>) for both formats.
/// </summary>
internal abstract class FileColumn<TRow>(string name)
{
    /// <summary>ISO-8601 UTC, microseconds (PostgreSQL's precision) when not zero: <c>2024-01-02T10:00:00Z</c>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    public string Name { get; } = name;

    public abstract void WriteCsv(CsvWriter csv, TRow row);

    /// <summary>A new Parquet field for this column (a schema attaches its fields, so each schema gets its own).</summary>
    public abstract DataField CreateField();

    public abstract Task WriteParquetAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<TRow> rows, CancellationToken ct);
}

/// <summary>A non-null value column (numbers, money, timestamps).</summary>
internal sealed class ValueColumn<TRow, T>(string name, Func<TRow, T> get, string csvFormat, Func<string, DataField> field)
    : FileColumn<TRow>(name)
    where T : struct, IUtf8SpanFormattable
{
    public override void WriteCsv(CsvWriter csv, TRow row) => csv.WriteField(get(row), csvFormat);

    public override DataField CreateField() => field(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = get(rows[i]);
        return group.WriteAsync(field, new ReadOnlyMemory<T>(values), cancellationToken: ct);
    }
}

/// <summary>A nullable value column; null is an empty CSV field and a Parquet null.</summary>
internal sealed class NullableValueColumn<TRow, T>(string name, Func<TRow, T?> get, string csvFormat, Func<string, DataField> field)
    : FileColumn<TRow>(name)
    where T : struct, IUtf8SpanFormattable
{
    public override void WriteCsv(CsvWriter csv, TRow row) => csv.WriteField(get(row), csvFormat);

    public override DataField CreateField() => field(Name);

    public override Task WriteParquetAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        var values = new T?[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = get(rows[i]);
        return group.WriteAsync(field, new ReadOnlyMemory<T?>(values), cancellationToken: ct);
    }
}

/// <summary>A text column (text and char(n) in the database).</summary>
internal sealed class TextColumn<TRow>(string name, Func<TRow, string?> get, bool nullable) : FileColumn<TRow>(name)
{
    public override void WriteCsv(CsvWriter csv, TRow row) => csv.WriteField(get(row));

    public override DataField CreateField() => new DataField<string>(Name, nullable);

    public override Task WriteParquetAsync(ParquetRowGroupWriter group, DataField field, IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        if (nullable)
        {
            var values = new ReadOnlyMemory<char>?[rows.Count];
            for (var i = 0; i < values.Length; i++)
            {
                // Not "s?.AsMemory() : null": null converts to an empty ReadOnlyMemory through char[], losing the null.
                if (get(rows[i]) is { } s) values[i] = s.AsMemory();
                else values[i] = null;
            }
            return group.WriteAsync(field, new ReadOnlyMemory<ReadOnlyMemory<char>?>(values), cancellationToken: ct);
        }
        var required = new ReadOnlyMemory<char>[rows.Count];
        for (var i = 0; i < required.Length; i++)
        {
            required[i] = (get(rows[i]) ?? throw new InvalidOperationException($"column {Name} is null in row {i}")).AsMemory();
        }
        return group.WriteAsync(field, new ReadOnlyMemory<ReadOnlyMemory<char>>(required), cancellationToken: ct);
    }
}

/// <summary>Column constructors by database type.</summary>
internal static class Col
{
    private const string Money = "F2";

    public static FileColumn<TRow> BigInt<TRow>(string name, Func<TRow, long> get) =>
        new ValueColumn<TRow, long>(name, get, "", n => new DataField<long>(n, false));

    public static FileColumn<TRow> BigInt<TRow>(string name, Func<TRow, long?> get) =>
        new NullableValueColumn<TRow, long>(name, get, "", n => new DataField<long>(n, true));

    public static FileColumn<TRow> Int<TRow>(string name, Func<TRow, int> get) =>
        new ValueColumn<TRow, int>(name, get, "", n => new DataField<int>(n, false));

    public static FileColumn<TRow> Int<TRow>(string name, Func<TRow, int?> get) =>
        new NullableValueColumn<TRow, int>(name, get, "", n => new DataField<int>(n, true));

    public static FileColumn<TRow> SmallInt<TRow>(string name, Func<TRow, short> get) =>
        new ValueColumn<TRow, short>(name, get, "", n => new DataField<short>(n, false));

    /// <summary>double precision; CSV has the shortest text that round-trips.</summary>
    public static FileColumn<TRow> Double<TRow>(string name, Func<TRow, double> get) =>
        new ValueColumn<TRow, double>(name, get, "", n => new DataField<double>(n, false));

    /// <summary>numeric(12,2): rounded to cents as PostgreSQL would, "59.90" in CSV, decimal(12,2) in Parquet.</summary>
    public static FileColumn<TRow> Numeric<TRow>(string name, Func<TRow, decimal> get) =>
        new ValueColumn<TRow, decimal>(name, r => Cents(get(r)), Money, n => new DecimalDataField(n, 12, 2, isNullable: false));

    public static FileColumn<TRow> Numeric<TRow>(string name, Func<TRow, decimal?> get) =>
        new NullableValueColumn<TRow, decimal>(name, r => get(r) is { } v ? Cents(v) : null, Money,
            n => new DecimalDataField(n, 12, 2, isNullable: true));

    /// <summary>timestamptz: UTC, ISO-8601 in CSV, TIMESTAMP(MICROS, UTC) in Parquet.</summary>
    public static FileColumn<TRow> Timestamp<TRow>(string name, Func<TRow, DateTimeOffset> get) =>
        new ValueColumn<TRow, DateTime>(name, r => get(r).UtcDateTime, FileColumn<TRow>.TimestampFormat, n => TimestampField(n, false));

    public static FileColumn<TRow> Timestamp<TRow>(string name, Func<TRow, DateTimeOffset?> get) =>
        new NullableValueColumn<TRow, DateTime>(name, r => get(r)?.UtcDateTime, FileColumn<TRow>.TimestampFormat, n => TimestampField(n, true));

    public static FileColumn<TRow> Text<TRow>(string name, Func<TRow, string> get) => new TextColumn<TRow>(name, get, nullable: false);

    public static FileColumn<TRow> NullableText<TRow>(string name, Func<TRow, string?> get) => new TextColumn<TRow>(name, get, nullable: true);

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static DataField TimestampField(string name, bool nullable) =>
        new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: nullable);
}
