using System.Globalization;

namespace Ecom.Aspire.Web.Services;

/// <summary>pt-BR formatting used on every page: money, counts and dates (shown in America/Sao_Paulo).</summary>
public static class Formats
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    /// <summary>R$ 1.234,56</summary>
    public static string Money(decimal value) => value.ToString("C2", Culture);

    /// <summary>1.234.567</summary>
    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>31/12/2025 23:59 in São Paulo time, or a dash.</summary>
    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, SaoPaulo).ToString("dd/MM/yyyy HH:mm", Culture) : "—";

    /// <summary>31/12/2025 in São Paulo time, or a dash.</summary>
    public static string Date(DateTimeOffset? value) =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, SaoPaulo).ToString("dd/MM/yyyy", Culture) : "—";

    /// <summary>R$ 1.234,56, or a dash.</summary>
    public static string Money(decimal? value) => value is { } v ? Money(v) : "—";

    /// <summary>A share (0.1234 = 12,3 %), or a dash.</summary>
    public static string Percent(decimal? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToString("N" + decimals, Culture) + " %" : "—";

    /// <summary>A change already in percent, signed: +12,3 % / −4,0 %; a dash when there is none (previous 0).</summary>
    public static string Change(decimal? percent) =>
        percent is { } p ? (p > 0 ? "+" : p < 0 ? "−" : "") + Math.Abs(p).ToString("N1", Culture) + " %" : "—";

    /// <summary>A decimal number in pt-BR (1.234,5), or a dash.</summary>
    public static string Number(decimal? value, int decimals = 1) => value is { } v ? v.ToString("N" + decimals, Culture) : "—";

    /// <summary>A compact amount for chart axes: R$ 1,2 mi, R$ 35 mil, R$ 900.</summary>
    public static string CompactMoney(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => "R$ " + (value / 1_000_000).ToString("0.#", Culture) + " mi",
        >= 1_000 => "R$ " + (value / 1_000).ToString("0.#", Culture) + " mil",
        _ => "R$ " + value.ToString("0", Culture),
    };
}
