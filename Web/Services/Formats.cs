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
}
