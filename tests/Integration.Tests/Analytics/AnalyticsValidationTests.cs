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
    }
}
