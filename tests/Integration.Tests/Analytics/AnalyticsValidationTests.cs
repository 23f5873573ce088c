using System.Net;
using System.Text.Json;
using Ecom.Aspire.Core.Analytics;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>Every bad query value of the analytics endpoints is a 400 ValidationProblem naming the parameter, never a 500.</summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsValidationTests(ServersFixture servers)
{
    /// <summary>URL, the parameter the problem must name, and words its message must hold.</summary>
    private static readonly (string Url, string Parameter, string Says)[] Cases =
    [
        ("/api/analytics/finance?from=2024-02-30&to=2024-03-01", "from", "yyyy-MM-dd"),
        ("/api/analytics/finance?from=yesterday", "from", "yyyy-MM-dd"),
        ("/api/analytics/trends?to=01/03/2024", "to", "yyyy-MM-dd"),
        ("/api/analytics/finance?from=2024-03-02&to=2024-03-01", "from", "after to"),
        ("/api/analytics/geography?from=1999-12-31&to=2000-01-05", "from", "2000-01-01"),
        ("/api/analytics/delivery?from=2000-01-01&to=2010-01-01", "to", "10 years"),
        ("/api/analytics/finance?from=2024-02-29&to=2024-03-01&state=XX", "state", "SP"),
        ("/api/analytics/geography?state=S%C3%83O", "state", "27 UF codes"),
        ("/api/analytics/products/top?category=no_such_category", "category", "not the category"),
        ("/api/analytics/delivery?category=watches_gifts", "category", "not a filter"),
        ("/api/analytics/trends?granularity=hour", "granularity", "day, week, month"),
        ("/api/analytics/products/top?limit=0", "limit", "1 to 100"),
        ("/api/analytics/products/top?limit=1000", "limit", "1 to 100"),
        ("/api/analytics/products/top?limit=ten", "limit", "1 to 100"),
        ("/api/analytics/finance?format=xml", "format", "csv"),
        ("/api/analytics/products/lifecycle?stage=launch", "stage", "Introduction, Growth, Maturity, Decline, Inactive"),
        ("/api/analytics/products/lifecycle?limit=501", "limit", "1 to 500"),
        ("/api/analytics/products/lifecycle?category=no_such_category", "category", "not the category"),
        ("/api/analytics/products/lifecycle?format=xlsx", "format", "csv"),
        ("/api/analytics/products/cross-sell?level=brand", "level", "category, product"),
        ("/api/analytics/products/cross-sell?minSupport=1.5", "minSupport", "from 0 to 1"),
        ("/api/analytics/products/cross-sell?minSupport=0,1", "minSupport", "'.' for decimals"),
        ("/api/analytics/products/cross-sell?minSupport=-0.1", "minSupport", "from 0 to 1"),
        ("/api/analytics/products/cross-sell?state=SP", "state", "not a filter"),
        ("/api/analytics/products/cross-sell?category=watches_gifts", "category", "not a filter"),
        ("/api/analytics/products/cross-sell?limit=101", "limit", "1 to 100"),
        ("/api/analytics/products/cross-sell?from=2024-03-02&to=2024-03-01", "from", "after to"),
        ("/api/analytics/sellers/ranking?minOrders=0", "minOrders", "1 to 100000"),
        ("/api/analytics/sellers/ranking?limit=many", "limit", "1 to 100"),
        ("/api/analytics/sellers/ranking?category=watches_gifts", "category", "not a filter"),
        ("/api/analytics/sellers/ranking?state=XX", "state", "27 UF codes"),
        ("/api/analytics/sellers/ranking?from=2024-13-01", "from", "yyyy-MM-dd"),
        ("/api/analytics/customers/clv?state=ZZ", "state", "27 UF codes"),
        ("/api/analytics/customers/clv?limit=-1", "limit", "1 to 100"),
        ("/api/analytics/customers/clv?format=pdf", "format", "csv"),
        ("/api/analytics/delivery?sellerLimit=5000", "sellerLimit", "1 to 1000"),
    ];

    [Fact]
    public async Task Bad_values_are_400_problems_that_name_the_parameter_and_what_is_allowed()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_validation");
        var failures = new List<string>();
        foreach (var (url, parameter, says) in Cases)
        {
            var response = await warehouse.Client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{url}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {body}");
                continue;
            }
            using var problem = JsonDocument.Parse(body);
            if (!problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages))
            {
                failures.Add($"{url}: no error for {parameter}: {body}");
                continue;
            }
            var message = string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
            if (!message.Contains(says, StringComparison.Ordinal)) failures.Add($"{url}: '{message}' does not say '{says}'");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Without_dates_the_period_is_the_30_days_ending_on_the_latest_day_with_sales()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_defaults");

        var finance = await warehouse.GetAsync<FinanceAnswer>("/api/analytics/finance");
        Assert.Equal(new AnalyticsPeriod(new(2024, 2, 1), new(2024, 3, 1)), finance.Period);
        Assert.Equal(537.90m, finance.Current.Revenue);

        // The longest period allowed (10 years less a day) and the earliest day are accepted.
        var longest = await warehouse.GetAsync<TrendAnswer>("/api/analytics/trends?from=2000-01-01&to=2009-12-31&granularity=month");
        Assert.Equal(120, longest.Points.Count);
    }

    [Fact]
    public void A_period_is_checked_and_its_previous_period_has_the_same_length()
    {
        Assert.Null(AnalyticsPeriod.Problem(new(2024, 1, 1), new(2024, 1, 1)));
        Assert.Equal("from", AnalyticsPeriod.Problem(new(2024, 1, 2), new(2024, 1, 1))?.Parameter);
        Assert.Equal("to", AnalyticsPeriod.Problem(new(2014, 1, 1), new(2024, 1, 1))?.Parameter);
        Assert.Null(AnalyticsPeriod.Problem(new(2014, 1, 2), new(2024, 1, 1)));
        Assert.Equal(new AnalyticsPeriod(new(2024, 2, 1), new(2024, 2, 29)), new AnalyticsPeriod(new(2024, 3, 1), new(2024, 3, 29)).PreviousPeriod());
        Assert.Equal(27, AnalyticsFilter.StateCodes.Count);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_analytics_endpoint_with_its_parameters()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_openapi");

        using var document = JsonDocument.Parse(await warehouse.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        string[] endpoints =
        [
            "/api/analytics/finance", "/api/analytics/trends", "/api/analytics/geography", "/api/analytics/delivery",
            "/api/analytics/products/top", "/api/analytics/customers/cohorts", "/api/analytics/customers/rfm",
        ];
        foreach (var endpoint in endpoints)
        {
            Assert.True(paths.TryGetProperty(endpoint, out var path), endpoint);
            var get = path.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), endpoint);
            Assert.Contains("yyyy-MM-dd", get.GetProperty("description").GetString());
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.Contains("from", parameters);
            Assert.Contains("to", parameters);
            Assert.Contains("format", parameters);
        }

        // Answers without a period (lifecycle, CLV) and the cross-selling and seller parameters.
        (string Endpoint, string[] Parameters)[] others =
        [
            ("/api/analytics/products/lifecycle", ["category", "stage", "limit", "format"]),
            ("/api/analytics/products/cross-sell", ["from", "to", "level", "minSupport", "limit", "format"]),
            ("/api/analytics/sellers/ranking", ["from", "to", "state", "minOrders", "limit", "format"]),
            ("/api/analytics/customers/clv", ["state", "limit", "format"]),
        ];
        foreach (var (endpoint, expected) in others)
        {
            Assert.True(paths.TryGetProperty(endpoint, out var path), endpoint);
            var get = path.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), endpoint);
            Assert.Contains("Example: /api/analytics/", get.GetProperty("description").GetString());
            var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.All(expected, p => Assert.Contains(p, parameters));
        }
        Assert.Contains("sellerLimit", paths.GetProperty("/api/analytics/delivery").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }
}
