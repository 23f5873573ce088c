using System.Net.Http.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>Typed client of the Ecom.Aspire Api: the only way the Web reads data.</summary>
public sealed partial class EcomApiClient(HttpClient http)
{
    public async Task<DatabaseOverview> GetOverviewAsync(CancellationToken ct = default) =>
        await http.GetFromJsonAsync<DatabaseOverview>("api/overview", ct)
        ?? throw new InvalidOperationException("The Api answered /api/overview with an empty body.");

    public async Task<LiveKpisAnswer> GetLiveKpisAsync(CancellationToken ct = default) =>
        await http.GetFromJsonAsync<LiveKpisAnswer>("api/kpis/live", ct)
        ?? throw new InvalidOperationException("The Api answered /api/kpis/live with an empty body.");
}
