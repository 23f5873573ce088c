using System.Net;
using System.Net.Http.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>What the Simulations page asks to start (every field optional; the Api's defaults apply).</summary>
public sealed record StartSimulation(DateOnly? From, DateOnly? To, int? Years, int? Customers, long? Seed);

/// <summary>The Api's answer to a start: the run (202), or why not (the Api's validation messages per field, or a refusal).</summary>
public sealed record StartOutcome(RunView? Run, IReadOnlyDictionary<string, string[]> Errors, string? Refusal);

/// <summary>
/// Typed client of /api/simulations. Starting one needs the admin key: the Web sends it from its own configuration
/// (<c>Ecom:AdminApiKey</c>, the key the Api's admin-key authentication reads) in the X-Api-Key header, server side;
/// the browser never sees it.
/// </summary>
public sealed class SimulationsApiClient(HttpClient http, IConfiguration configuration)
{
    public const string AdminKeySetting = "Ecom:AdminApiKey";
    public const string AdminKeyHeader = "X-Api-Key";

    /// <summary>Whether this Web may start simulations (an admin key is configured).</summary>
    public bool CanStart => !string.IsNullOrEmpty(configuration[AdminKeySetting]);

    public async Task<IReadOnlyList<RunView>> GetSimulationsAsync(int take = 20, CancellationToken ct = default) =>
        await http.GetFromJsonAsync<List<RunView>>($"api/simulations?take={take}", ct) ?? [];

    /// <summary>One run with the progress of each chunk; null when there is no such run.</summary>
    public async Task<RunView?> GetSimulationAsync(int id, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"api/simulations/{id}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RunView>(ct);
    }

    public async Task<StartOutcome> StartAsync(StartSimulation request, CancellationToken ct = default)
    {
        if (!CanStart) return new StartOutcome(null, new Dictionary<string, string[]>(), $"This dashboard has no admin key ({AdminKeySetting}): it cannot start simulations.");
        using var message = new HttpRequestMessage(HttpMethod.Post, "api/simulations") { Content = JsonContent.Create(request) };
        message.Headers.Add(AdminKeyHeader, configuration[AdminKeySetting]);
        using var response = await http.SendAsync(message, ct);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Accepted or HttpStatusCode.OK:
                return new StartOutcome(await response.Content.ReadFromJsonAsync<RunView>(ct), new Dictionary<string, string[]>(), null);
            case HttpStatusCode.BadRequest:
                var problem = await response.Content.ReadFromJsonAsync<Problem>(ct);
                return new StartOutcome(null, problem?.Errors ?? new Dictionary<string, string[]>(), problem?.Errors is null ? problem?.Detail ?? problem?.Title : null);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new StartOutcome(null, new Dictionary<string, string[]>(), "The Api refused this dashboard's admin key.");
            case HttpStatusCode.TooManyRequests:
                return new StartOutcome(null, new Dictionary<string, string[]>(), "Too many starts in a short time: try again in a minute.");
            default:
                response.EnsureSuccessStatusCode();
                return new StartOutcome(null, new Dictionary<string, string[]>(), $"The Api answered {(int)response.StatusCode}.");
        }
    }

    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}
