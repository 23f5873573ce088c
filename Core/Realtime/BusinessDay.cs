namespace Ecom.Aspire.Core.Realtime;

/// <summary>
/// Business days are calendar days in America/Sao_Paulo (DESIGN.md section 3): an order placed at 01:30 UTC on the
/// 2nd belongs to the 1st (22:30 in São Paulo).
/// </summary>
public static class BusinessDay
{
    public static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, SaoPaulo).DateTime);

    /// <summary>The UTC instants [start, end) of a business day.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Bounds(DateOnly day) => (StartOf(day), StartOf(day.AddDays(1)));

    private static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, SaoPaulo.GetUtcOffset(local)).ToUniversalTime();
    }
}
