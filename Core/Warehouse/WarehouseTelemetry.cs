using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>Activities and meters of the warehouse loads (exported by ServiceDefaults: "Ecom.Aspire.*").</summary>
public static class WarehouseTelemetry
{
    public const string Name = "Ecom.Aspire.Warehouse";

    public static readonly ActivitySource ActivitySource = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> EtlDuration =
        Meter.CreateHistogram<double>("ecom.warehouse.etl_duration", "s", "Wall time of one warehouse load");
    public static readonly Counter<long> FactRowsLoaded =
        Meter.CreateCounter<long>("ecom.warehouse.fact_rows_loaded", "{row}", "Order-item rows written to dw.fact_sales");
    public static readonly Counter<long> DaysReloaded =
        Meter.CreateCounter<long>("ecom.warehouse.days_reloaded", "{day}", "Business days reloaded into the warehouse");
}
