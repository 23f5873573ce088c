using Ecom.Aspire.Web.Components.Pages;

namespace Ecom.Aspire.Web.Tests;

public sealed class OverviewPageTests
{
    private const string Populated = """
        {"tables":[{"schema":"shop","table":"customers","rows":50000},{"schema":"shop","table":"orders","rows":1234567},
        {"schema":"shop","table":"products","rows":3000},{"schema":"shop","table":"sellers","rows":800}],
        "orders":1234567,"firstOrderAt":"2024-01-01T03:00:00Z","lastOrderAt":"2025-12-31T23:59:00Z","runs":1,
        "computedAt":"2026-01-01T12:00:00Z"}
        """;

    [Fact]
    public async Task Shows_counts_and_dates_in_pt_BR_formats()
    {
        var api = StubApi.Json(Populated);
        await using var ctx = api.CreateContext();

        var page = ctx.Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("1.234.567", page.Find("[data-testid=tile-orders]").TextContent));
        Assert.Contains("50.000", page.Find("[data-testid=tile-customers]").TextContent);
        Assert.Contains("01/01/2024 00:00", page.Find("[data-testid=tile-first-order]").TextContent);
        Assert.Contains("31/12/2025 20:59", page.Find("[data-testid=tile-last-order]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=database-empty]"));
        Assert.Single(api.Paths, "/api/overview");
    }

    [Fact]
    public async Task An_empty_database_says_to_start_a_simulation()
    {
        await using var ctx = StubApi.Json("""{"tables":[],"orders":0,"firstOrderAt":null,"lastOrderAt":null,"runs":0,"computedAt":"2026-01-01T12:00:00Z"}""").CreateContext();

        var page = ctx.Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("No data yet: start a simulation", page.Find("[data-testid=database-empty]").TextContent));
    }

    [Fact]
    public async Task An_unreachable_Api_is_shown_as_an_error_with_a_retry()
    {
        await using var ctx = StubApi.Unreachable().CreateContext();

        var page = ctx.Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("The Api could not be reached", page.Find("[data-testid=api-error]").TextContent));
        Assert.Contains("Try again", page.Find("[data-testid=api-error]").TextContent);
    }
}
