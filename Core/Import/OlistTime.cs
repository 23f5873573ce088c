using System.Globalization;

namespace Ecom.Aspire.Core.Import;

/// <summary>
/// Olist's timestamps: <c>yyyy-MM-dd HH:mm:ss</c>, wall-clock time in Brazil, read as America/Sao_Paulo and stored in
/// UTC. Brazil had daylight saving time until 2019 (Olist covers 2016 to 2018): a local time that does not exist (the
/// hour skipped when the clocks moved forward at midnight) or that exists twice (the hour repeated when they moved
/// back) is read as standard time, UTC−03:00.
/// </summary>
internal static class OlistTime
{
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    private static readonly TimeSpan StandardOffset = TimeSpan.FromHours(-3);

    public static bool TryParse(string text, out DateTimeOffset utc)
    {
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            utc = default;
            return false;
        }
        // GetUtcOffset reads an ambiguous time as standard time already; a skipped time has no offset of its own.
        var offset = SaoPaulo.IsInvalidTime(local) || SaoPaulo.IsAmbiguousTime(local) ? StandardOffset : SaoPaulo.GetUtcOffset(local);
        utc = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    /// <summary>The business day (calendar day in São Paulo) of an instant.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, SaoPaulo).DateTime);
}
