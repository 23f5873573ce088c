namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// How live mode produces orders. <see cref="OrdersPerSecond"/> is the rate of an ordinary moment; the retail
/// calendar and the hour of day scale it (Black Friday evening is far busier than a Tuesday at 4 am).
/// </summary>
public sealed record LiveModeSettings(double OrdersPerSecond = LiveModeSettings.DefaultOrdersPerSecond, long Seed = 42)
{
    public const double DefaultOrdersPerSecond = 3;
    public const double MaxOrdersPerSecond = 5000;
}

/// <summary>Live mode as the Api reports it.</summary>
public sealed record LiveModeStatus(int RunId, bool Paused, LiveModeSettings Settings, DateTimeOffset? Watermark, long OrdersProduced);
