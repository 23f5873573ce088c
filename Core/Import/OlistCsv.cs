using System.Globalization;
using CsvHelper;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Import;

/// <summary>
/// One Olist file read with CsvHelper, record by record, with typed field readers that reject what they cannot read
/// with the file, the line and the reason (<see cref="OlistImportException"/>). The header must hold every required
/// column; every record must have as many fields as the header; quoting must be well formed (RFC 4180: quoted fields
/// may hold separators and line breaks).
/// </summary>
internal sealed class OlistCsv : IDisposable
{
    /// <summary>Largest value of numeric(12,2).</summary>
    private const decimal MaxMoney = 9_999_999_999.99m;

    private static readonly HashSet<string> Ufs = [.. BrazilGeography.States.Select(s => s.Uf)];

    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;
    private readonly int _headerFields;
    private CsvMalformedRecord? _malformed;

    public string File { get; }

    /// <summary>The line where the current record starts (1 is the header).</summary>
    public long Line { get; private set; } = 1;

    private OlistCsv(string directory, string file)
    {
        File = file;
        var options = new CsvReaderOptions
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
            PoolStrings = true,
            OnMalformedRecord = record => _malformed ??= record,
        };
        _reader = CsvReader.FromFile(Path.Combine(directory, file), options);
        string[] headers;
        try
        {
            headers = [.. _reader.Headers];
        }
        catch (CsvFormatException e)
        {
            _reader.Dispose();
            throw Fail($"malformed header: {e.Message}");
        }
        if (headers.Length == 0 || headers.All(h => h.Length == 0))
        {
            _reader.Dispose();
            throw Fail("no header line (the file is empty)");
        }
        _headerFields = headers.Length;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Length; i++) _columns.TryAdd(headers[i].Trim(), i);
        var missing = OlistFiles.RequiredColumns(file).Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            _reader.Dispose();
            throw Fail(missing.Count == 1 ? $"missing column {missing[0]}" : $"missing columns {string.Join(", ", missing)}");
        }
    }

    public static OlistCsv Open(string directory, string file) => new(directory, file);

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    public bool Read()
    {
        bool more;
        try
        {
            more = _reader.Read();
        }
        catch (CsvFormatException e)
        {
            if (e.LineNumber > 0) Line = e.LineNumber;
            throw Fail($"malformed CSV: {e.Message}");
        }
        if (_malformed is { } bad)
        {
            Line = bad.LineNumber;
            throw Fail($"malformed CSV: {Describe(bad.Reason)}");
        }
        if (!more) return false;
        Line = _reader.LineNumber;
        if (_reader.FieldCount != _headerFields) throw Fail($"{_reader.FieldCount} fields where the header has {_headerFields}");
        return true;
    }

    /// <summary>The field as written (quotes removed), "" when empty.</summary>
    public string Raw(string column) => _reader.GetString(_columns[column]);

    public string? Optional(string column) => Raw(column) is { Length: > 0 } value ? value : null;

    public string Required(string column) => Raw(column) is { Length: > 0 } value ? value : throw Fail($"{column} is empty");

    /// <summary>An Olist id: 32 hexadecimal characters.</summary>
    public string Id(string column)
    {
        var value = Required(column);
        if (value.Length != 32 || !value.All(char.IsAsciiHexDigit)) throw Fail($"{column} '{value}' is not a 32-character hexadecimal id");
        return value;
    }

    public DateTimeOffset Timestamp(string column) => ParseTimestamp(column, Required(column));

    public DateTimeOffset? OptionalTimestamp(string column) => Optional(column) is { } value ? ParseTimestamp(column, value) : null;

    /// <summary>A non-negative amount in BRL with at most two decimals that fits numeric(12,2).</summary>
    public decimal Money(string column)
    {
        var text = Required(column);
        var value = ParseNumber(column, text);
        if (value < 0) throw Fail($"{column} '{text}' is negative");
        if (value != decimal.Round(value, 2)) throw Fail($"{column} '{text}' has more than 2 decimals");
        if (value > MaxMoney) throw Fail($"{column} '{text}' is too large (at most {MaxMoney.ToString(CultureInfo.InvariantCulture)})");
        return value;
    }

    /// <summary>A whole number in [min, max]; "225.0" reads as 225 (Olist's product sizes are written both ways).</summary>
    public int Integer(string column, int min, int max) => ParseInteger(column, Required(column), min, max);

    public int? OptionalInteger(string column, int min, int max) =>
        Optional(column) is { } text ? ParseInteger(column, text, min, max) : null;

    /// <summary>A UF code ("SP").</summary>
    public string State(string column)
    {
        var value = Required(column);
        return Ufs.Contains(value) ? value : throw Fail($"{column} '{value}' is not a Brazilian state (UF)");
    }

    /// <summary>
    /// The first five digits of a CEP. Olist's files have them as text ("01310") or as numbers that lost their leading
    /// zeros (1310): both read as "01310".
    /// </summary>
    public string ZipPrefix(string column)
    {
        var value = Required(column);
        if (value.Length > 5 || !value.All(char.IsAsciiDigit)) throw Fail($"{column} '{value}' is not a CEP prefix (1 to 5 digits)");
        return value.PadLeft(5, '0');
    }

    public OlistImportException Fail(string reason) => new($"{File} line {Line}: {reason}");

    public void Dispose() => _reader.Dispose();

    private DateTimeOffset ParseTimestamp(string column, string text) =>
        OlistTime.TryParse(text, out var utc) ? utc : throw Fail($"{column} '{text}' is not a date and time ({OlistTime.Format})");

    private decimal ParseNumber(string column, string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail($"{column} '{text}' is not a number");

    private int ParseInteger(string column, string text, int min, int max)
    {
        var value = ParseNumber(column, text);
        if (value != decimal.Truncate(value)) throw Fail($"{column} '{text}' is not a whole number");
        if (value < min || value > max) throw Fail($"{column} '{text}' is not between {min} and {max}");
        return (int)value;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => "a record with a different number of fields",
        _ => reason.ToString(),
    };
}
