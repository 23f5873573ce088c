namespace Ecom.Aspire.Core.Simulation;

/// <summary>Business days are calendar days in America/Sao_Paulo; instants are stored in UTC.</summary>
internal static class SaoPauloTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>The UTC instant of local midnight starting <paramref name="day"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Before 2019 Brazil had daylight saving time starting at midnight: that midnight does not exist, the day starts at 01:00.
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateTime LocalOf(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}
