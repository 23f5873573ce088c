using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>Activities and meters of history simulations (exported by ServiceDefaults: "Ecom.Aspire.*").</summary>
public static class SimulationTelemetry
{
    public const string Name = "Ecom.Aspire.Simulation";

    public static readonly ActivitySource ActivitySource = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> RowsWritten =
        Meter.CreateCounter<long>("ecom.simulation.rows_written", "{row}", "Rows a history simulation wrote (all tables)");
    public static readonly Counter<long> OrdersWritten =
        Meter.CreateCounter<long>("ecom.simulation.orders_written", "{order}", "Orders a history simulation wrote");
    public static readonly Histogram<double> GenerateDuration =
        Meter.CreateHistogram<double>("ecom.simulation.chunk_generate_duration", "s", "Time to generate one chunk in memory");
    public static readonly Histogram<double> WriteDuration =
        Meter.CreateHistogram<double>("ecom.simulation.chunk_write_duration", "s", "Time to replace one chunk's rows in PostgreSQL (delete, COPY, commit)");
    public static readonly Counter<long> ChunkFailures =
        Meter.CreateCounter<long>("ecom.simulation.chunk_failures", "{chunk}", "Chunks that failed (they are retried)");
}
