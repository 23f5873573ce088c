using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>The Api refused a query (400 with a ProblemDetails): <see cref="Exception.Message"/> says why, in the Api's words.</summary>
public sealed class ApiProblemException(string message, HttpStatusCode status) : HttpRequestException(message, null, status);

// /api/analytics/...: every call takes the shared filter; the answers are declared in AnalyticsModels.cs.
public sealed partial class EcomApiClient
{
    /// <summary>The analytics paths whose tables the Web may download as CSV (through <see cref="GetCsvAsync"/>).</summary>
    public static readonly IReadOnlySet<string> CsvPaths = new HashSet<string>(StringComparer.Ordinal)
    {
        "finance", "trends", "geography", "delivery", "products/top", "products/lifecycle", "products/cross-sell",
        "customers/cohorts", "customers/rfm", "customers/clv", "sellers/ranking",
    };

    public Task<FinanceAnswer> GetFinanceAsync(DashboardFilter filter, CancellationToken ct = default) =>
        GetAnalyticsAsync<FinanceAnswer>("finance", filter.ApiQuery(), ct);

    /// <param name="granularity">day, week or month.</param>
    public Task<TrendAnswer> GetTrendsAsync(DashboardFilter filter, string granularity, CancellationToken ct = default) =>
        GetAnalyticsAsync<TrendAnswer>("trends", Join(filter.ApiQuery(), "granularity=" + granularity), ct);

    public Task<GeographyAnswer> GetGeographyAsync(DashboardFilter filter, CancellationToken ct = default) =>
        GetAnalyticsAsync<GeographyAnswer>("geography", filter.ApiQuery(), ct);

    /// <summary>Delivery figures have no category: the category of the filter is not sent.</summary>
    public Task<DeliveryAnswer> GetDeliveryAsync(DashboardFilter filter, CancellationToken ct = default) =>
        GetAnalyticsAsync<DeliveryAnswer>("delivery", filter.ApiQuery(withCategory: false), ct);

    public Task<TopProductsAnswer> GetTopProductsAsync(DashboardFilter filter, int limit, CancellationToken ct = default) =>
        GetAnalyticsAsync<TopProductsAnswer>("products/top", Join(filter.ApiQuery(), $"limit={limit}"), ct);

    /// <summary>Cohorts are made of customers: the category of the filter is not sent.</summary>
    public Task<CohortAnswer> GetCohortsAsync(DashboardFilter filter, CancellationToken ct = default) =>
        GetAnalyticsAsync<CohortAnswer>("customers/cohorts", filter.ApiQuery(withCategory: false), ct);

    public Task<RfmAnswer> GetRfmAsync(DashboardFilter filter, CancellationToken ct = default) =>
        GetAnalyticsAsync<RfmAnswer>("customers/rfm", filter.ApiQuery(), ct);

    /// <summary>Lifetime figures as of the last ETL load: no period, no category; the state is the customer's.</summary>
    public Task<ClvAnswer> GetClvAsync(DashboardFilter filter, int limit, CancellationToken ct = default) =>
        GetAnalyticsAsync<ClvAnswer>("customers/clv",
            Join(filter.State is { } s ? "state=" + Uri.EscapeDataString(s) : "", $"limit={limit}"), ct);

    /// <summary>The lifecycle is computed once by the ETL as of the last complete month: only the category applies.</summary>
    public Task<ProductLifecycleAnswer> GetProductLifecycleAsync(string? category, int limit, CancellationToken ct = default) =>
        GetAnalyticsAsync<ProductLifecycleAnswer>("products/lifecycle",
            Join(category is null ? "" : "category=" + Uri.EscapeDataString(category), $"limit={limit}"), ct);

    /// <summary>Cross-selling pairs have no state or category filter: only the period is sent.</summary>
    public Task<CrossSellAnswer> GetCrossSellAsync(DashboardFilter filter, string level, int limit, CancellationToken ct = default) =>
        GetAnalyticsAsync<CrossSellAnswer>("products/cross-sell",
            Join(filter.ApiQuery(withCategory: false, withState: false), $"level={level}&limit={limit}"), ct);

    /// <summary>Seller figures have no category: the category of the filter is not sent.</summary>
    public Task<SellerRankingAnswer> GetSellerRankingAsync(DashboardFilter filter, int limit, CancellationToken ct = default) =>
        GetAnalyticsAsync<SellerRankingAnswer>("sellers/ranking", Join(filter.ApiQuery(withCategory: false), $"limit={limit}"), ct);

    /// <summary>The product categories the filter offers: every category of the warehouse (the filter also accepts one typed by hand, which the Api checks).</summary>
    public async Task<IReadOnlyList<string>> GetCategoriesAsync(CancellationToken ct = default) =>
        [.. (await GetAnalyticsAsync<CategoriesAnswer>("categories", "", ct)).Categories.Select(c => c.Category)];

    /// <summary>
    /// The CSV download of an analytics table (<paramref name="path"/> one of <see cref="CsvPaths"/>; query without
    /// format), streamed as the Api sends it: the browser cannot reach the Api, so the Web passes it on.
    /// </summary>
    public async Task<HttpResponseMessage> GetCsvAsync(string path, string query, CancellationToken ct = default)
    {
        if (!CsvPaths.Contains(path)) throw new ArgumentException($"No CSV download for '{path}'.", nameof(path));
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/analytics/{path}?{Join(query, "format=csv")}");
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    private async Task<T> GetAnalyticsAsync<T>(string path, string query, CancellationToken ct)
    {
        var uri = $"api/analytics/{path}" + (query.Length == 0 ? "" : "?" + query);
        using var response = await http.GetAsync(uri, ct);
        if (response.StatusCode == HttpStatusCode.BadRequest) throw new ApiProblemException(await ProblemAsync(response, ct), response.StatusCode);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct)
               ?? throw new InvalidOperationException($"The Api answered /{uri} with an empty body.");
    }

    /// <summary>The messages of a ValidationProblem (or the title/detail of a ProblemDetails).</summary>
    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = json.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var messages = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())).OfType<string>().ToList();
                if (messages.Count > 0) return string.Join(" ", messages);
            }
            if (root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } d) return d;
            if (root.TryGetProperty("title", out var title) && title.GetString() is { Length: > 0 } t) return t;
        }
        catch (JsonException)
        {
        }
        return "The Api refused the query (400).";
    }

    private static string Join(string query, string more) => query.Length == 0 ? more : more.Length == 0 ? query : query + "&" + more;
}
