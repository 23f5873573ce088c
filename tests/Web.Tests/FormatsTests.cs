using Ecom.Aspire.Web.Services;

namespace Ecom.Aspire.Web.Tests;

public sealed class FormatsTests
{
    [Fact]
    public void Money_is_in_reais_with_pt_BR_separators() =>
        Assert.Equal("R$ 1.234,56", Formats.Money(1234.56m).Replace('\u00a0', ' '));

    [Fact]
    public void Counts_use_dots_for_thousands() => Assert.Equal("1.234.567", Formats.Count(1234567));

    [Fact]
    public void Dates_are_shown_in_Sao_Paulo_time() =>
        Assert.Equal("29/11/2024 21:30", Formats.DateTime(new DateTimeOffset(2024, 11, 30, 0, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void A_missing_date_is_a_dash() => Assert.Equal("—", Formats.Date(null));
}
