using System.Globalization;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>How a warehouse load ran.</summary>
public enum EtlMode
{
    /// <summary>Only the business days that changed since the last load were reloaded.</summary>
    Incremental,

    /// <summary>Everything was rebuilt from the shop.</summary>
    Full,
}

/// <summary>What one warehouse load did.</summary>
/// <param name="Mode">Incremental or full.</param>
/// <param name="Reason">Why a full rebuild ran (asked for, first load, an import); "changes" for an incremental load.</param>
/// <param name="Days">Business days reloaded.</param>
/// <param name="FirstDay">First business day reloaded; null when none was.</param>
/// <param name="LastDay">Last business day reloaded; null when none was.</param>
/// <param name="Rows">Fact rows (order items) written.</param>
/// <param name="Seconds">Wall time of the load.</param>
/// <param name="Version">dw.etl_state.version after the load: it grows whenever a load rewrites warehouse data.</param>
public sealed record EtlResult(EtlMode Mode, string Reason, int Days, DateOnly? FirstDay, DateOnly? LastDay, long Rows, double Seconds, long Version)
{
    public string ModeName => Mode == EtlMode.Full ? "full" : "incremental";

    /// <summary>The one result line of the <c>etl</c> command.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"etl: mode={ModeName} days={Days} rows={Rows} seconds={Seconds:F2}");
}
