using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Business days are calendar days in America/Sao_Paulo (DESIGN.md section 3): an order placed at 01:30 UTC on the
/// 2nd belongs to the 1st (22:30 in São Paulo). The arithmetic is <see cref="SaoPauloTime"/>'s, shared with the simulation.
/// </summary>
public static class BusinessDay
{
    public static TimeZoneInfo SaoPaulo => SaoPauloTime.Zone;

    public static DateOnly Of(DateTimeOffset instant) => SaoPauloTime.DateOf(instant);

    /// <summary>The UTC instants [start, end) of a business day.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly day) =>
        (SaoPauloTime.StartOfDay(day), SaoPauloTime.StartOfDay(day.AddDays(1)));
}
