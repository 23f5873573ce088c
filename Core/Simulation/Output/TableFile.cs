using CsvHelper;
using Parquet;
using Parquet.Schema;

namespace Ecom.Aspire.Core.Simulation.Output;

/// <summary>One open output file of one table, appended chunk after chunk.</summary>
internal abstract class TableFile : IAsyncDisposable
{
    public abstract string Path { get; }

    /// <summary>Completes and closes the file.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>Closes the file without completing it (when the writer could not be created whole).</summary>
    public abstract void Abort();
}

/// <inheritdoc cref="TableFile"/>
internal abstract class TableFile<TRow> : TableFile
{
    /// <summary>Appends a chunk's rows of the table (nothing for none).</summary>
    public abstract Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken ct);

    public static TableFile<TRow> Open(string path, FileTable<TRow> table, OutputFormat format) => format switch
    {
        OutputFormat.Csv => new CsvTableFile<TRow>(path, table),
        OutputFormat.Parquet => new ParquetTableFile<TRow>(path, table),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}

/// <summary>RFC 4180 CSV, UTF-8 without BOM, "\n" line ends, the header once (when the file is created).</summary>
internal sealed class CsvTableFile<TRow> : TableFile<TRow>
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n" };

    private const int CancellationCheckMask = 1023;
    private readonly FileColumn<TRow>[] _columns;
    private readonly CsvWriter _csv;

    public CsvTableFile(string path, FileTable<TRow> table)
    {
        Path = path;
        _columns = [.. table.Columns];
        _csv = CsvWriter.ToFile(path, Options);
        try
        {
            _csv.WriteHeader([.. _columns.Select(c => c.Name)]);
        }
        catch
        {
            _csv.Dispose();
            throw;
        }
    }

    public override string Path { get; }

    public override async Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var columns = _columns;
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & CancellationCheckMask) == CancellationCheckMask) ct.ThrowIfCancellationRequested();
            var row = rows[i];
            for (var c = 0; c < columns.Length; c++) columns[c].WriteCsv(_csv, row);
            await _csv.EndRecordAsync(ct);
        }
        await _csv.FlushAsync(ct);
    }

    public override ValueTask DisposeAsync() => _csv.DisposeAsync();

    public override void Abort() => _csv.Dispose();
}

/// <summary>
/// Parquet with the table's schema; each non-empty chunk is one row group. The writer stays open across chunks and
/// writes the footer when disposed; a table that got no rows still becomes a valid file with its schema.
/// </summary>
internal sealed class ParquetTableFile<TRow> : TableFile<TRow>
{
    private readonly FileColumn<TRow>[] _columns;
    private readonly DataField[] _fields;
    private readonly ParquetSchema _schema;
    private readonly FileStream _stream;
    private ParquetWriter? _writer;

    public ParquetTableFile(string path, FileTable<TRow> table)
    {
        Path = path;
        _columns = [.. table.Columns];
        _fields = [.. _columns.Select(c => c.CreateField())];
        _schema = new ParquetSchema(_fields);
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 1 << 16, useAsync: true);
    }

    public override string Path { get; }

    public override async Task WriteAsync(IReadOnlyList<TRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var writer = await WriterAsync(ct);
        using var group = writer.CreateRowGroup();
        for (var c = 0; c < _columns.Length; c++)
        {
            await _columns[c].WriteParquetAsync(group, _fields[c], rows, ct);
        }
        group.CompleteValidate();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            var writer = _writer ?? await WriterAsync(CancellationToken.None);
            await writer.DisposeAsync();
        }
        finally
        {
            await _stream.DisposeAsync();
        }
    }

    public override void Abort() => _stream.Dispose();

    private async Task<ParquetWriter> WriterAsync(CancellationToken ct) =>
        _writer ??= await ParquetWriter.CreateAsync(_schema, _stream, cancellationToken: ct);
}
