using System.Net;
using System.Net.Http.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>Typed client of the Api's ML endpoints (/api/forecast, /api/anomalies, /api/anomalies/metrics). Null = nothing trained yet (404).</summary>
public sealed class MlApiClient(HttpClient http)
{
    public Task<ForecastView?> GetForecastAsync(string scope = "total", CancellationToken ct = default) =>
        GetAsync<ForecastView>($"api/forecast?scope={Uri.EscapeDataString(scope)}", ct);

    public Task<AnomalyPageView?> GetAnomaliesAsync(int page = 1, int pageSize = 25, string? category = null, CancellationToken ct = default) =>
        GetAsync<AnomalyPageView>($"api/anomalies?page={page}&pageSize={pageSize}" + (category is null ? "" : $"&category={Uri.EscapeDataString(category)}"), ct);

    public Task<AnomalyMetricsView?> GetAnomalyMetricsAsync(CancellationToken ct = default) =>
        GetAsync<AnomalyMetricsView>("api/anomalies/metrics", ct);

    private async Task<T?> GetAsync<T>(string url, CancellationToken ct) where T : class
    {
        using var response = await http.GetAsync(url, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct)
            ?? throw new InvalidOperationException($"The Api answered {url} with an empty body.");
    }
}
