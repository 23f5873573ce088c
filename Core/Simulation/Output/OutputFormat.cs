namespace Ecom.Aspire.Core.Simulation.Output;

/// <summary>File format of <c>simulate --out DIR --format ...</c>: one file per table.</summary>
public enum OutputFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, header row once, invariant culture, ISO-8601 UTC timestamps.</summary>
    Csv,
    /// <summary>Apache Parquet, one row group per chunk per table, timestamps as UTC microseconds, money as decimal(12,2).</summary>
    Parquet,
}
