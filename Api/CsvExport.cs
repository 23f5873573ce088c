using CsvHelper;

namespace Ecom.Aspire.Api;

/// <summary>
/// Tables as CSV (<c>?format=csv</c>): RFC 4180, comma-separated, invariant culture (dots for decimals, ISO dates),
/// UTF-8, served as an attachment so a browser downloads it.
/// </summary>
public static class CsvExport
{
    public const string Format = "csv";

    /// <summary>True when the caller asked for CSV; a format other than json or csv is a validation error.</summary>
    public static bool Wants(string? format, out IDictionary<string, string[]>? error)
    {
        error = null;
        if (format is null || format.Equals("json", StringComparison.OrdinalIgnoreCase)) return false;
        if (format.Equals(Format, StringComparison.OrdinalIgnoreCase)) return true;
        error = new Dictionary<string, string[]> { ["format"] = [$"format must be 'json' or 'csv' (got '{(format.Length > 20 ? format[..20] + "…" : format)}')."] };
        return false;
    }

    public static IResult File<T>(IEnumerable<T> rows, string name) => TypedResults.Stream(async stream =>
    {
        await using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true);
        await csv.WriteRecordsAsync(rows);
    }, "text/csv; charset=utf-8", $"{name}.csv");
}
